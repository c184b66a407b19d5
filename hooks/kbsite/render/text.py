"""Turning record values into safe Markdown: escaping, prose, dates, rates, labels and relative links."""

from __future__ import annotations

import html
import json
import posixpath
import re

from ..types import MONTHS, Markdown, PartialDate

_MD_PUNCTUATION = re.compile(r"([\\`*_{}\[\]()#+\-.!|~^])")
_RAW_HTML = re.compile(r"<(?!https?://[^\s>]+>)")

LABELS = {
    "ieepa": "IEEPA", "section-232": "Section 232", "section-301": "Section 301", "section-122": "Section 122",
    "mfn": "MFN (normal rate)", "in-force": "In force", "mou": "MOU", "fta": "FTA", "trq-arrangement": "TRQ arrangement",
    "us": "US", "jp": "Japan", "wto": "WTO", "in-person": "In person", "in-effect": "In effect",
    "think-tank": "Think tank", "executive-office": "Executive office", "international-organization": "International organization",
    "primary-legal": "Primary legal text", "news-wire": "News wire", "social-post": "Social media post",
    "customs-guidance": "Customs guidance", "official-statement": "Official statement", "additive": "Added on top of MFN",
    "floor": "All-in floor (tops MFN up to the rate)", "base": "Normal (MFN) rate",
}
"""How enum values read on the page where a plain capitalisation would read badly."""


def text(value: object) -> str:
    """Plain contributor text, made inert: no Markdown and no HTML survives, line breaks fold to spaces."""
    folded = " ".join(str(value).split())
    return html.escape(_MD_PUNCTUATION.sub(r"\\\1", folded), quote=True)


def prose(value: Markdown) -> str:
    """A Markdown field: its Markdown is kept, raw HTML is shown as text (the page is sanitized again later)."""
    return _RAW_HTML.sub("&lt;", str(value).strip())


def attribute(value: object) -> str:
    """Text for an HTML attribute value."""
    return html.escape(" ".join(str(value).split()), quote=True)


def front_matter_title(value: str) -> str:
    """A page title for front matter: the theme prints titles unescaped, so it gets HTML-escaped here."""
    return json.dumps(html.escape(" ".join(value.split()), quote=True), ensure_ascii=False)


def label(value: object) -> str:
    """An enum value as a reader sees it ("in-force" -> "In force")."""
    key = str(value)
    return LABELS.get(key, key.replace("-", " ").capitalize())


def date(value: PartialDate | None) -> str:
    """A partial date at its own precision: '2025', 'April 2025', '16 April 2025'."""
    return value.human() if value else ""


ZONES = {"America/New_York": "US Eastern time", "Asia/Tokyo": "Japan time", "Europe/Brussels": "Brussels time",
         "Asia/Seoul": "Korea time", "Asia/Ho_Chi_Minh": "Vietnam time", "Europe/Rome": "Rome time"}


def zone(name: str) -> str:
    """A time zone as readers say it."""
    return ZONES.get(name, name)


def percent(value: float | int) -> str:
    """15 -> '15%', 2.5 -> '2.5%'."""
    return f"{value:g}%"


def relative(from_uri: str, to_uri: str) -> str:
    """A relative link between two generated Markdown files, as MkDocs resolves and checks them."""
    return posixpath.relpath(to_uri, posixpath.dirname(from_uri) or ".")
