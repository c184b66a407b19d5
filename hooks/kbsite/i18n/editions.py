"""The site's editions: one per language, the first at the site's root, each other one in /<language>/.

Every edition has the same pages at the same paths below its root; what differs is the language of the records'
texts (records.py), of the interface (the catalogues) and of the theme. These functions are pure: the MkDocs
adapter asks them what to configure for an edition.
"""

from __future__ import annotations

import os
from typing import Any

from . import LANGUAGES, NAMES, t, using


def languages() -> tuple[str, ...]:
    """The editions to build: ``KB_LANGUAGES`` (``en`` builds the English site alone, as `make bench` measures),
    else every language of :data:`LANGUAGES`; English always, and first."""
    wanted = os.environ.get("KB_LANGUAGES", "").replace(",", " ").split()
    chosen = [language for language in LANGUAGES if not wanted or language in wanted]
    return tuple(dict.fromkeys(["en", *chosen]))


def root(language: str) -> str:
    """An edition's folder below the site's root: '' for English, 'ja/' for Japanese."""
    return "" if language == LANGUAGES[0] else f"{language}/"


def up(language: str) -> str:
    """The way from an edition's root to the site's root, where files shared by the editions are ('../' from
    the Japanese edition)."""
    return "../" * root(language).count("/")


def alternates(language: str, site_url: str = "") -> list[dict[str, str]]:
    """The theme's language switcher for an edition: each edition's name, language and the path from this
    edition's root to its root ('ja/' from English, '../' back); ``href`` its absolute root where the site
    has an address (for hreflang)."""
    back = up(language)
    base = site_url.rstrip("/") + "/" if site_url else ""
    return [
        {
            "name": NAMES[other],
            "lang": other,
            "link": "" if other == language else back + root(other),
            "href": base + root(other) if base else "",
        }
        for other in languages()
    ]


def translated_nav(nav: Any, language: str) -> Any:
    """mkdocs.yml's navigation with its labels in ``language`` (the same pages: every edition has them all)."""
    with using(language):
        return _nav(nav)


def _nav(items: Any) -> Any:
    if isinstance(items, list):
        return [_nav(item) for item in items]
    if isinstance(items, dict):
        return {t(label): _nav(target) for label, target in items.items()}
    return items
