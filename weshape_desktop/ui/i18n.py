"""Translators, locale and layout direction (DESIGN §9, CONVENTIONS habit 4).

`Translations.apply(lang)` is called before the first widget exists and again when the user switches
language; Qt then sends every widget a LanguageChange event and each retranslates itself.
"""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QLibraryInfo, QLocale, Qt, QTranslator
from PySide6.QtWidgets import QApplication

I18N_DIR = Path(__file__).resolve().parents[2] / "i18n"
LANGUAGE_NAMES = {"en": "English", "ar": "العربية"}  # each in its own language, never translated

log = logging.getLogger(__name__)


def default_language() -> str:
    """The UI language implied by the default locale (set by `Translations.apply` before
    widgets exist)."""
    lang = QLocale().name().split("_")[0]
    return lang if lang in ("en", "ar") else "en"


class Translations:
    """Owns the installed translators of one QApplication."""

    def __init__(self, app: QApplication) -> None:
        self.app = app
        self.language = ""
        self._translators: list[QTranslator] = []

    def apply(self, lang: str) -> None:
        """Switch the whole app to `lang` ("en" or "ar"): texts, locale and direction."""
        for translator in self._translators:
            self.app.removeTranslator(translator)
        self._translators.clear()
        qt_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
        for name, folder in ((f"weshape_{lang}", str(I18N_DIR)), (f"qtbase_{lang}", qt_dir)):
            translator = QTranslator(self.app)
            if translator.load(name, folder):
                self.app.installTranslator(translator)
                self._translators.append(translator)
            elif lang != "en" or name.startswith("weshape"):
                log.warning("translation %s not found in %s", name, folder)
        QLocale.setDefault(QLocale(lang))
        rtl = QLocale(lang).textDirection() == Qt.LayoutDirection.RightToLeft
        self.app.setLayoutDirection(
            Qt.LayoutDirection.RightToLeft if rtl else Qt.LayoutDirection.LeftToRight
        )
        self.language = lang


def data_size(n: int | float, locale: QLocale | None = None) -> str:
    """ "2.1 MB" / "٢٫١ ميغابايت": decimal units, as file managers and browsers show sizes, and
    the only kind Qt names in Arabic (its binary "KiB" stays Latin inside Arabic text)."""
    return (locale or QLocale()).formattedDataSize(
        max(0, int(n)), 1, QLocale.DataSizeFormat.DataSizeSIFormat
    )


RLM = "\u200f"  # right-to-left mark


def in_reading_direction(text: str, locale: QLocale) -> str:
    """`text` for a label in `locale`'s direction. In Arabic, a value starting with Latin letters
    or digits ("MIT", "PNG, …", "120 kB") would be laid out as a left-to-right paragraph: aligned
    left, away from its neighbours, with its Arabic parts in the wrong order. A leading RLM on
    each line keeps it right-to-left. `plain_text` takes the marks off again."""
    if locale.textDirection() != Qt.LayoutDirection.RightToLeft:
        return text
    return "\n".join(RLM + line for line in text.split("\n"))


def plain_text(shown: str) -> str:
    """A label's text without `in_reading_direction`'s marks."""
    return shown.replace(RLM, "")


def locale_for(lang: str) -> QLocale:
    """The locale to format numbers, dates and sizes in for `lang`: the default one (which
    follows the UI language), unless a widget shows another language (tests switch only one)."""
    default = QLocale()
    return default if default.name().split("_")[0] == lang else QLocale(lang)
