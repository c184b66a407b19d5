"""Structured data for search engines and other readers of the pages: schema.org JSON-LD per record page.

Measures are ``Legislation`` (with their legal force and dates), meetings and events ``Event``, people
``Person``, organizations ``Organization``, glossary terms ``DefinedTerm``; the open-data page is a ``Dataset``
with a ``DataDownload`` per file. Values come from the records only; the script element is written so that no
record text can close it (``<`` is escaped as ``\\u003c``).
"""

from __future__ import annotations

import json
import re
from typing import TYPE_CHECKING

from markupsafe import Markup

from .. import publishing
from ..labels import label
from ..models import KINDS, Record
from ..types import PartialDate

if TYPE_CHECKING:
    from ..graph import KnowledgeBase
    from .pages import Page

FORCE = {
    "in-force": "InForce",
    "announced": "NotInForce",
    "paused": "PartiallyInForce",
    "superseded": "NotInForce",
    "revoked": "NotInForce",
    "invalidated": "NotInForce",
    "expired": "NotInForce",
}
"""A measure's latest status as schema.org's LegalForceStatus."""
_TAGS = re.compile(r"<[^>]+>")


def _date(value: PartialDate | None) -> str | None:
    return str(value) if value else None


def _plain(text: str | None) -> str | None:
    return " ".join(_TAGS.sub("", text).split()) if text else None


def data(page: Page, record: Record) -> dict[str, object] | None:
    """The JSON-LD object of a record's page, or None for a kind without a schema.org type here."""
    kind = record.kind
    base = {"@context": "https://schema.org", "name": record.label}
    summary = _plain(getattr(record, "summary", None))
    if summary:
        base["description"] = summary
    if kind == "measure":
        first = record.first("in-force")  # type: ignore[attr-defined]
        return {
            **base,
            "@type": "Legislation",
            "legislationLegalForce": FORCE[record.status],  # type: ignore[attr-defined]
            "legislationType": label(record.authority),  # type: ignore[attr-defined]
            "legislationIdentifier": record.instrument,  # type: ignore[attr-defined]
            "legislationJurisdiction": page.kb[record.imposing].label,  # type: ignore[attr-defined]
            "datePublished": _date(record.status_history[0].date),  # type: ignore[attr-defined]
            **({"legislationDate": _date(first.date)} if first else {}),
        }
    if kind in ("meeting", "event"):
        start = getattr(record, "start", None) or getattr(record, "date", None)
        event: dict[str, object] = {**base, "@type": "Event", "startDate": _date(start)}
        if getattr(record, "end", None):
            event["endDate"] = _date(record.end)  # type: ignore[attr-defined]
        if getattr(record, "location", None):
            event["location"] = {"@type": "Place", "name": record.location}  # type: ignore[attr-defined]
        return event
    if kind == "person":
        person: dict[str, object] = {**base, "@type": "Person"}
        role = page.current_role(record)  # type: ignore[arg-type]
        if role:
            person["jobTitle"] = role
        if record.name_native:  # type: ignore[attr-defined]
            person["alternateName"] = record.name_native  # type: ignore[attr-defined]
        return person
    if kind == "organization":
        org: dict[str, object] = {**base, "@type": "Organization"}
        if record.website:  # type: ignore[attr-defined]
            org["url"] = str(record.website)  # type: ignore[attr-defined]
        return org
    if kind == "term":
        term: dict[str, object] = {**base, "@type": "DefinedTerm", "description": record.definition}  # type: ignore[attr-defined]
        if record.abbreviation:  # type: ignore[attr-defined]
            term["alternateName"] = record.abbreviation  # type: ignore[attr-defined]
        return term
    return None


def script(page: Page, record: Record) -> Markup:
    """The ``<script type="application/ld+json">`` element of a record's page (empty for other kinds)."""
    found = data(page, record)
    return _element(found) if found is not None else Markup("")


def _element(found: dict[str, object]) -> Markup:
    text = json.dumps({k: v for k, v in found.items() if v is not None}, ensure_ascii=False, sort_keys=True)
    text = text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    return Markup(f'<script type="application/ld+json">{text}</script>')


# The open-data page -------------------------------------------------------------------------------------------

DATA_FOLDER = "data"
"""Where the open-data page and its files are in the site (render/exports.py, render/lookup.py write them)."""
NAME = "Japan–US Tariff Talks Knowledge Base"
FORMATS = {
    ".gz": "application/gzip",
    ".json": "application/json",
    ".csv": "text/csv",
    ".ics": "text/calendar",
    ".atom": "application/atom+xml",
}


def downloads() -> list[str]:
    """The files the open-data page offers, in the order it lists them (relative to the data folder)."""
    kinds = [f"{model.plural}.csv" for model in KINDS.values()]
    return [
        "kb.json",
        *kinds,
        "timeline.ics",
        "timeline.atom",
        "tariff-rates.csv",
        "tariff-rates.json",
        "tariff-lines.csv",
        "tariff-lines.csv.gz",
    ]


def _url(name: str) -> str:
    """A file's address: absolute under the published site where KB_SITE_URL sets one, else relative to the
    open-data page (which is the folder's index page, with or without directory URLs)."""
    return publishing.absolute(f"{DATA_FOLDER}/{name}") or name


def dataset(kb: KnowledgeBase) -> dict[str, object]:
    """The open-data page as a schema.org ``Dataset``: its licence, the knowledge base's as-of date (never the
    clock) and one ``DataDownload`` per file."""
    return {
        "@context": "https://schema.org",
        "@type": "Dataset",
        "name": f"{NAME}: open data",
        "description": (
            f"Every record of the knowledge base ({len(kb.records)} sourced records) as JSON and as a CSV file per "
            f"kind, its timeline ({len(kb.timeline)} dated facts) as iCalendar and Atom, and the US duties by "
            "product category and by tariff line as CSV and JSON."
        ),
        "license": publishing.CONTENT_LICENSE_URL,
        "creator": {"@type": "Organization", "name": publishing.license_data()["attribution"]},
        "isAccessibleForFree": True,
        "dateModified": kb.as_of.isoformat() if kb.as_of else None,
        "url": publishing.absolute(f"{DATA_FOLDER}/"),
        "distribution": [
            {
                "@type": "DataDownload",
                "name": name,
                "encodingFormat": FORMATS[name[name.rindex(".") :]],
                "contentUrl": _url(name),
            }
            for name in downloads()
        ],
    }


def dataset_script(kb: KnowledgeBase) -> Markup:
    """The open-data page's ``<script type="application/ld+json">`` element."""
    return _element(dataset(kb))
