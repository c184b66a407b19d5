"""The timeline: every dated fact of the knowledge base as entries, derived from the records, never hand-kept.

Each kind makes its own entries (``Record.timeline_entries`` in models.py) and names their categories
(``Record.timeline_categories``); this module puts them in order.
"""

from __future__ import annotations

from collections.abc import Mapping

from .models import KINDS, Entry, Record
from .validate import references

__all__ = ["CATEGORIES", "FILTERS", "Entry", "build_timeline"]

CATEGORIES: dict[str, str] = {
    category.name: category.label
    for category in sorted((c for model in KINDS.values() for c in model.timeline_categories), key=lambda c: c.position)
}
"""The kinds of timeline entry, as the filter names them, in the filter's order."""

FILTERS: dict[str, str] = {kind: model.timeline_filter for kind, model in KINDS.items() if model.timeline_filter}
"""The kinds whose records the timeline can be filtered by (kind: the filter's label), in the kinds' order."""


def build_timeline(records: Mapping[str, Record], topics_of: Mapping[str, frozenset[str]]) -> tuple[Entry, ...]:
    """Every entry in date order. ``topics_of`` names, for each record, the topics that point at it."""
    entries: list[Entry] = []
    for record in records.values():
        involves = frozenset(
            {
                record.id,
                *topics_of.get(record.id, ()),
                *(ref for loc, ref in references(record) if loc[0] != "sources" and records[ref].kind != record.kind),
            }
        )
        entries.extend(record.timeline_entries(involves, records))
    return tuple(
        sorted(
            entries,
            key=lambda e: (
                e.date.earliest,
                e.date.precision != "year",
                e.date.precision == "day",
                e.time,
                e.record_id,
                e.sequence,
            ),
        )
    )
