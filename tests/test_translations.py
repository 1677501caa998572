"""Translation parity (CONVENTIONS habit 8): all strings in Arabic, same placeholders, fresh .ts."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
TS_AR = ROOT / "i18n" / "weshape_ar.ts"
ARABIC_LETTER = re.compile("[\u0600-\u06ff]")
PLACEHOLDER = re.compile(r"%L?[0-9n]")


def messages(ts: Path) -> dict[tuple[str, str], ET.Element]:
    root = ET.parse(ts).getroot()
    return {
        (ctx.findtext("name", ""), msg.findtext("source", "")): msg
        for ctx in root.iter("context")
        for msg in ctx.iter("message")
        if (msg.find("translation") is not None)
        and msg.find("translation").get("type") not in ("obsolete", "vanished")
    }


def translations_of(msg: ET.Element) -> list[str]:
    translation = msg.find("translation")
    assert translation is not None
    forms = [f.text or "" for f in translation.iter("numerusform")]
    return forms if msg.get("numerus") == "yes" else [translation.text or ""]


def test_every_string_has_a_finished_arabic_translation() -> None:
    missing = []
    for (context, source), msg in messages(TS_AR).items():
        texts = translations_of(msg)
        unfinished = msg.find("translation").get("type") == "unfinished"
        if unfinished or not all(t.strip() for t in texts):
            missing.append(f"{context}: {source}")
        elif msg.get("numerus") == "yes":
            assert len(texts) == 6, f"{source}: Arabic needs six plural forms"
    assert not missing, "untranslated:\n" + "\n".join(missing)


def test_placeholders_match() -> None:
    for (context, source), msg in messages(TS_AR).items():
        for text in translations_of(msg):
            wanted = sorted(set(PLACEHOLDER.findall(source)))
            got = sorted(set(PLACEHOLDER.findall(text)))
            if msg.get("numerus") == "yes" and not re.search("%L?n", text):
                got += re.findall("%L?n", source)  # Arabic may spell out one or two
                got = sorted(set(got))
            assert got == wanted, f"{context}: {source!r} -> {text!r}"


def test_arabic_is_arabic() -> None:
    for (context, source), msg in messages(TS_AR).items():
        for text in translations_of(msg):
            if ARABIC_LETTER.search(source) is None and re.search("[A-Za-z]{3}", source):
                assert ARABIC_LETTER.search(text), f"{context}: {source!r} -> {text!r}"


def test_ts_is_up_to_date_with_the_sources(tmp_path: Path) -> None:
    lupdate = Path(sys.executable).with_name("pyside6-lupdate")
    if not lupdate.exists():
        pytest.skip("pyside6-lupdate not installed")
    fresh = tmp_path / "fresh.ts"
    shutil.copy(TS_AR, fresh)
    sources = sorted(str(p) for p in (ROOT / "weshape_desktop").rglob("*.py"))
    subprocess.run(
        [str(lupdate), *sources, "-no-obsolete", "-target-language", "ar", "-ts", str(fresh)],
        check=True,
        capture_output=True,
    )
    assert set(messages(fresh)) == set(messages(TS_AR)), "run `make lupdate` and translate"
