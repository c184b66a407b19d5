"""The site's languages: the words of the interface in each, and the language the core renders in now.

English is the language the records and the templates are written in. Every other language has a catalogue
in a folder beside this file (``ja/*.yml``, one file per part of the code): each interface string of the templates and the renderers, in English, mapped to
its translation. Templates write ``{{ _("Sources") }}``, Python ``t("Sources")``; a string with values names them
in braces (``t("{name} becomes {title}", name=..., title=...)``), the same names in every language.

One build renders the English site, then the Japanese one, from the same validated records (see
:func:`kbsite.i18n.records.translated`); :func:`using` says which language the core renders in meanwhile. It is a
setting of the process, like the locale: forked workers inherit it.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from functools import cache
from pathlib import Path

import yaml

LANGUAGES = ("en", "ja")
"""The site's languages, the first the default (the site at /), each other one at /<language>/."""
NAMES = {"en": "English", "ja": "日本語"}
"""Each language as its readers name it (the language switcher)."""
CATALOGUES = Path(__file__).parent

_current = "en"


def current() -> str:
    """The language the core renders in now."""
    return _current


@contextlib.contextmanager
def using(language: str) -> Iterator[None]:
    """Render in ``language`` inside the block."""
    global _current
    if language not in LANGUAGES:
        raise ValueError(f"unknown language {language!r}: expected one of {', '.join(LANGUAGES)}")
    before, _current = _current, language
    try:
        yield
    finally:
        _current = before


@cache
def catalogue(language: str) -> dict[str, str]:
    """The interface strings of ``language``, by their English; empty for English."""
    if language == "en":
        return {}
    strings: dict[str, str] = {}
    for path in sorted((CATALOGUES / language).glob("*.yml")):
        loaded = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        strings.update((str(key), str(value)) for key, value in loaded.items())
    return strings


def t(english: str, /, **values: object) -> str:
    """An interface string in the current language (English where the catalogue lacks it), its values filled in."""
    text = catalogue(_current).get(english, english) if _current != "en" else english
    return text.format(**values) if values else text
