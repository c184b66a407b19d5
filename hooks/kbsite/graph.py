"""The KnowledgeBase: every record by id and kind, with the indexes pages need, computed once, read-only."""

from __future__ import annotations

import datetime
import os
from collections import defaultdict
from dataclasses import dataclass, field
from functools import cached_property
from types import MappingProxyType
from typing import Any, Mapping

from .currency import Review, review, standing
from .htslists import EMPTY, HtsData
from .models import KINDS, Record, Settings
from .names import Matcher
from .timeline import Entry, build_timeline
from .types import PartialDate
from .validate import references
from .yamlfile import Document, load


@dataclass(frozen=True, order=True)
class Backlink:
    """One record pointing at another, seen from the record pointed at."""

    relation: str
    """How the page pointed at names the relation ("Met in", "Cited by")."""
    sort_key: tuple[Any, ...]
    """Date first (records without a date last), then label, so each group reads in time order."""
    source_id: str
    """The record that points."""


def _sort_key(record: Record) -> tuple[Any, ...]:
    first = min(record.dates(), default=None)
    return (first is None, first or PartialDate(0), record.label.casefold(), record.id)


@dataclass(frozen=True)
class KnowledgeBase:
    """A validated knowledge base. Built once by :func:`kbsite.build`; nothing changes it afterwards."""

    records: Mapping[str, Record]
    """Every record, by id."""
    paths: Mapping[str, str]
    """The YAML file of each record, relative to the project root (``kb/people/x.yml``)."""
    settings: Settings | None = None
    """The knowledge base's settings (``kb/config.yml``), where it has them."""
    root: str | None = None
    """The folder ``paths`` are relative to, for reading a file again for its positions (the review)."""
    lists: HtsData = EMPTY
    """The HTS lines and the lists records reference (kb/lists/, htslists.py)."""
    by_kind: Mapping[str, tuple[Record, ...]] = field(init=False)
    """Records of each kind, sorted by label."""
    backlinks: Mapping[str, tuple[Backlink, ...]] = field(init=False)
    """What points at each record, grouped by relation and sorted by date."""

    def __post_init__(self) -> None:
        by_kind: dict[str, list[Record]] = {kind: [] for kind in KINDS}
        incoming: dict[str, set[Backlink]] = defaultdict(set)
        for record in self.records.values():
            by_kind[record.kind].append(record)
            key = _sort_key(record)
            for loc, ref in references(record):
                relation = type(record).reverse.get(
                    str(loc[0]), f"{type(record).plural.title()} ({str(loc[0]).replace('_', ' ')})"
                )
                if ref != record.id:
                    incoming[ref].add(Backlink(relation, key, record.id))
        object.__setattr__(self, "records", MappingProxyType(dict(sorted(self.records.items()))))
        object.__setattr__(
            self,
            "by_kind",
            MappingProxyType(
                {k: tuple(sorted(v, key=lambda r: (r.label.casefold(), r.id))) for k, v in by_kind.items()}
            ),
        )
        object.__setattr__(self, "backlinks", MappingProxyType({k: tuple(sorted(v)) for k, v in incoming.items()}))

    @property
    def as_of(self) -> datetime.date | None:
        """The day the facts were last checked (``as_of`` in kb/config.yml), where the knowledge base sets it."""
        return self.settings.as_of.earliest if self.settings else None

    @cached_property
    def review(self) -> tuple[Review, ...]:
        """What to look at again, counted from the as-of date: scheduled dates passed with no outcome, sources of
        uncertain facts not read for over a year (currency.py); nothing without an as-of date."""
        if self.as_of is None:
            return ()
        items = []
        for record in self.records.values():
            found = standing(record, ((loc, str(ref)) for loc, ref in references(record)))
            if found is not None:
                items.append((self.paths.get(record.id, ""), record.id, record.kind, found))
        return tuple(review(items, self.as_of, self._document))

    def _document(self, shown: str) -> Document | None:
        if self.root is None or not shown:
            return None
        loaded = load(os.path.join(self.root, shown), shown)
        return loaded if isinstance(loaded, Document) else None

    def __getitem__(self, record_id: str) -> Record:
        return self.records[record_id]

    @cached_property
    def timeline(self) -> tuple[Entry, ...]:
        """Every dated fact, in date order."""
        topics_of = {
            target: frozenset(b.source_id for b in links if self.records[b.source_id].kind == "topic")
            for target, links in self.backlinks.items()
        }
        return build_timeline(self.records, topics_of)

    @cached_property
    def timeline_of(self) -> Mapping[str, tuple[Entry, ...]]:
        """The timeline entries that involve each record, in date order."""
        involved: dict[str, list[Entry]] = defaultdict(list)
        for entry in self.timeline:
            for record_id in entry.involves:
                involved[record_id].append(entry)
        return MappingProxyType({record_id: tuple(entries) for record_id, entries in involved.items()})

    @cached_property
    def measures_by_target(self) -> Mapping[str, tuple[Record, ...]]:
        """Measures by the jurisdiction they target; those aimed at every country under ``"*"``."""
        index: dict[str, list[Record]] = defaultdict(list)
        for measure in self.by_kind["measure"]:
            for target in ["*"] if measure.all_countries else measure.targets:  # type: ignore[attr-defined]
                index[target].append(measure)
        return MappingProxyType({target: tuple(found) for target, found in index.items()})

    @cached_property
    def record_names(self) -> Matcher:
        """Names and aliases of every record whose kind is an auto-link target (``Record.auto_link``: not terms,
        sources or claims, whose display name is a sentence, not a name prose uses)."""
        return Matcher(
            (name, record.id)
            for record in self.records.values()
            if type(record).auto_link
            for name in (record.label, *record.aliases_all)
        )

    @cached_property
    def claims_of(self) -> Mapping[str, tuple[Record, ...]]:
        """The claims on each dispute, by dispute id, in date order."""
        found: dict[str, list[Record]] = defaultdict(list)
        for claim in self.by_kind["claim"]:
            if claim.dispute:  # type: ignore[attr-defined]
                found[claim.dispute].append(claim)  # type: ignore[attr-defined]
        return MappingProxyType({key: tuple(sorted(claims, key=_sort_key)) for key, claims in found.items()})

    @cached_property
    def disputes_about(self) -> Mapping[str, tuple[Record, ...]]:
        """For each topic, agreement or measure: the disputes about it, named by the dispute or by one of its
        claims, in the order of their first claim."""
        found: dict[str, set[str]] = defaultdict(set)
        for dispute in self.by_kind["dispute"]:
            for subject in dispute.about:  # type: ignore[attr-defined]
                found[subject].add(dispute.id)
        for claim in self.by_kind["claim"]:
            if claim.dispute:  # type: ignore[attr-defined]
                for subject in claim.about:  # type: ignore[attr-defined]
                    found[subject].add(claim.dispute)  # type: ignore[attr-defined]

        def first(dispute_id: str) -> tuple[Any, ...]:
            claims = self.claims_of.get(dispute_id, ())
            return (_sort_key(claims[0]) if claims else (True,), self.records[dispute_id].label.casefold(), dispute_id)

        return MappingProxyType(
            {key: tuple(self.records[d] for d in sorted(ids, key=first)) for key, ids in found.items()}
        )

    @cached_property
    def statements_about(self) -> Mapping[str, tuple[Record, ...]]:
        """For each topic, agreement or measure: the claims about it that are on no dispute, in date order."""
        found: dict[str, list[Record]] = defaultdict(list)
        for claim in self.by_kind["claim"]:
            if not claim.dispute:  # type: ignore[attr-defined]
                for subject in dict.fromkeys(claim.about):  # type: ignore[attr-defined]
                    found[subject].append(claim)
        return MappingProxyType({key: tuple(sorted(claims, key=_sort_key)) for key, claims in found.items()})

    @cached_property
    def term_names(self) -> Matcher:
        """Glossary terms by their name, abbreviation and aliases."""
        return Matcher((name, term.id) for term in self.by_kind["term"] for name in (term.label, *term.aliases_all))

    def counts(self) -> dict[str, int]:
        """How many records of each kind."""
        return {kind: len(records) for kind, records in self.by_kind.items()}
