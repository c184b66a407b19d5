"""The head of a record page: its kind, a status badge for measures and the key facts in a compact block.

Every value reads through a human label: time zones as "US Eastern time", enum values as words, a meeting's
round with whose count it follows, a duration in hours and minutes. The pages call these through small methods
of ``Page`` (``page.badge``, ``page.key_facts``), so a template never formats a raw value itself.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import TYPE_CHECKING

from markupsafe import Markup

from ..labels import label
from ..models import Measure, Record
from . import text as fmt

if TYPE_CHECKING:
    from .pages import Page

ENDED = {"superseded", "revoked", "expired"}
"""Statuses after which a measure no longer charges anything, shown as "Ended"."""
BADGES = {
    "announced": "Announced",
    "in-force": "In force",
    "paused": "Paused",
    "ending": "Scheduled to end",
    "ended": "Ended",
    "invalidated": "Invalidated",
}
"""The badge each measure state shows (the CSS class is ``kb-badge--<key>``)."""
_ENUMS = {"type", "status", "format", "authority", "application", "scope", "confidence"}
_PARTNERS = {"numbering_per", "end", "tz", "time"}
"""Fields shown inside another field's value (the round, the date), never on a line of their own."""


def measure_state(measure: Measure, as_of: date | None) -> tuple[str, Markup]:
    """The badge of a measure: (key of BADGES, the detail after it: "since 7 August 2025", "on 24 July 2026")."""
    change = measure.status_history[-1]
    since = Markup("since {}").format(fmt.date_html(change.date))
    if change.status == "in-force":
        for entry in measure.scheduled:
            upcoming = as_of is None or entry.date.latest >= as_of
            if entry.status in ENDED and not measure.settled(entry) and upcoming:
                return "ending", Markup("on {}; in force {}").format(fmt.date_html(entry.date), since)
        return "in-force", since
    if change.status in ENDED:
        return "ended", Markup("{} {}").format(label(change.status).lower(), since)
    return change.status, since


def badge(measure: Measure, as_of: date | None) -> Markup:
    """The status badge and its detail, as HTML."""
    key, detail = measure_state(measure, as_of)
    return Markup('<span class="kb-badge kb-badge--{}">{}</span> <span class="kb-badge-detail">{}</span>').format(
        key, BADGES[key], detail
    )


def duration(minutes: int) -> str:
    """90 -> '1 hour 30 minutes'."""
    hours, rest = divmod(minutes, 60)
    parts = ([f"{hours} hour{'s' if hours != 1 else ''}"] if hours else []) + (
        [f"{rest} minute{'s' if rest != 1 else ''}"] if rest else []
    )
    return " ".join(parts)


def products_value(page: Page, measure: Measure) -> Markup:
    """The goods a measure covers, each product category named once and linked; the description is added only
    when it says more than the categories' names."""
    links = page.links(measure.products.categories)
    description = measure.products.description
    named = set()
    for category in measure.products.categories:
        named |= _words(page.kb[category].label)
    extra = _words(description) - named - {"and", "or", "of", "the", "all", "goods", "other"}
    if not extra:
        return links
    return Markup("{}<br><small>{}</small>").format(links, description) if links else Markup("{}").format(description)


def _words(text: str) -> set[str]:
    return {word.strip(".,;:()").casefold().removesuffix("s") for word in text.split() if word.strip(".,;:()")}


def when(page: Page, record: Record, name: str) -> Markup:
    """A date field with its end, time and time zone beside it: "16–17 April 2025 (Japan time)"."""
    start = getattr(record, name)
    text = fmt.date_html(start)
    end = getattr(record, "end", None) if name == "start" else None
    if end and end != start:
        text += Markup(" to {}").format(fmt.date_html(end))
    time = getattr(record, "time", None)
    if time:
        text += f", {time}"
    tz = getattr(record, "tz", None)
    if tz:
        text += f" ({fmt.zone(tz)})"
    return text


LABELS = {
    "start": "Date",
    "date": "Date",
    "round": "Round",
    "duration_minutes": "Duration",
    "legally_binding": "Legally binding",
    "series": "Series",
}


def key_facts(page: Page, record: Record, names: Iterable[str]) -> list[tuple[str, Markup | str]]:
    """(label, value) for the named fields that have a value, each value in words."""
    from .pages import field_label

    rows: list[tuple[str, Markup | str]] = []
    for name in names:
        if name in _PARTNERS and (name != "tz" or hasattr(record, "start") or hasattr(record, "date")):
            continue
        value = getattr(record, name, None)
        if value is None or value == [] or value is False and name != "legally_binding":
            continue
        if name in ("start", "date"):
            shown: Markup | str = when(page, record, name)
        elif name == "round":
            per = getattr(record, "numbering_per", None)
            shown = f"{value} (numbered as in the {per.removeprefix('the ')})" if per else str(value)
        elif name == "duration_minutes":
            shown = duration(value)
        elif name in _ENUMS:
            shown = label(value)
        else:
            shown = page.value(value)
        rows.append((LABELS.get(name, field_label(name)), shown))
    return rows


def measure_facts(page: Page, measure: Measure) -> list[tuple[str, Markup | str]]:
    """A measure's key facts: rate, who imposes it on whom, under what authority, on which goods."""
    rows: list[tuple[str, Markup | str]] = []
    if measure.rate:
        rows.append(
            (
                "Rate",
                Markup("<strong>{}</strong> ({})").format(
                    fmt.percent(measure.rate.percent), label(measure.rate.application)
                ),
            )
        )
    applies = Markup("All countries") if measure.all_countries else page.links(measure.targets)
    if measure.excluded:
        applies += Markup(" (except {})").format(page.links(measure.excluded))
    rows += [("Imposed by", page.link(measure.imposing)), ("On goods from", applies)]
    authority = Markup("{}").format(label(measure.authority))
    if measure.instrument:
        authority += Markup(", {}").format(measure.instrument)
        if measure.federal_register:
            authority += Markup(" ({})").format(measure.federal_register)
    rows.append(("Legal authority", authority))
    rows.append(("Products", products_value(page, measure)))
    if measure.products.hs_headings:
        rows.append(("HS headings", ", ".join(measure.products.hs_headings)))
    if measure.hts_headings:
        rows.append(("HTS Chapter 99 headings", ", ".join(measure.hts_headings)))
    if measure.implements:
        rows.append(("Implements", page.link(measure.implements)))
    return rows
