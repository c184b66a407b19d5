"""What applied when: the measures in force on goods from a jurisdiction in a product category on a day,
and the rate they combine to. The stacking rules are data in the records, not cases in this code:

- a measure applies while its status on the day is ``in-force``; a status change with ``retroactive_to``
  counts from that earlier date, unless the question is asked as known on a day before the change was made;
- it applies to goods from its ``targets`` (or from every country with ``all_countries``, less ``excluded``)
  in its product ``categories`` (``all-goods`` covers every category);
- each applicable measure removes the measures it ``supersedes`` or is ``not_stacked_with``;
- what remains combines as ``max(floor, base) + additive``: ``base`` is the normal (MFN) rate, ``floor`` an
  all-in rate that tops the total up, ``additive`` duties are charged on top.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from .graph import KnowledgeBase
from .models import Measure, MeasureStatus

ALL_GOODS = "all-goods"


def status_on(measure: Measure, day: date, known_on: date | None = None) -> MeasureStatus | None:
    """The measure's status on ``day``, as finally settled or as known on ``known_on``."""
    current: MeasureStatus | None = None
    for change in measure.status_history:
        if known_on is not None and change.date.earliest > known_on:
            continue
        if change.effective <= day:
            current = change.status
    return current


def covers(measure: Measure, jurisdiction: str, category: str) -> bool:
    """True when the measure is aimed at goods of ``category`` from ``jurisdiction``."""
    if measure.imposing == jurisdiction:
        return False
    aimed = jurisdiction in measure.targets or (measure.all_countries and jurisdiction not in measure.excluded)
    return aimed and (category in measure.products.categories or ALL_GOODS in measure.products.categories)


@dataclass(frozen=True)
class CombinedRate:
    """The duty on goods of one category from one jurisdiction on one day, with the measures behind it."""

    jurisdiction: str
    category: str
    day: date
    applied: tuple[Measure, ...]
    """The measures that apply, in id order."""
    removed: tuple[tuple[Measure, Measure], ...]
    """Measures in force that did not apply, each with the measure that removed it."""

    def _sum(self, application: str) -> float:
        return sum(m.rate.percent for m in self.applied if m.rate and m.rate.application == application)

    @property
    def base(self) -> float | None:
        """The normal (MFN) rate, where a measure records it for this category."""
        bases = [m for m in self.applied if m.rate and m.rate.application == "base"]
        return self._sum("base") if bases else None

    @property
    def additive(self) -> float:
        """Duties charged on top."""
        return self._sum("additive")

    @property
    def floor(self) -> float | None:
        """The all-in rate the total is topped up to, if any."""
        floors = [m.rate.percent for m in self.applied if m.rate and m.rate.application == "floor"]
        return max(floors) if floors else None

    @property
    def total(self) -> float | None:
        """The whole duty in percent, where the normal rate is known (or no floor needs it)."""
        if self.base is None:
            return None
        return max(self.floor if self.floor is not None else 0.0, self.base) + self.additive

    @property
    def level(self) -> float:
        """The number a chart plots: the total where known, else the floor plus what is added on top of MFN."""
        if self.total is not None:
            return self.total
        return (self.floor or 0.0) + self.additive

    def describe(self) -> str:
        """The rate in words: '27.5%', 'MFN + 10%', '15% all-in (MFN if higher)', 'MFN only'."""
        if self.total is not None:
            return f"{self.total:g}%"
        parts = []
        if self.floor is not None:
            parts.append(f"{self.floor:g}% all-in (MFN if higher)")
        if self.additive:
            parts.append(f"{self.additive:g}%" if parts else f"MFN + {self.additive:g}%")
        return " + ".join(parts) if parts else "MFN only"

    @property
    def sources(self) -> tuple[str, ...]:
        """Every source cited by the measures that apply."""
        return tuple(sorted({c.source for m in self.applied for c in m.sources}))


def measures_aimed_at(kb: KnowledgeBase, jurisdiction: str) -> list[Measure]:
    """The measures aimed at goods from ``jurisdiction``, whatever the category."""
    everyone = [m for m in kb.measures_by_target.get("*", ()) if jurisdiction not in m.excluded]
    return [m for m in (*kb.measures_by_target.get(jurisdiction, ()), *everyone) if m.imposing != jurisdiction]


def combined_rate(kb: KnowledgeBase, jurisdiction: str, category: str, day: date,
                  known_on: date | None = None) -> CombinedRate:
    """The measures that apply to goods of ``category`` from ``jurisdiction`` on ``day``, and their rate."""
    in_force = [m for m in measures_aimed_at(kb, jurisdiction) if covers(m, jurisdiction, category)
                and status_on(m, day, known_on) == "in-force"]
    by_id = {m.id: m for m in in_force}
    removed: dict[str, Measure] = {}
    for measure in in_force:
        for other in (*measure.supersedes, *measure.not_stacked_with):
            if other in by_id and other != measure.id:
                removed.setdefault(other, measure)
    applied = tuple(sorted((m for m in in_force if m.id not in removed), key=lambda m: m.id))
    gone = tuple(sorted(((by_id[i], why) for i, why in removed.items()), key=lambda pair: pair[0].id))
    return CombinedRate(jurisdiction, category, day, applied, gone)


def change_days(kb: KnowledgeBase, jurisdiction: str) -> list[date]:
    """Every day on which a measure covering goods from ``jurisdiction`` changed status, in order."""
    days = set()
    for measure in measures_aimed_at(kb, jurisdiction):
        for change in measure.status_history:
            days.add(change.effective)
    return sorted(days)


def categories(kb: KnowledgeBase, jurisdiction: str | None = None) -> list[str]:
    """The product categories the measures name (for ``jurisdiction``: those aimed at it), all-goods first."""
    found: set[str] = set()
    measures = kb.by_kind["measure"] if jurisdiction is None else measures_aimed_at(kb, jurisdiction)
    for measure in measures:
        found.update(measure.products.categories)  # type: ignore[attr-defined]
    return sorted(found, key=lambda c: (c != ALL_GOODS, c))


def targeted_jurisdictions(kb: KnowledgeBase) -> list[str]:
    """The jurisdictions that some measure names as a target: each gets a 'Tariffs in force' page."""
    return sorted({t for m in kb.by_kind["measure"] if isinstance(m, Measure) for t in m.targets})


def history(kb: KnowledgeBase, jurisdiction: str, category: str) -> list[CombinedRate]:
    """The combined rate from each change day on, from the first day a duty beyond the normal rate applies,
    dropping days on which nothing changed for the category."""
    steps: list[CombinedRate] = []
    for day in change_days(kb, jurisdiction):
        rate = combined_rate(kb, jurisdiction, category, day)
        if not steps and not any(m.rate and m.rate.application != "base" for m in rate.applied):
            continue
        if not steps or (rate.describe(), rate.applied) != (steps[-1].describe(), steps[-1].applied):
            steps.append(rate)
    return steps


def measure_timeline(measure: Measure) -> list[tuple[date, MeasureStatus]]:
    """The measure's own status over time, by effective day, as finally settled."""
    days = sorted({change.effective for change in measure.status_history})
    return [(day, status) for day in days if (status := status_on(measure, day)) is not None]
