"""Library search benchmark: LibraryStore with 100,000 entries (DESIGN §12: search p95 <= 10 ms).

Fills a fresh library with synthetic entries (titles and tags in English and Arabic from a small
word list, fixed seed), reopens it (integrity check included), then runs 500 realistic 1-3 word
searches (English, Arabic with and without the article, prefixes as typed) through `query_ids`.

    python bench/library_search.py [--quick]     # --quick: 10,000 entries, well under a minute

Prints a table; the last stdout line is one JSON object, also written to
bench/results/library_search.json.
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from common import Target, report  # noqa: E402

from weshape_desktop.core.library import LibraryQuery, LibraryStore, NewFile  # noqa: E402
from weshape_desktop.core.models import Illustration  # noqa: E402

WORDS = [  # (English, Arabic) pairs; Arabic with the article, alef forms and ة on purpose
    ("rocket", "الصاروخ"),
    ("meeting", "اجتماع"),
    ("office", "المكتب"),
    ("garden", "الحديقة"),
    ("doctor", "الطبيب"),
    ("hospital", "مستشفى"),
    ("school", "المدرسة"),
    ("teacher", "المعلمة"),
    ("family", "الأسرة"),
    ("travel", "السفر"),
    ("mountain", "الجبل"),
    ("ocean", "المحيط"),
    ("city", "المدينة"),
    ("market", "السوق"),
    ("coffee", "القهوة"),
    ("reading", "القراءة"),
    ("music", "الموسيقى"),
    ("sport", "الرياضة"),
    ("football", "كرة القدم"),
    ("computer", "الحاسوب"),
    ("phone", "الهاتف"),
    ("security", "الأمان"),
    ("cloud", "السحابة"),
    ("data", "البيانات"),
    ("chart", "رسم بياني"),
    ("money", "المال"),
    ("bank", "المصرف"),
    ("shopping", "التسوق"),
    ("delivery", "التوصيل"),
    ("food", "الطعام"),
    ("kitchen", "المطبخ"),
    ("winter", "الشتاء"),
    ("summer", "الصيف"),
    ("desert", "الصحراء"),
    ("camel", "الجمل"),
    ("star", "النجمة"),
    ("moon", "القمر"),
    ("sun", "الشمس"),
    ("tree", "الشجرة"),
    ("flower", "الزهرة"),
    ("cat", "القطة"),
    ("dog", "الكلب"),
    ("bird", "الطائر"),
    ("team", "الفريق"),
    ("success", "النجاح"),
    ("idea", "الفكرة"),
    ("search", "البحث"),
    ("error", "الخطأ"),
    ("empty", "فارغ"),
    ("welcome", "أهلا"),
]
CATEGORIES = ["people", "business", "nature", "tech", "food", "travel"]


def synthetic_items(n: int, rng: random.Random) -> list[Illustration]:
    items = []
    for i in range(n):
        words = rng.sample(WORDS, rng.randint(2, 4))
        tags = rng.sample(WORDS, rng.randint(1, 3))
        items.append(
            Illustration(
                id=f"syn-{i:06d}",
                title={
                    "en": " ".join(w[0] for w in words).capitalize(),
                    "ar": " ".join(w[1] for w in words),
                },
                tags={"en": tuple(t[0] for t in tags), "ar": tuple(t[1] for t in tags)},
                category=rng.choice(CATEGORIES),
                style="flat",
                accent="#6c5ce7",
                sha256=f"{i:064x}",
                bytes=10_000 + i % 5000,
                width=800,
                height=600,
                license="MIT",
                updated_at="2024-01-01T00:00:00Z",
            )
        )
    return items


def realistic_queries(count: int, rng: random.Random) -> list[str]:
    """What people type: whole words, words cut short (typing), two or three words, Arabic with
    and without the article and with the spelling variants the search folds."""
    out = []
    for _ in range(count):
        k = rng.choices([1, 2, 3], weights=[6, 3, 1])[0]
        terms = []
        for en, ar in rng.sample(WORDS, k):
            word = en if rng.random() < 0.5 else ar.split()[0]
            roll = rng.random()
            if roll < 0.3:
                word = word[: max(2, len(word) // 2 + 1)]  # still typing
            elif roll < 0.45 and word.startswith("ال"):
                word = word[2:]  # without the article
            elif roll < 0.55:
                word = word.replace("ة", "ه").replace("أ", "ا").upper()
            terms.append(word)
        out.append(" ".join(terms))
    return out


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="10,000 entries instead of 100,000")
    parser.add_argument("--searches", type=int, default=500)
    parser.add_argument("--check", action="store_true", help="exit 1 when a target is missed")
    args = parser.parse_args()
    n = 10_000 if args.quick else 100_000
    rng = random.Random(20240601)
    items = synthetic_items(n, rng)
    queries = realistic_queries(args.searches, rng)

    with tempfile.TemporaryDirectory(prefix="weshape-bench-") as tmp:
        path = Path(tmp) / "library.db"
        t0 = time.perf_counter()
        store = LibraryStore(path)
        for start in range(0, n, 10_000):  # a transaction per 10k, as a re-import would
            store.add_entries(
                NewFile(i, f"{i.id}.svg", i.sha256, "svg", i.bytes)
                for i in items[start : start + 10_000]
            )
        fill_s = time.perf_counter() - t0
        store.close()

        t0 = time.perf_counter()
        store = LibraryStore(path)  # quick_check + migrations check
        open_s = time.perf_counter() - t0
        assert store.recovered_from is None and store.count() == n

        t0 = time.perf_counter()
        full_ok = store.check_integrity()
        integrity_check_s = time.perf_counter() - t0

        reader = store.open_reader()
        reader.query_ids(LibraryQuery(text="warm"))  # first-use costs out of the figures
        timings: list[float] = []
        hits: list[int] = []
        for q in queries:
            t0 = time.perf_counter()
            found = reader.query_ids(LibraryQuery(text=q))
            timings.append((time.perf_counter() - t0) * 1000)
            hits.append(len(found))
        all_times = []
        for _ in range(5):  # each on a new reader: the display order is read, not the one kept
            fresh = store.open_reader()
            t0 = time.perf_counter()
            every = fresh.query_ids(LibraryQuery(sort="added"))
            all_times.append((time.perf_counter() - t0) * 1000)
            fresh.close()
        assert len(every) == n
        fresh = store.open_reader()
        t0 = time.perf_counter()
        by_title = fresh.query_ids(LibraryQuery(sort="title", lang="ar", descending=False))
        title_ms = (time.perf_counter() - t0) * 1000
        fresh.close()
        assert len(by_title) == n
        t0 = time.perf_counter()
        page = reader.query(LibraryQuery(text="الحديقة"), limit=200)
        assert page
        page_ms = (time.perf_counter() - t0) * 1000
        reader.close()
        store.close()
        size_mb = sum(p.stat().st_size for p in Path(tmp).iterdir()) / 1e6

    figures = {
        "items": n,
        "searches": len(queries),
        "fill_s": round(fill_s, 2),
        "open_s": round(open_s, 3),
        "integrity_check_s": round(integrity_check_s, 3),
        "integrity_ok": full_ok,
        "search_p50_ms": round(statistics.median(timings), 2),
        "search_p95_ms": round(percentile(timings, 95), 2),
        "search_max_ms": round(max(timings), 2),
        "search_hits_median": int(statistics.median(hits)),
        "query_ids_all_ms": round(statistics.median(all_times), 1),
        "query_ids_title_ar_ms": round(title_ms, 1),
        "query_page_200_ms": round(page_ms, 1),
        "db_mb": round(size_mb, 1),
        "target_search_p95_ms": 10,
    }
    print(f"LibraryStore search, {n:,} entries, {len(queries)} searches")
    print(f"  {'fill (add_entries, 10k per transaction)':42} {fill_s:9.2f} s")
    print(f"  {'open (quick_check + schema check)':42} {open_s:9.3f} s")
    print(f"  {'full integrity_check':42} {integrity_check_s:9.3f} s")
    print(f"  {'search p50':42} {figures['search_p50_ms']:9.2f} ms")
    print(f"  {'search p95 (target <= 10 ms)':42} {figures['search_p95_ms']:9.2f} ms")
    print(f"  {'search max':42} {figures['search_max_ms']:9.2f} ms")
    print(f"  {'hits per search (median)':42} {figures['search_hits_median']:9d}")
    print(f"  {'query_ids, all, by date':42} {figures['query_ids_all_ms']:9.1f} ms")
    print(f"  {'query_ids, all, by Arabic title':42} {title_ms:9.1f} ms")
    print(f"  {'query (first 200 entries of a search)':42} {page_ms:9.1f} ms")
    print(f"  {'database size':42} {size_mb:9.1f} MB")
    target = Target("search_p95_ms", "≤", 10, "LibraryStore search, p95")
    if report("library_search", figures, (target,)) and args.check:
        raise SystemExit(1)


if __name__ == "__main__":
    main()
