"""Open-data exports: the knowledge base as downloadable files (JSON, a CSV per kind, iCalendar, Atom, an index)."""

from __future__ import annotations

import csv
import io
import json
import xml.etree.ElementTree as ET
from collections.abc import Callable, Iterable, Iterator
from typing import Any
from datetime import date, timedelta
from functools import partial
from pathlib import Path

import jinja2
from pydantic import BaseModel

from .. import publishing
from ..graph import KnowledgeBase
from ..i18n import t
from ..models import KINDS, Measure, Meeting, Record
from ..timeline import CATEGORIES, Entry
from . import structured
from . import text as fmt
from ..tariffs import Tariffs
from .pages import localized_template, record_uri
from .tariffs import rate_rows, rates_csv, rates_json

FOLDER = "data"
"""Where the exports live in the site; every path below is relative to it."""
TEMPLATES = Path(__file__).resolve().parent.parent / "templates"

TAG = "tag:kbsite,2025:"
"""The prefix of every Atom id (RFC 4151 tag URI; the date is fixed forever, it is part of the ids)."""
UID_DOMAIN = "kbsite"
"""The right-hand side of every iCalendar UID."""
FEED_TITLE = "Timeline"
NO_ENTRIES = date(1970, 1, 1)
"""The timestamp of an empty timeline (there is no entry date to take it from)."""

MEASURE_COLUMNS = (
    "announced",
    "in_force_from",
    "paused_from",
    "ended",
    "status",
    "rate_percent",
    "rate_application",
    "target_ids",
)
"""Columns measures.csv adds after the fields: the status history and rate flattened for spreadsheets."""
ENDING = ("superseded", "revoked", "invalidated", "expired")
"""The statuses that end a measure."""


def export_jobs(kb: KnowledgeBase, *, directory_urls: bool = True) -> list[Callable[[], dict[str, str]]]:
    """Each export as an independent job that returns {path in the site: text} (``data/kb.json``)."""

    def job(name: str, write: Callable[[], str]) -> Callable[[], dict[str, str]]:
        return lambda: {f"{FOLDER}/{name}": write()}

    return [
        job("index.md", lambda: index_page(kb)),
        job("kb.json", lambda: kb_json(kb)),
        *(job(f"{model.plural}.csv", partial(kind_csv, kb, kind)) for kind, model in KINDS.items()),
        job("timeline.atom", lambda: timeline_atom(kb, directory_urls)),
        job("timeline.ics", lambda: timeline_ics(kb)),
        lambda: rate_table(kb),
    ]


def rate_table(kb: KnowledgeBase) -> dict[str, str]:
    """The published rate table, as CSV and as JSON (the same rows)."""
    rows = rate_rows(Tariffs(kb))
    return {f"{FOLDER}/tariff-rates.csv": rates_csv(rows), f"{FOLDER}/tariff-rates.json": rates_json(rows)}


def exports(kb: KnowledgeBase, *, directory_urls: bool = True) -> dict[str, str]:
    """Every export, keyed by its path in the site, in name order. ``directory_urls`` as MkDocs serves pages."""
    files = {path: text for job in export_jobs(kb, directory_urls=directory_urls) for path, text in job().items()}
    return dict(sorted(files.items()))


def _records(kb: KnowledgeBase, kind: str) -> list[Record]:
    """A kind's records, by id."""
    return sorted(kb.by_kind[kind], key=lambda record: record.id)


def _latest_day(entries: Iterable[Entry]) -> date:
    """The date every export is stamped with: the latest entry's first day (never the clock)."""
    return max((entry.date.earliest for entry in entries), default=NO_ENTRIES)


def _site_url(src_uri: str, directory_urls: bool) -> str:
    """The URL of a page or file: absolute under the published address where one is set (KB_SITE_URL), else
    relative to the files in the exports folder."""
    return publishing.absolute(fmt.page_url(src_uri, directory_urls)) or fmt.relative_url(
        f"{FOLDER}/kb.json", src_uri, directory_urls
    )


# JSON -------------------------------------------------------------------------------------------------------------


def kb_json(kb: KnowledgeBase) -> str:
    """Every record as its JSON Schema describes it, grouped by kind and sorted by id, with counts and schema links.
    One record per line: readable, diffable, and written by the json module's C encoder (an indented dump is not)."""

    def line(value: object) -> str:
        return json.dumps(value, ensure_ascii=False, sort_keys=True)

    kinds = ",\n".join(
        f"    {line(kind)}: [\n"
        + ",\n".join(f"      {line(record.model_dump(mode='json'))}" for record in _records(kb, kind))
        + "\n    ]"
        for kind in KINDS
    )
    schemas = {kind: _site_url(f"schemas/{kind}.schema.json", True) for kind in KINDS}
    return (
        f'{{\n  "counts": {line(kb.counts())},\n  "kinds": {{\n{kinds}\n  }},\n'
        f'  "license": {line(publishing.license_data())},\n  "schemas": {line(schemas)}\n}}\n'
    )


# CSV --------------------------------------------------------------------------------------------------------------


def kind_csv(kb: KnowledgeBase, kind: str) -> str:
    """One row per record of ``kind``, one column per field (measures add MEASURE_COLUMNS)."""
    fields = list(KINDS[kind].model_fields)
    extra = list(MEASURE_COLUMNS) if kind == "measure" else []
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(fields + extra)
    for record in _records(kb, kind):
        row = [cell(getattr(record, name)) for name in fields]
        row += measure_cells(record) if isinstance(record, Measure) else []
        writer.writerow([spreadsheet_safe(value) for value in row])
    return out.getvalue()


FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
"""What a spreadsheet reads as the start of a formula (OWASP, "CSV Injection")."""


def spreadsheet_safe(value: str) -> str:
    """A CSV cell that a spreadsheet shows as text: one that would start a formula gets a leading apostrophe, as
    OWASP recommends. Every CSV export writes its cells through this."""
    return "'" + value if value.startswith(FORMULA_STARTS) else value


def cell(value: object) -> str:
    """A field value as CSV text: lists joined with "; ", nested parts as compact JSON, dates in ISO form."""
    if isinstance(value, BaseModel):
        return _compact_json(_part(value))
    if isinstance(value, list):
        if any(isinstance(item, BaseModel) for item in value):
            return _compact_json([_part(item) for item in value])
        return "; ".join(cell(item) for item in value)
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return _number(value)
    return str(value)  # text, ids, Markdown, int, PartialDate (its ISO text)


def _part(part: BaseModel) -> dict[str, Any]:
    """A nested part as JSON data, leaving out the fields left at their defaults."""
    return part.model_dump(mode="json", exclude_defaults=True)


def _compact_json(data: object) -> str:
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"), sort_keys=True)


def _number(value: float) -> str:
    """15.0 -> '15', 2.5 -> '2.5'."""
    return str(int(value)) if value.is_integer() else repr(value)


def measure_cells(measure: Measure) -> list[str]:
    """The MEASURE_COLUMNS of one measure."""

    def first(*statuses: str) -> str:
        return next((str(change.date) for change in measure.status_history if change.status in statuses), "")

    rate = measure.rate
    return [
        first("announced"),
        first("in-force"),
        first("paused"),
        first(*ENDING),
        measure.status,
        _number(rate.percent) if rate else "",
        rate.application if rate else "",
        "*" if measure.all_countries else "; ".join(measure.targets),
    ]


# iCalendar (RFC 5545) ---------------------------------------------------------------------------------------------


def timeline_ics(kb: KnowledgeBase) -> str:
    """The timeline as an iCalendar file: one all-day VEVENT per entry, CRLF line endings, folded lines."""
    stamp = _latest_day(kb.timeline)
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//kbsite//Timeline export//EN",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        f"X-WR-CALNAME:{ics_text(t(FEED_TITLE))}",
    ]
    for entry in kb.timeline:
        event = _vevent(kb, entry, stamp)
        url = publishing.absolute(fmt.page_url(record_uri(kb[entry.record_id]), True))
        if url:  # with a published address, each event links to its record's page
            event.insert(2, f"URL:{url}")
        lines += event
    lines.append("END:VCALENDAR")
    return "".join(fold(line) + "\r\n" for line in lines)


def _vevent(kb: KnowledgeBase, entry: Entry, stamp: date) -> list[str]:
    start = entry.date.earliest
    return [
        "BEGIN:VEVENT",
        f"UID:{entry.record_id}-{entry.sequence}@{UID_DOMAIN}",
        f"DTSTAMP:{stamp:%Y%m%d}T000000Z",
        f"DTSTART;VALUE=DATE:{start:%Y%m%d}",
        f"DTEND;VALUE=DATE:{_end(kb, entry):%Y%m%d}",
        f"SUMMARY:{ics_text(entry.text)}",
        f"DESCRIPTION:{ics_text(chr(10).join(_details(kb, entry)))}",
        f"CATEGORIES:{ics_text(t(CATEGORIES[entry.category]))}",
        "TRANSP:TRANSPARENT",
        "END:VEVENT",
    ]


def _end(kb: KnowledgeBase, entry: Entry) -> date:
    """The day after the event (DTEND is exclusive): a meeting over several days runs to its last day."""
    record = kb[entry.record_id]
    last = entry.date.earliest
    if isinstance(record, Meeting) and record.end and entry.date.precision == record.end.precision == "day":
        last = record.end.earliest
    return last + timedelta(days=1)


def _details(kb: KnowledgeBase, entry: Entry) -> Iterator[str]:
    """What the calendar and the feed say about an entry besides its text: when, how precisely, which record."""
    record = kb[entry.record_id]
    when = fmt.moment(fmt.date(entry.date), entry.time, entry.tz)
    yield t("{category}, {when}.", category=t(CATEGORIES[entry.category]), when=when)
    if entry.date.precision != "day":
        yield t(IMPRECISE[entry.date.precision], date=fmt.date(entry.date))
    yield t("Record: {name} ({kind} {id}).", name=record.label, kind=record.kind, id=record.id)


IMPRECISE = {
    "month": "The record gives only the month ({date}); it is dated to its first day here.",
    "year": "The record gives only the year ({date}); it is dated to its first day here.",
}
"""What the calendar and the feed say of an entry dated to a month or a year only."""


def ics_text(value: str) -> str:
    """A TEXT value escaped (RFC 5545 3.3.11): backslash, semicolon, comma and newline."""
    value = value.replace("\r\n", "\n").replace("\r", "\n")
    return value.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,").replace("\n", "\\n")


def fold(line: str) -> str:
    """A content line folded at 75 octets (RFC 5545 3.1), never inside a UTF-8 character."""
    data = line.encode("utf-8")
    if len(data) <= 75:
        return line
    parts, start, limit = [], 0, 75
    while len(data) - start > limit:
        end = start + limit
        while data[end] & 0xC0 == 0x80:  # a UTF-8 continuation byte: cut before its character instead
            end -= 1
        parts.append(data[start:end])
        start, limit = end, 74  # a continuation line starts with one space
    parts.append(data[start:])
    return b"\r\n ".join(parts).decode("utf-8")


# Atom (RFC 4287) --------------------------------------------------------------------------------------------------


def timeline_atom(kb: KnowledgeBase, directory_urls: bool = True) -> str:
    """The timeline as an Atom feed, newest first; links are relative to the feed's own URL."""
    feed = ET.Element("feed", {"xmlns": "http://www.w3.org/2005/Atom"})
    _sub(feed, "id", f"{TAG}timeline")
    _sub(feed, "title", t(FEED_TITLE))
    _sub(feed, "subtitle", t("Every dated fact of the knowledge base, newest first."))
    _sub(feed, "updated", _atom_time(_latest_day(kb.timeline)))
    _sub(_sub(feed, "author"), "name", t("The knowledge base's contributors"))
    _sub(feed, "generator", "kbsite")
    _link(feed, "self", publishing.absolute(f"{FOLDER}/timeline.atom") or "timeline.atom", "application/atom+xml")
    _sub(feed, "rights", f"{publishing.CONTENT_LICENSE} ({publishing.CONTENT_LICENSE_URL})")
    _link(feed, "alternate", _site_url("timeline/index.md", directory_urls), "text/html")
    for entry in reversed(kb.timeline):
        _atom_entry(feed, kb, entry, directory_urls)
    ET.indent(feed)
    return '<?xml version="1.0" encoding="utf-8"?>\n' + ET.tostring(feed, encoding="unicode") + "\n"


def _atom_entry(feed: ET.Element, kb: KnowledgeBase, entry: Entry, directory_urls: bool) -> None:
    element = _sub(feed, "entry")
    _sub(element, "id", f"{TAG}timeline/{entry.record_id}/{entry.sequence}")
    _sub(element, "title", entry.text)
    _sub(element, "updated", _atom_time(entry.date.earliest))
    _link(element, "alternate", _site_url(record_uri(kb[entry.record_id]), directory_urls), "text/html")
    ET.SubElement(element, "category", {"term": entry.category, "label": t(CATEGORIES[entry.category])})
    _sub(element, "summary", fmt.sentences(list(_details(kb, entry))))


def _sub(parent: ET.Element, tag: str, text: str | None = None) -> ET.Element:
    element = ET.SubElement(parent, tag)
    element.text = text
    return element


def _link(parent: ET.Element, rel: str, href: str, media_type: str) -> None:
    ET.SubElement(parent, "link", {"rel": rel, "type": media_type, "href": href})


def _atom_time(day: date) -> str:
    """An RFC 3339 timestamp: the day at midnight UTC (records give the day of a fact, not when it was edited)."""
    return f"{day.isoformat()}T00:00:00Z"


# The index page ---------------------------------------------------------------------------------------------------


def index_page(kb: KnowledgeBase) -> str:
    """The Markdown page that lists the exports, with record counts."""
    env = jinja2.Environment(  # Markdown out, and only engine-made values in: kind names, file names, counts
        loader=jinja2.FileSystemLoader(TEMPLATES),
        autoescape=False,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    counts = kb.counts()
    kinds = [(t(model.index_title), f"{model.plural}.csv", counts[kind]) for kind, model in KINDS.items()]
    env.globals.update(_=t)
    return (
        localized_template(env, "data.md.j2").render(
            total=sum(counts.values()),
            kinds=kinds,
            entries=len(kb.timeline),
            measure_columns=MEASURE_COLUMNS,
        )
        + f"\n{structured.dataset_script(kb)}\n"
    )  # schema.org Dataset (render/structured.py)
