"""(Re)build resources/catalog/manifest.json from the vendored SVGs; --vendor re-vendors them first.

    .venv/bin/python resources/catalog/build_manifest.py           # manifest from the files present
    .venv/bin/python resources/catalog/build_manifest.py --vendor  # npm pack, copy SVGs, manifest

Titles, tags and categories (English and Arabic) are written by hand in ITEMS below; sha256, bytes,
width, height and accent are computed from the files. See README.md for the manifest format.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parents[1]))

from weshape_desktop.server.catalog_source import (  # noqa: E402
    dominant_accent,
    parse_svg,
    svg_dimensions,
)

GRAVITY = {
    "name": "@gravity-ui/illustrations",
    "version": "2.1.1",
    "dir": "gravity-ui",
    "updated_at": "2026-05-08T10:40:21Z",
}  # npm publish time of that version
SEMI = {
    "name": "@douyinfe/semi-illustrations",
    "version": "2.103.0",
    "dir": "semi",
    "updated_at": "2026-09-02T00:20:20Z",
}

# Semi's SVGs colour their accent with CSS variables of the Semi theme, which a standalone SVG can't
# resolve (QtSvg paints nothing). Vendoring substitutes the default theme's values
# (@douyinfe/semi-theme-default 2.103.0: blue-5 / blue-0 / blue-1, and blue-5 for the dark palette).
SEMI_THEME = {
    "light": {
        "--semi-color-primary": "#0064FA",
        "--semi-color-primary-light-default": "#EAF5FF",
        "--semi-color-primary-light-hover": "#CBE7FE",
    },
    "dark": {"--semi-color-primary": "#54A9FF"},
}

CATEGORIES = {
    "errors": {"en": "Errors", "ar": "أخطاء"},
    "empty": {"en": "Empty states", "ar": "حالات فارغة"},
    "success": {"en": "Success", "ar": "نجاح"},
    "access": {"en": "Access & security", "ar": "الوصول والأمان"},
    "connection": {"en": "Connection & messaging", "ar": "الاتصال والمراسلة"},
    "data": {"en": "Data & storage", "ar": "البيانات والتخزين"},
    "work": {"en": "Projects & documents", "ar": "المشاريع والمستندات"},
    "progress": {"en": "Work in progress", "ar": "قيد الإنشاء"},
}
STYLES = {
    "light": {"en": "Light", "ar": "فاتح"},
    "dark": {"en": "Dark", "ar": "داكن"},
    "light-hc": {"en": "Light, high contrast", "ar": "فاتح عالي التباين"},
    "dark-hc": {"en": "Dark, high contrast", "ar": "داكن عالي التباين"},
}

# base name -> (category, en title, ar title, en tags, ar tags)
ITEMS: dict[str, tuple[str, str, str, list[str], list[str]]] = {
    # @gravity-ui/illustrations: <base>-{light,dark,light-hc,dark-hc}.svg
    "access-denied": (
        "access",
        "Access denied",
        "تم رفض الوصول",
        ["403", "forbidden", "permission", "lock", "security"],
        ["403", "محظور", "صلاحيات", "قفل", "أمان"],
    ),
    "bucket": (
        "data",
        "Storage bucket",
        "حاوية تخزين",
        ["bucket", "storage", "files", "cloud"],
        ["حاوية", "تخزين", "ملفات", "سحابة"],
    ),
    "chart": (
        "work",
        "Charts and reports",
        "مخططات وتقارير",
        ["chart", "analytics", "report", "dashboard"],
        ["مخطط", "تحليلات", "تقرير", "لوحة معلومات"],
    ),
    "database": (
        "data",
        "Database",
        "قاعدة بيانات",
        ["database", "server", "data", "storage"],
        ["قاعدة بيانات", "خادم", "بيانات", "تخزين"],
    ),
    "detail": (
        "work",
        "Details",
        "التفاصيل",
        ["details", "document", "report", "overview"],
        ["تفاصيل", "مستند", "تقرير", "نظرة عامة"],
    ),
    "disk": (
        "data",
        "Disk",
        "قرص تخزين",
        ["disk", "drive", "storage", "backup"],
        ["قرص", "محرك أقراص", "تخزين", "نسخ احتياطي"],
    ),
    "feature": (
        "work",
        "New feature",
        "ميزة جديدة",
        ["feature", "new", "terminal", "code"],
        ["ميزة", "جديد", "سطر الأوامر", "برمجة"],
    ),
    "folder": (
        "empty",
        "Empty folder",
        "مجلد فارغ",
        ["folder", "empty", "files", "directory"],
        ["مجلد", "فارغ", "ملفات", "دليل"],
    ),
    "history": (
        "work",
        "History",
        "السجل",
        ["history", "log", "records", "timeline"],
        ["السجل", "سجل الأحداث", "سجلات", "تسلسل زمني"],
    ),
    "identity": (
        "access",
        "Identity and keys",
        "الهوية والمفاتيح",
        ["identity", "key", "password", "sign in", "security"],
        ["هوية", "مفتاح", "كلمة المرور", "تسجيل الدخول", "أمان"],
    ),
    "internal-error": (
        "errors",
        "Server error",
        "خطأ في الخادم",
        ["500", "server", "error", "storm", "outage"],
        ["500", "خادم", "خطأ", "عاصفة", "انقطاع الخدمة"],
    ),
    "network": (
        "connection",
        "Network",
        "الشبكة",
        ["network", "servers", "connection", "infrastructure"],
        ["شبكة", "خوادم", "اتصال", "بنية تحتية"],
    ),
    "no-search-results": (
        "empty",
        "No search results",
        "لا توجد نتائج بحث",
        ["search", "empty", "nothing found", "question"],
        ["بحث", "فارغ", "لا توجد نتائج", "سؤال"],
    ),
    "not-found": (
        "errors",
        "Page not found",
        "الصفحة غير موجودة",
        ["404", "not found", "search", "missing"],
        ["404", "غير موجود", "بحث", "مفقود"],
    ),
    "project": (
        "work",
        "Project presentation",
        "عرض المشروع",
        ["project", "presentation", "board", "plan"],
        ["مشروع", "عرض تقديمي", "لوحة", "خطة"],
    ),
    "queue": (
        "connection",
        "Message queue",
        "طابور الرسائل",
        ["queue", "messages", "chat", "notifications"],
        ["طابور", "رسائل", "محادثة", "إشعارات"],
    ),
    "snapshot": (
        "data",
        "Snapshot",
        "لقطة",
        ["snapshot", "camera", "backup", "capture"],
        ["لقطة", "كاميرا", "نسخ احتياطي", "التقاط"],
    ),
    "success-operation": (
        "success",
        "Operation succeeded",
        "تمت العملية بنجاح",
        ["success", "done", "check mark", "complete"],
        ["نجاح", "تم", "علامة صح", "مكتمل"],
    ),
    "template": (
        "work",
        "Template",
        "قالب",
        ["template", "layout", "create", "add"],
        ["قالب", "تخطيط", "إنشاء", "إضافة"],
    ),
    "unable-to-display": (
        "errors",
        "Unable to display",
        "يتعذر العرض",
        ["error", "file", "preview", "broken"],
        ["خطأ", "ملف", "معاينة", "تالف"],
    ),
    "virtual-machine": (
        "data",
        "Virtual machine",
        "جهاز افتراضي",
        ["virtual machine", "server", "cloud", "computing"],
        ["جهاز افتراضي", "خادم", "سحابة", "حوسبة"],
    ),
    # @douyinfe/semi-illustrations: <name>.svg (light) and <name>-dark.svg
    "construction": (
        "progress",
        "Under construction",
        "قيد الإنشاء",
        ["construction", "coming soon", "work in progress", "building"],
        ["قيد الإنشاء", "قريبًا", "العمل جارٍ", "بناء"],
    ),
    "failure": (
        "errors",
        "Something went wrong",
        "حدث خطأ ما",
        ["failure", "error", "problem", "warning"],
        ["فشل", "خطأ", "مشكلة", "تحذير"],
    ),
    "idle": (
        "empty",
        "Nothing to do",
        "لا توجد مهام",
        ["idle", "rest", "relax", "waiting"],
        ["خمول", "استراحة", "استرخاء", "انتظار"],
    ),
    "no-access": (
        "access",
        "No access",
        "لا تملك صلاحية الوصول",
        ["no access", "locked", "door", "permission"],
        ["وصول مرفوض", "مغلق", "باب", "صلاحيات"],
    ),
    "no-content": (
        "empty",
        "No content yet",
        "لا يوجد محتوى بعد",
        ["empty", "content", "laptop", "start"],
        ["فارغ", "محتوى", "حاسوب محمول", "بداية"],
    ),
    "no-result": (
        "empty",
        "No results",
        "لا توجد نتائج",
        ["empty box", "search", "nothing found", "box"],
        ["صندوق فارغ", "بحث", "لا توجد نتائج", "صندوق"],
    ),
    "not-found-person": (
        "errors",
        "Not found",
        "غير موجود",
        ["404", "not found", "reading", "lost"],
        ["404", "غير موجود", "قراءة", "مفقود"],
    ),
    "success": (
        "success",
        "Success",
        "نجاح",
        ["success", "celebration", "joy", "done"],
        ["نجاح", "احتفال", "فرح", "تم"],
    ),
}
# Semi file stem -> base name above (Semi uses camelCase; "notFound" would clash with Gravity's).
SEMI_NAMES = {
    "construction": "construction",
    "failure": "failure",
    "idle": "idle",
    "noAccess": "no-access",
    "noContent": "no-content",
    "noResult": "no-result",
    "notFound": "not-found-person",
    "success": "success",
}


def _npm_pack(spec: str, workdir: Path) -> Path:
    out = subprocess.run(
        ["npm", "pack", spec, "--silent"], cwd=workdir, check=True, capture_output=True, text=True
    ).stdout.split()[-1]
    target = workdir / spec.replace("/", "_")
    with tarfile.open(workdir / out) as tar:
        tar.extractall(target, filter="data")
    return target / "package"


def _renders(path: Path) -> bool:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtSvg import QSvgRenderer

    return QSvgRenderer(str(path)).isValid()


def painted_accent(path: Path, text: str) -> str:
    """The chromatic colour declared in the file that covers the most pixels when rendered.

    Counting declarations (dominant_accent, what the server does for plain folders) favours small,
    often-repeated details; for the curated sample we measure what a person actually sees."""
    from collections import Counter

    from PySide6.QtGui import QColor, QGuiApplication, QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    from weshape_desktop.server.catalog_source import COLOUR_RE, is_chromatic, normalise_hex

    _app = QGuiApplication.instance() or QGuiApplication([])
    declared = {normalise_hex(m["hex"]) for m in COLOUR_RE.finditer(text)}
    wanted = {QColor(c).rgb(): c for c in declared if is_chromatic(c)}
    image = QImage(128, 128, QImage.Format.Format_ARGB32)
    image.fill(0)
    painter = QPainter(image)
    QSvgRenderer(str(path)).render(painter)
    painter.end()
    seen = Counter(image.pixel(x, y) for x in range(128) for y in range(128))
    covered = [(seen[rgb], colour) for rgb, colour in wanted.items() if seen[rgb]]
    return max(covered)[1] if covered else dominant_accent(text)


def vendor() -> None:
    """Fetch both packages with `npm pack` and copy their raw SVGs (and LICENSE) into place."""
    with tempfile.TemporaryDirectory() as tmp:
        for pkg in (GRAVITY, SEMI):
            src = _npm_pack(f"{pkg['name']}@{pkg['version']}", Path(tmp))
            dest = HERE / pkg["dir"]
            shutil.rmtree(dest, ignore_errors=True)
            dest.mkdir()
            shutil.copy(src / "LICENSE", dest / "LICENSE")
            svgs = (
                sorted((src / "svgs").glob("*.svg"))
                if pkg is GRAVITY
                else sorted((src / "src" / "svgs").glob("*.svg"))
            )
            for svg in svgs:
                text = svg.read_text(encoding="utf-8")
                if pkg is SEMI:
                    stem, dark = svg.stem.removesuffix("-dark"), svg.stem.endswith("-dark")
                    for var, value in SEMI_THEME["dark" if dark else "light"].items():
                        text = text.replace(f"var({var})", value)
                    if "var(--" in text:
                        raise SystemExit(f"{svg.name}: unresolved CSS variable left")
                    name = f"{SEMI_NAMES[stem]}-{'dark' if dark else 'light'}.svg"
                else:
                    name = svg.name
                (dest / name).write_text(text, encoding="utf-8")
                if not _renders(dest / name):
                    print(f"dropped {pkg['dir']}/{name}: QtSvg can't render it", file=sys.stderr)
                    (dest / name).unlink()


def build() -> dict:
    items = []
    for pkg in (GRAVITY, SEMI):
        found = []
        for path in (HERE / pkg["dir"]).glob("*.svg"):
            match = re.fullmatch(r"(?P<base>.+?)-(?P<style>light|dark)(?P<hc>-hc)?", path.stem)
            if not match or match["base"] not in ITEMS:
                raise SystemExit(f"{path}: no entry in ITEMS")
            style = list(STYLES).index(match["style"] + (match["hc"] or ""))
            found.append((match["base"], style, path, match))
        # One illustration's variants together, in STYLES order: the server shows the first one
        # as the illustration's card.
        for _base, _style, path, match in sorted(found, key=lambda f: f[:2]):
            category, en, ar, tags_en, tags_ar = ITEMS[match["base"]]
            data = path.read_bytes()
            width, height = svg_dimensions(parse_svg(data))
            prefix = "gravity" if pkg is GRAVITY else "semi"
            items.append(
                {
                    "id": f"{prefix}-{path.stem}",
                    "family": f"{prefix}-{match['base']}",
                    "file": f"{pkg['dir']}/{path.name}",
                    "title": {"en": en, "ar": ar},
                    "tags": {"en": tags_en, "ar": tags_ar},
                    "category": category,
                    "style": match["style"] + (match["hc"] or ""),
                    "accent": painted_accent(path, data.decode("utf-8")),
                    "sha256": hashlib.sha256(data).hexdigest(),
                    "bytes": len(data),
                    "width": width,
                    "height": height,
                    "license": "MIT",
                    "source": f"{pkg['name']}@{pkg['version']}",
                    "updated_at": pkg["updated_at"],
                }
            )
    return {"format": 1, "categories": CATEGORIES, "styles": STYLES, "items": items}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--vendor", action="store_true", help="re-fetch the SVGs with npm pack first"
    )
    if parser.parse_args().vendor:
        vendor()
    manifest = build()
    text = json.dumps(manifest, ensure_ascii=False, indent=1) + "\n"
    (HERE / "manifest.json").write_text(text, encoding="utf-8")
    print(f"manifest.json: {len(manifest['items'])} items")


if __name__ == "__main__":
    main()
