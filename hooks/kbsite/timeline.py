"""The timeline: every dated fact of the knowledge base as entries, derived from the records, never hand-kept."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass

from .labels import label
from .models import Agreement, Claim, Event, Measure, Meeting, Person, Record
from .types import PartialDate
from .validate import references

CATEGORIES = {
    "event": "Event", "meeting": "Meeting", "measure": "Measure", "agreement": "Agreement", "role": "Role change",
    "claim": "Claim",
}
"""The kinds of timeline entry, as the filter names them."""


@dataclass(frozen=True, order=True)
class Entry:
    """One dated fact on the timeline."""

    date: PartialDate
    """When, at the precision the record gives."""
    time: str
    """Local time of day (``00:01``), or empty."""
    record_id: str
    """The record the fact belongs to; the entry links to its page."""
    sequence: int
    """The fact's place within its record (a measure's third status change is 2), to keep ties stable."""
    category: str
    """One of CATEGORIES."""
    text: str
    """What happened, in plain text ("In force: US Section 232 tariff on automobiles")."""
    tz: str | None = None
    """The time zone of the date, where the record gives one."""
    involves: frozenset[str] = frozenset()
    """Ids of every record the fact concerns (itself, and the records of other kinds it references: a measure's
    jurisdictions, a meeting's participants, the topics that point at it), for filters and record pages."""


def _entries(record: Record, involves: frozenset[str], records: Mapping[str, Record]) -> Iterator[Entry]:
    rid = record.id
    if isinstance(record, Event):
        yield Entry(record.date, record.time or "", rid, 0, "event", record.title, record.tz, involves)
    elif isinstance(record, Meeting):
        span = f" (to {record.end.human()})" if record.end else ""
        yield Entry(record.start, "", rid, 0, "meeting", f"{record.title}{span}", record.tz, involves)
    elif isinstance(record, Measure):
        for index, change in enumerate(record.status_history):
            back = f", retroactive to {change.retroactive_to.human()}" if change.retroactive_to else ""
            yield Entry(change.date, change.time or "", rid, index, "measure",
                        f"{label(change.status)}{back}: {record.title}", change.tz, involves)
    elif isinstance(record, Agreement):
        if record.announced:
            yield Entry(record.announced, "", rid, 0, "agreement", f"Announced: {record.name}", None, involves)
        if record.signed:
            yield Entry(record.signed, "", rid, 1, "agreement", f"Signed: {record.name}", None, involves)
    elif isinstance(record, Claim):
        said = f"{records[record.claimant].label} ({records[record.side].label}): {record.statement}"
        yield Entry(record.date, "", rid, 0, "claim", said, record.tz, involves)
    elif isinstance(record, Person):
        for index, role in enumerate(record.roles):
            where = frozenset(ref for ref in (role.organization, role.jurisdiction) if ref)
            if role.start:
                yield Entry(role.start, "", rid, 2 * index, "role", f"{record.name} becomes {role.title}", None,
                            involves | where)
            if role.end:
                yield Entry(role.end, "", rid, 2 * index + 1, "role", f"{record.name} leaves office as {role.title}",
                            None, involves | where)


def build_timeline(records: Mapping[str, Record], topics_of: Mapping[str, frozenset[str]]) -> tuple[Entry, ...]:
    """Every entry in date order. ``topics_of`` names, for each record, the topics that point at it."""
    entries: list[Entry] = []
    for record in records.values():
        involves = frozenset({record.id, *topics_of.get(record.id, ()), *(
            ref for loc, ref in references(record) if loc[0] != "sources" and records[ref].kind != record.kind)})
        entries.extend(_entries(record, involves, records))
    return tuple(sorted(entries, key=lambda e: (e.date.earliest, e.date.precision != "year", e.date.precision == "day",
                                                 e.time, e.record_id, e.sequence)))
