"""The records as the readers of another language see them, and how far their translation has come.

A record's translatable fields (``Text`` and ``Markdown``, types.py) carry their translations; the view of a
language swaps each for its translation, or keeps the English where there is none. The records are loaded and
validated once, for every language: the view only copies the records whose text changes.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any, Literal

from typing import TYPE_CHECKING

from pydantic import BaseModel

from ..types import Localized

if TYPE_CHECKING:
    from ..graph import KnowledgeBase
    from ..models import Record

Status = Literal["translated", "stale", "missing"]


def texts(value: Any, path: tuple[str | int, ...] = ()) -> Iterator[tuple[tuple[str | int, ...], Localized]]:
    """Every translatable text in a record or part, with its field path (``("roles", 0, "title")``)."""
    if isinstance(value, Localized):
        yield path, value
    elif isinstance(value, BaseModel):
        for name in type(value).model_fields:
            yield from texts(getattr(value, name), (*path, name))
    elif isinstance(value, (list, tuple)):
        for index, item in enumerate(value):
            yield from texts(item, (*path, index))


def _into(value: Any, language: str) -> Any:
    if isinstance(value, Localized):
        return value.into(language)
    if isinstance(value, BaseModel):
        changed = {}
        for name in type(value).model_fields:
            old = getattr(value, name)
            new = _into(old, language)
            if new is not old:
                changed[name] = new
        return value.model_copy(update=changed) if changed else value
    if isinstance(value, list):
        items = [_into(item, language) for item in value]
        return items if any(new is not old for new, old in zip(items, value)) else value
    return value


def translated(kb: KnowledgeBase, language: str) -> KnowledgeBase:
    """The knowledge base as readers of ``language`` see it: each text in that language where it is translated."""
    if language == "en":
        return kb
    records = {record_id: _into(record, language) for record_id, record in kb.records.items()}
    return type(kb)(records, kb.paths, kb.settings, kb.root, kb.lists)


@dataclass(frozen=True)
class Translation:
    """How far one record is translated into one language."""

    fields: Mapping[str, Status]
    """Each translatable field's state, by its path (``summary``, ``roles.0.title``)."""

    @property
    def status(self) -> Status | None:
        """The record's state: stale if any text is, missing if any is, else translated; None without text."""
        states = set(self.fields.values())
        return next((state for state in ("stale", "missing", "translated") if state in states), None)

    def where(self, status: Status) -> list[str]:
        return [path for path, state in self.fields.items() if state == status]


def translation(record: Record, language: str) -> Translation:
    """Which of the record's texts are translated into ``language``, stale or missing."""
    return Translation(
        {".".join(map(str, path)): text.status(language) for path, text in texts(record) if path[0] != "notes"}
    )


def coverage(kb: KnowledgeBase, language: str) -> dict[str, Counter[str]]:
    """Per kind, how many records are translated, stale or missing (a record counts by its worst text)."""
    counts: dict[str, Counter[str]] = {}
    for kind, records in kb.by_kind.items():
        counted: Counter[str] = Counter(translated=0, stale=0, missing=0)
        for record in records:
            status = translation(record, language).status
            if status:
                counted[status] += 1
        counts[kind] = counted
    return counts
