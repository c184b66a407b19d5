"""What needs a fresh look, counted from the knowledge base's as-of date (``kb/config.yml``): scheduled dates that
have passed with no recorded outcome, and the sources of uncertain facts not read for more than a year.

These are reminders, never problems: `make check` prints them as warnings and still passes, and the site lists
them on its "Needs review" page. One implementation serves both: `make check` feeds it what each file's worker
read (no records are kept there), the site feeds it the records.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Literal, NamedTuple

from .i18n import using
from .labels import Phrase
from .models import Record, Source
from .problems import Problem
from .types import MONTHS, PartialDate
from .yamlfile import Document

UNCERTAIN = ("medium", "low")
"""The confidences whose sources are worth reading again when they have not been read for a while."""


class Standing(NamedTuple):
    """What the review needs to know about one record, as plain values (cheap to send back from a worker)."""

    cites: tuple[str, ...] = ()
    """For a fact at medium or low confidence: the sources it cites."""
    accessed: str = ""
    """For a source: when it was last read (ISO), where recorded."""
    published: str = ""
    """For a source: when it was published (ISO), where recorded."""
    unsettled: tuple[tuple[int, str, str, str], ...] = ()
    """Scheduled dates with no outcome yet: (index in ``scheduled``, date, description, status or "")."""


def standing(record: Record, refs: Iterable[tuple[tuple[str | int, ...], str]]) -> Standing | None:
    """A record's standing, or None when the review has nothing to look at in it (most records)."""
    cites: tuple[str, ...] = ()
    if getattr(record, "confidence", None) in UNCERTAIN:
        cites = tuple(dict.fromkeys(ref for loc, ref in refs if loc[0] == "sources"))
    unsettled = tuple(
        (index, str(entry.date), entry.description, entry.status or "")
        for index, entry in enumerate(getattr(record, "scheduled", ()))
        if not record.settled(entry)
    )
    if isinstance(record, Source):
        return Standing(cites, str(record.accessed or ""), str(record.published or ""), unsettled)
    return Standing(cites, unsettled=unsettled) if cites or unsettled else None


@dataclass(frozen=True, order=True)
class Review:
    """One thing to look up again, placed like a problem."""

    problem: Problem
    """Where (file, line, column, field) and what, as `make check` prints it."""
    record_id: str
    """The record to look at."""
    reason: Literal["scheduled", "source"]
    """A scheduled date that passed with no outcome, or a source not read for over a year."""
    when: PartialDate
    """The scheduled date, or the day the source was last read (its publication day when no reading is recorded);
    the year 0 when neither is known."""
    words: Phrase
    """What to look up, in a sentence for the Needs review page (read in the page's language: :attr:`text`)."""
    cited_by: tuple[str, ...] = ()
    """For a source: the records at medium or low confidence that cite it."""

    @property
    def text(self) -> str:
        """What to look up, in a sentence in the current language."""
        return str(self.words)


SCHEDULED = {
    "expired": ("scheduled to end on {date}", "scheduled to end in {date}"),
    "in-force": ("scheduled to take effect on {date}", "scheduled to take effect in {date}"),
    "paused": ("scheduled to be paused on {date}", "scheduled to be paused in {date}"),
    "revoked": ("scheduled to be revoked on {date}", "scheduled to be revoked in {date}"),
    "superseded": ("scheduled to be superseded on {date}", "scheduled to be superseded in {date}"),
    "invalidated": ("scheduled to be invalidated on {date}", "scheduled to be invalidated in {date}"),
    "announced": ("scheduled to be announced on {date}", "scheduled to be announced in {date}"),
}
"""How a scheduled status change reads, on a day or in a month or year ("scheduled to end on 24 July 2026")."""


def scheduled_phrase(date: PartialDate, status: str) -> Phrase:
    """:func:`scheduled_words`, read in the language of the page that shows it."""
    sentences = SCHEDULED.get(status)
    if sentences is None:
        return Phrase.of("scheduled for {date}", date=date)
    return Phrase.of(sentences[0] if date.precision == "day" else sentences[1], date=date)


def scheduled_words(date: PartialDate, status: str) -> str:
    """'scheduled to end on 24 July 2026', or 'scheduled for 24 July 2026' when no status change is due."""
    return str(scheduled_phrase(date, status))


def year_before(day: datetime.date) -> datetime.date:
    """The same day a year earlier (28 February for 29 February)."""
    try:
        return day.replace(year=day.year - 1)
    except ValueError:
        return day.replace(year=day.year - 1, day=28)


def review(
    items: Iterable[tuple[str, str, str, Standing]], as_of: datetime.date, locate: Callable[[str], Document | None]
) -> list[Review]:
    """Every reminder, sorted by file and line. ``items`` are (display path, record id, kind, standing) of the
    records that have a standing; ``locate(path)`` reads a file again for positions (None when it cannot)."""
    items = list(items)
    cited_by: dict[str, list[str]] = {}
    for _, record_id, _, standing_ in items:
        for source in standing_.cites:
            cited_by.setdefault(source, []).append(record_id)
    stale_before = year_before(as_of)
    found: list[Review] = []
    documents: dict[str, Document | None] = {}

    def place(path: str, loc: tuple[str | int, ...], field: str, message: str) -> Problem:
        if path not in documents:
            documents[path] = locate(path)
        document = documents[path]
        line, col = document.position(loc) if document is not None else (1, 1)
        return Problem(path, line, col, field, message)

    checked = f"{as_of.day} {MONTHS[as_of.month]} {as_of.year}"
    for path, record_id, kind, standing_ in items:
        for index, date_text, description, status in standing_.unsettled:
            date = PartialDate.parse(date_text)
            if not date.latest < as_of:
                continue
            what = description.rstrip(".")
            with using("en"):  # the message is for contributors, in English
                message = (
                    f"{scheduled_words(date, status)}, before the as-of date ({checked}), and no outcome is recorded: "
                    f"{what}; record what happened (outcome, or for a measure the status change)"
                )
            text = Phrase.of(
                "{what}: {when}; outcome not yet recorded.",
                what=description.rstrip(".。"),
                when=scheduled_phrase(date, status),
            )
            found.append(
                Review(
                    place(path, ("scheduled", index), f"scheduled.{index}", message), record_id, "scheduled", date, text
                )
            )
        citing = cited_by.get(record_id)
        if kind != "source" or not citing:
            continue
        last = standing_.accessed or standing_.published
        when = PartialDate.parse(last) if last else PartialDate(0)
        if last and not when.latest < stale_before:
            continue
        citing = sorted(set(citing))
        names = ", ".join(citing[:3]) + (f" and {len(citing) - 3} more" if len(citing) > 3 else "")
        count = f"{len(citing)} record{'s' if len(citing) != 1 else ''} at medium or low confidence"
        with using("en"):  # the message is for contributors, in English
            if standing_.accessed:
                loc, read = ("accessed",), f"last read {when.human()}, more than a year before {checked}"
            elif standing_.published:
                loc, read = (
                    ("published",),
                    (f"no reading recorded since it was published ({when.human()}), more than a year before {checked}"),
                )
            else:
                loc, read = ("url",), "no reading or publication date recorded"
        verb = "cites" if len(citing) == 1 else "cite"
        message = f"{read}; {count} {verb} it ({names}): read it again and set accessed to the day you did"
        counted = (
            Phrase("1 record at medium or low confidence")
            if len(citing) == 1
            else Phrase.of("{n} records at medium or low confidence", n=str(len(citing)))
        )
        text = (
            Phrase.of("Last read {date}. Cited by {count}.", date=when, count=counted)
            if standing_.accessed
            else Phrase.of("Published {date}; not read again since. Cited by {count}.", date=when, count=counted)
            if standing_.published
            else Phrase.of("When it was last read is not recorded. Cited by {count}.", count=counted)
        )
        found.append(Review(place(path, loc, "accessed", message), record_id, "source", when, text, tuple(citing)))
    return sorted(found)
