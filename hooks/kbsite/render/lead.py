"""The head of a record page: its kind, a status badge for measures and the key facts in a compact block.

Every value reads through a human label: time zones as "US Eastern time", enum values as words, a meeting's
round with whose count it follows, a duration in hours and minutes. The pages call these through small methods
of ``Page`` (``page.badge``, ``page.key_facts``), so a template never formats a raw value itself.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import TYPE_CHECKING

from markupsafe import Markup, escape

from ..i18n import t
from ..labels import label
from ..models import Measure, Record
from . import text as fmt

if TYPE_CHECKING:
    from .pages import Page

ENDED = {"superseded", "revoked", "expired"}
"""Statuses after which a measure no longer charges anything, shown as "Ended"."""
ENDED_SINCE = {
    "superseded": "superseded since {date}",
    "revoked": "revoked since {date}",
    "expired": "expired since {date}",
}
"""The detail beside the "Ended" badge, by the status that ended the measure."""
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
    since = fmt.html_t("since {date}", date=fmt.date_html(change.date))
    if change.status == "in-force":
        for entry in measure.scheduled:
            upcoming = as_of is None or entry.date.latest >= as_of
            if entry.status in ENDED and not measure.settled(entry) and upcoming:
                return "ending", fmt.html_t(
                    "on {end}; in force since {date}", end=fmt.date_html(entry.date), date=fmt.date_html(change.date)
                )
        return "in-force", since
    if change.status in ENDED:
        return "ended", fmt.html_t(ENDED_SINCE[change.status], date=fmt.date_html(change.date))
    return change.status, since


def badge(measure: Measure, as_of: date | None) -> Markup:
    """The status badge and its detail, as HTML."""
    key, detail = measure_state(measure, as_of)
    return Markup('<span class="kb-badge kb-badge--{}">{}</span> <span class="kb-badge-detail">{}</span>').format(
        key, t(BADGES[key]), detail
    )


def duration(minutes: int) -> str:
    """90 -> '1 hour 30 minutes'."""
    hours, rest = divmod(minutes, 60)
    hours_text = (t("1 hour") if hours == 1 else t("{n} hours", n=hours)) if hours else ""
    minutes_text = (t("1 minute") if rest == 1 else t("{n} minutes", n=rest)) if rest else ""
    if hours_text and minutes_text:
        return t("{hours} {minutes}", hours=hours_text, minutes=minutes_text)
    return hours_text or minutes_text


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
        text = fmt.html_t("{start} to {end}", start=text, end=fmt.date_html(end))
    return fmt.moment_html(text, getattr(record, "time", None), getattr(record, "tz", None))


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
            shown = (
                t("{round} (numbered as in the {count})", round=value, count=per.removeprefix("the "))
                if per
                else str(value)
            )
        elif name == "duration_minutes":
            shown = duration(value)
        elif name in _ENUMS:
            shown = label(value)
        else:
            shown = page.value(value)
        rows.append((t(LABELS[name]) if name in LABELS else field_label(name), shown))
    return rows


def measure_facts(page: Page, measure: Measure) -> list[tuple[str, Markup | str]]:
    """A measure's key facts: rate, who imposes it on whom, under what authority, on which goods."""
    rows: list[tuple[str, Markup | str]] = []
    if measure.rate:
        rows.append(
            (
                t("Rate"),
                fmt.html_t(
                    "<strong>{rate}</strong> ({application})",
                    rate=fmt.percent(measure.rate.percent),
                    application=label(measure.rate.application),
                ),
            )
        )
    applies = Markup(escape(t("All countries"))) if measure.all_countries else page.links(measure.targets)
    if measure.excluded:
        applies = fmt.html_t(
            "{countries} (except {excluded})", countries=applies, excluded=page.links(measure.excluded)
        )
    rows += [(t("Imposed by"), page.link(measure.imposing)), (t("On goods from"), applies)]
    authority = Markup("{}").format(label(measure.authority))
    if measure.instrument:
        authority += Markup(", {}").format(measure.instrument)
        if measure.federal_register:
            authority += Markup(" ({})").format(measure.federal_register)
    rows.append((t("Legal authority"), authority))
    rows.append((t("Products"), products_value(page, measure)))
    if measure.products.hs_headings:
        rows.append((t("HS headings"), ", ".join(measure.products.hs_headings)))
    if measure.hts_headings:
        rows.append((t("HTS Chapter 99 headings"), ", ".join(measure.hts_headings)))
    if measure.implements:
        rows.append((t("Implements"), page.link(measure.implements)))
    return rows
