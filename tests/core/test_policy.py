"""The bundled policy is the seed's text, verbatim, and its HTML keeps every word."""

from __future__ import annotations

import html
import re
from pathlib import Path

import pytest

from weshape_desktop.core.policy import PolicyFiles, PolicyText, bundled_policy, policy_html

SEED = Path(__file__).resolve().parents[3] / "shared" / "seed" / "privacy-policy.txt"


def test_bundled_halves_are_the_seed() -> None:
    if not SEED.exists():
        pytest.skip("shared/seed is not beside this checkout")
    ar, en = bundled_policy("ar"), bundled_policy("en")
    assert ar.text + "\n" + en.text == SEED.read_text(encoding="utf-8")
    assert ar.version == en.version == 1


@pytest.mark.parametrize("lang", ["ar", "en"])
def test_html_keeps_every_word_and_links_the_contact(lang: str) -> None:
    text = bundled_policy(lang).text
    rendered = policy_html(text)
    assert '<a href="mailto:info@invospark.com">info@invospark.com</a>' in rendered
    shown = html.unescape(re.sub(r"<[^>]+>", "", rendered))
    source = re.sub(r"^- ", "", text, flags=re.M)  # bullets become list items
    assert "".join(shown.split()) == "".join(source.split())
    assert rendered.count("<h3>") >= 6


def test_html_escapes_markup() -> None:
    assert policy_html("a <script>x</script> line that is long enough to be a paragraph.") == (
        "<p>a &lt;script&gt;x&lt;/script&gt; line that is long enough to be a paragraph.</p>"
    )


def test_damaged_policy_files_fall_back_to_the_bundled_policy(tmp_path: Path) -> None:
    files = PolicyFiles(tmp_path)
    files.cache_file.write_text('{"en": {"version": "two"}}', encoding="utf-8")
    files.acknowledged_file.write_text("{not json", encoding="utf-8")
    assert files.policy("en") == bundled_policy("en")
    assert files.device_acknowledged() == bundled_policy("en").version


def test_an_older_policy_never_replaces_a_newer_cached_one(tmp_path: Path) -> None:
    files = PolicyFiles(tmp_path)
    newer = [PolicyText(3, "2027-03-01", True, lang, f"v3 {lang}") for lang in ("ar", "en")]
    files.remember(newer)
    files.remember([PolicyText(2, "2027-02-01", False, lang, "v2") for lang in ("ar", "en")])
    assert files.policy("ar") == newer[0]
    files.acknowledge_on_device(3)
    files.acknowledge_on_device(2)
    assert files.device_acknowledged() == 3
