"""What applied when: the duty on goods of one product category from one jurisdiction on one day, the
measures behind it and those that did not apply, and why. The rules are data in the records, not cases here:

- a measure counts while its status on the day is ``in-force``: its recorded status changes, then the changes
  it is scheduled to make (a legal expiry) that no recorded change has overtaken; a change with
  ``retroactive_to`` counts from that earlier day, unless the question is asked as known on a day before the
  change was made (what was charged at the time);
- it covers goods from its ``targets`` (or every country with ``all_countries``, less ``excluded``) in its
  product ``categories`` and their narrower categories (products name their ``parent``);
- its ``exemptions`` take goods out (an exemption list, goods under another authority's duty, a date range) or
  give them a reduced rate (a deal partner's goods); an exemption within a quota leaves the rate beyond it;
- each measure in force on the goods removes those it ``supersedes`` or is ``not_stacked_with``, even where
  its own exemptions spare them (a country rate of zero does not bring back the baseline it replaced);
- what remains combines as ``max(floor, MFN) + additive``. The MFN rate comes from the product record. Where it
  varies by line, the all-in duty is known only as a floor (what lines below it pay) and the duty beyond MFN
  only when no floor applies.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from functools import cached_property

from .graph import KnowledgeBase
from .i18n import t
from .models import Exemption, Measure, MeasureStatus, Product, Rate


@dataclass(frozen=True)
class Step:
    """One status a measure enters, as the engine reads it."""

    day: date
    """The first day it counts for."""
    status: MeasureStatus
    made: date
    """The day the change was made (known): a retroactive change reaches back from here."""
    scheduled: bool
    """True for a change the measure is scheduled to make that no recorded change confirms yet."""


def steps(measure: Measure) -> list[Step]:
    """The measure's status changes in the order they take effect: recorded ones, then scheduled ones that no
    recorded change has overtaken."""
    found = [Step(change.effective, change.status, change.date.earliest, False) for change in measure.status_history]
    found += [
        Step(entry.date.earliest, entry.status, entry.date.earliest, True)
        for entry in measure.scheduled
        if entry.status and not measure.settled(entry)
    ]
    return sorted(found, key=lambda step: step.day)


def ancestors(kb: KnowledgeBase, product: str) -> tuple[str, ...]:
    """The product and every broader category it belongs to, narrowest first."""
    chain: list[str] = []
    while product and product not in chain:
        chain.append(product)
        record = kb.records.get(product)
        product = record.parent if isinstance(record, Product) and record.parent else ""
    return tuple(chain)


def aims_at(measure: Measure, jurisdiction: str) -> bool:
    """True when the measure is aimed at goods from ``jurisdiction``."""
    if measure.imposing == jurisdiction:
        return False
    return jurisdiction in measure.targets or (measure.all_countries and jurisdiction not in measure.excluded)


def _exemption_applies(
    exemption: Exemption,
    jurisdiction: str,
    chain: tuple[str, ...],
    day: date,
    known_on: date | None,
    lists: frozenset[str] = frozenset(),
    named: frozenset[str] = frozenset(),
) -> bool:
    """Whether an exemption's products (or lists), origins and dates take in these goods on ``day``, as settled or
    as known on ``known_on`` (its ``subject_to`` part is judged against the other measures, by the caller).
    ``lists``: the HTS lists the tariff line is on (none for a whole category); ``named``: the categories the
    measure's exemptions name, whose own exemption speaks for their lines rather than a list."""
    if known_on is not None and exemption.granted and exemption.granted.earliest > known_on:
        return False
    if exemption.origins and jurisdiction not in exemption.origins:
        return False
    by_product = bool(set(exemption.products) & set(chain))
    by_list = bool(set(exemption.lists) & lists) and not named & set(chain)
    if (exemption.products or exemption.lists) and not (by_product or by_list):
        return False
    if exemption.start and day < exemption.start.earliest:
        return False
    return not (exemption.end and day > exemption.end.latest)


def covers(measure: Measure, chain: tuple[str, ...], lists: frozenset[str] = frozenset()) -> bool:
    """Whether the measure's scope takes in goods of the category ``chain`` (narrowest first), on a tariff line on
    ``lists``: by category or by a list of covered lines, unless a list of excluded lines takes the line out."""
    scope = measure.products
    if lists and set(scope.excluded_lists) & lists:
        return False
    return bool(set(scope.categories) & set(chain)) or bool(set(scope.lists) & lists)


@dataclass(frozen=True)
class Applied:
    """A measure that applies, with the rate it charges on these goods."""

    measure: Measure
    rate: Rate | None
    """The measure's rate, or the reduced rate an exemption gives these goods."""
    exemption: Exemption | None = None
    """The exemption that reduced the rate, or that applies within a quota only."""


@dataclass(frozen=True)
class NotApplied:
    """A measure in force whose scope takes in these goods, but that does not apply to them, and why."""

    measure: Measure
    reason: str
    """In English words: "exempt: EO 14257, Annex II", "superseded by", "not stacked with"."""
    by: Measure | None = None
    """The measure that removed it, where one did."""
    basis: str = ""
    """For an exemption: the legal text that grants it ("EO 14257, Annex II")."""

    @property
    def words(self) -> str:
        """The reason in the current language."""
        return t("exempt: {basis}", basis=self.basis) if self.reason.startswith("exempt") else t(self.reason)


@dataclass(frozen=True)
class Duty:
    """The duty on goods of one product category from one jurisdiction on one day."""

    jurisdiction: str
    product: Product
    day: date
    applied: tuple[Applied, ...]
    """The measures that apply, in id order."""
    not_applied: tuple[NotApplied, ...]
    """Measures in force on goods like these that do not apply, with the reason, in id order."""
    scheduled: bool = False
    """True when a measure applies only by a scheduled change that no recorded change confirms yet."""

    @property
    def unknown(self) -> bool:
        """True when a measure that applies charges these goods a reduced rate no source gives."""
        return any(a.exemption is not None and a.exemption.rate_unknown for a in self.applied)

    @property
    def mfn(self) -> float | None:
        """The normal (MFN) rate, where the product records one figure."""
        return self.product.mfn.percent if self.product.mfn else None

    def _rates(self, application: str) -> list[float]:
        return [a.rate.percent for a in self.applied if a.rate and a.rate.application == application]

    @property
    def additive(self) -> float:
        """Duties charged on top of MFN and each other."""
        return sum(self._rates("additive"))

    @property
    def floor(self) -> float | None:
        """The all-in rate the total is topped up to, if one applies."""
        floors = self._rates("floor")
        return max(floors) if floors else None

    @property
    def all_in(self) -> float | None:
        """The whole duty, MFN included: known where the MFN rate is, or as the floor (what lines whose MFN rate
        is below it pay) where only a floor and additive duties apply."""
        if self.unknown:
            return None
        if self.mfn is not None:
            return _round(max(self.floor or 0.0, self.mfn) + self.additive)
        if self.floor is not None:
            return _round(self.floor + self.additive)
        return None

    @property
    def beyond_mfn(self) -> float | None:
        """The duty on top of the MFN rate: known unless a floor meets an MFN rate that varies by line."""
        if self.unknown:
            return None
        if self.mfn is not None:
            return _round(self.all_in - self.mfn)  # type: ignore[operator]
        return None if self.floor is not None else _round(self.additive)

    @property
    def charted(self) -> float | None:
        """The one quantity a chart of this category plots: the total duty, MFN included, where the MFN rate is
        known; else the total on a tariff line whose MFN rate is zero (the floor, plus what is added on top); None
        where a rate is not recorded."""
        if self.unknown:
            return None
        return (
            self.all_in
            if self.all_in is not None and self.mfn is not None
            else _round((self.floor or 0.0) + self.additive)
        )

    def describe(self) -> str:
        """The duty in words: '27.5%', 'MFN + 10%', '15% all-in (MFN if higher)', 'MFN only'."""
        if self.unknown:
            return t("not recorded")
        if self.mfn is not None:
            return f"{_pct(self.all_in)}"
        if self.floor is not None:
            if self.additive:
                return t("{floor} all-in (MFN if higher) + {added}", floor=_pct(self.floor), added=_pct(self.additive))
            return t("{floor} all-in (MFN if higher)", floor=_pct(self.floor))
        return t("MFN + {added}", added=_pct(self.additive)) if self.additive else t("MFN only")

    @property
    def key(self) -> tuple:
        """What makes two days' duties the same: the numbers and the measures behind them."""
        return (self.all_in, self.beyond_mfn, self.mfn, self.charted, self.measure_ids)

    @property
    def measure_ids(self) -> tuple[str, ...]:
        return tuple(a.measure.id for a in self.applied)

    @property
    def sources(self) -> tuple[str, ...]:
        """Every source behind the duty: the measures', their exemptions' and the MFN rate's, sorted."""
        found = {c.source for a in self.applied for c in a.measure.sources}
        found |= {c.source for a in self.applied if a.exemption for c in a.exemption.sources}
        if self.product.mfn:
            found |= {c.source for c in self.product.mfn.sources}
        return tuple(sorted(found))


def _round(value: float) -> float:
    return round(value, 4)


def _pct(value: float | None) -> str:
    return "" if value is None else f"{value:g}%"


class Tariffs:
    """The duties on goods from the jurisdictions the measures target, computed from one knowledge base."""

    def __init__(self, kb: KnowledgeBase) -> None:
        self.kb = kb
        self._aimed: dict[str, list[Measure]] = {}
        self._histories: dict[tuple[str, str, str, frozenset[str]], list[Interval]] = {}

    @cached_property
    def products(self) -> list[Product]:
        """Every product category, the broadest first, then by name."""
        products = [p for p in self.kb.by_kind.get("product", ()) if isinstance(p, Product)]
        return sorted(products, key=lambda p: (p.parent is not None, p.label.casefold()))

    @cached_property
    def jurisdictions(self) -> list[str]:
        """The jurisdictions some measure names as a target: each has a page of duties on its goods."""
        return sorted({t for m in self.kb.by_kind.get("measure", ()) if isinstance(m, Measure) for t in m.targets})

    @cached_property
    def named(self) -> dict[str, frozenset[str]]:
        """For each measure, the product categories its exemptions name."""
        return {
            m.id: frozenset(p for e in m.exemptions for p in e.products)
            for m in self.kb.by_kind.get("measure", ())
            if isinstance(m, Measure)
        }

    @cached_property
    def referenced_lists(self) -> frozenset[str]:
        """The HTS lists some measure's scope or exemptions name: the only memberships that change a duty."""
        return frozenset(
            i
            for m in self.kb.by_kind.get("measure", ())
            if isinstance(m, Measure)
            for i in (*m.products.lists, *m.products.excluded_lists, *(x for e in m.exemptions for x in e.lists))
        )

    @cached_property
    def _prefixes(self) -> dict[str, tuple[str, int]]:
        """Each product's HS codes as digits, with (product id, depth in the category tree)."""
        found: dict[str, tuple[str, int]] = {}
        for product in sorted(self.products, key=lambda p: p.id):
            depth = len(ancestors(self.kb, product.id))
            for code in product.hs_codes:
                key = code.replace(".", "")
                if key not in found or depth < found[key][1]:
                    found[key] = (product.id, depth)
        return found

    def category_of(self, hts10: str) -> str:
        """The narrowest product category whose HS codes take in the tariff line: the longest code that prefixes
        it; between categories with the same code, the broader (a narrower category with its parent's codes, such
        as generic medicines in chapter 30, cannot be told apart by code); else ``all-goods``."""
        prefixes = self._prefixes
        for n in range(len(hts10), 1, -1):
            if hts10[:n] in prefixes:
                return prefixes[hts10[:n]][0]
        return "all-goods"

    def line_lists(self, hts10: str) -> frozenset[str]:
        """The HTS lists named by some measure that the tariff line is on."""
        return self.kb.lists.on(hts10, sorted(self.referenced_lists))

    @cached_property
    def steps(self) -> dict[str, list[Step]]:
        return {m.id: steps(m) for m in self.kb.by_kind.get("measure", ()) if isinstance(m, Measure)}

    def aimed_at(self, jurisdiction: str) -> list[Measure]:
        """The measures aimed at goods from ``jurisdiction``, in id order."""
        if jurisdiction not in self._aimed:
            self._aimed[jurisdiction] = sorted(
                (m for m in self.kb.by_kind.get("measure", ()) if isinstance(m, Measure) and aims_at(m, jurisdiction)),
                key=lambda m: m.id,
            )
        return self._aimed[jurisdiction]

    def _status(self, measure: Measure, day: date, known_on: date | None) -> tuple[MeasureStatus | None, bool]:
        """The status on ``day`` and whether it rests on an unconfirmed scheduled change."""
        current: tuple[MeasureStatus | None, bool] = (None, False)
        for step in self.steps[measure.id]:
            if known_on is not None and step.made > known_on:
                continue
            if step.day > day:
                break
            current = (step.status, step.scheduled)
        return current

    def duty(
        self,
        jurisdiction: str,
        product: str,
        day: date,
        known_on: date | None = None,
        lists: frozenset[str] = frozenset(),
    ) -> Duty:
        """The duty on goods of ``product`` from ``jurisdiction`` on ``day``, as settled or as known on a day.
        ``lists``: for one tariff line, the HTS lists it is on (which a measure's scope and exemptions may name)."""
        record = self.kb[product]
        assert isinstance(record, Product)
        chain = ancestors(self.kb, product)
        in_force: list[Measure] = []
        unconfirmed: set[str] = set()
        for measure in self.aimed_at(jurisdiction):
            if not covers(measure, chain, lists):
                continue
            status, scheduled = self._status(measure, day, known_on)
            if status == "in-force":
                in_force.append(measure)
                if scheduled:
                    unconfirmed.add(measure.id)
        removed: dict[str, NotApplied] = {}
        reduced: dict[str, Exemption] = {}
        by_id = {m.id: m for m in in_force}
        for measure in in_force:  # exemptions by product (or list), origin and date
            named = self.named[measure.id]
            for exemption in measure.exemptions:
                if exemption.subject_to or not _exemption_applies(
                    exemption, jurisdiction, chain, day, known_on, lists, named
                ):
                    continue
                if exemption.rate is None and exemption.quota is None and not exemption.rate_unknown:
                    removed.setdefault(
                        measure.id, NotApplied(measure, f"exempt: {exemption.basis}", basis=exemption.basis)
                    )
                else:
                    reduced.setdefault(measure.id, exemption)
        for measure in in_force:  # replaced by a measure in force on these goods, even one that exempts them
            for other in (*measure.supersedes, *measure.not_stacked_with):
                if other in by_id and other != measure.id and other not in removed:
                    how = "superseded by" if other in measure.supersedes else "not stacked with"
                    removed[other] = NotApplied(by_id[other], how, measure)
        standing = [m for m in in_force if m.id not in removed]
        for measure in standing:  # goods under another authority's duty
            for exemption in measure.exemptions:
                if not exemption.subject_to or not _exemption_applies(
                    exemption, jurisdiction, chain, day, known_on, lists, self.named[measure.id]
                ):
                    continue
                under = next((m for m in standing if m.authority in exemption.subject_to and m is not measure), None)
                if under is not None:
                    removed.setdefault(
                        measure.id, NotApplied(measure, f"exempt: {exemption.basis}", under, exemption.basis)
                    )
        applied = []
        for measure in in_force:
            if measure.id in removed:
                continue
            exemption = reduced.get(measure.id)
            rate = exemption.rate if exemption and exemption.rate and not exemption.quota else measure.rate
            applied.append(Applied(measure, rate, exemption))
        gone = tuple(sorted(removed.values(), key=lambda n: n.measure.id))
        return Duty(jurisdiction, record, day, tuple(applied), gone, any(a.measure.id in unconfirmed for a in applied))

    def change_days(
        self, jurisdiction: str, product: str | None = None, lists: frozenset[str] = frozenset()
    ) -> list[date]:
        """Every day on which a measure on goods from ``jurisdiction`` (of ``product``, if given, on a tariff line on
        ``lists``) changed status or a change to it was made, or an exemption of one was granted, began or ended,
        in order."""
        chain = ancestors(self.kb, product) if product else None
        days: set[date] = set()
        for measure in self.aimed_at(jurisdiction):
            if chain is not None and not covers(measure, chain, lists):
                continue
            days.update(day for step in self.steps[measure.id] for day in (step.day, step.made))
            for exemption in measure.exemptions:
                if exemption.start:
                    days.add(exemption.start.earliest)
                if exemption.granted:
                    days.add(exemption.granted.earliest)
                if exemption.end:
                    days.add(date.fromordinal(exemption.end.latest.toordinal() + 1))
        return sorted(days)

    def history(
        self, jurisdiction: str, product: str, known: str = "settled", lists: frozenset[str] = frozenset()
    ) -> list[Interval]:
        """The duty over time as intervals of constant duty, from the first day a measure applies to the goods.
        ``known="at-the-time"`` gives what was charged then, before retroactive corrections. ``lists``: for a
        tariff line, the HTS lists it is on (its category's history where none concerns a measure)."""
        lists = lists & self.referenced_lists
        key = (jurisdiction, product, known, lists)
        if key not in self._histories:
            self._histories[key] = self._history(jurisdiction, product, known, lists)
        return self._histories[key]

    def _history(self, jurisdiction: str, product: str, known: str, lists: frozenset[str]) -> list[Interval]:
        intervals: list[Interval] = []
        for day in self.change_days(jurisdiction, product, lists):
            duty = self.duty(jurisdiction, product, day, day if known == "at-the-time" else None, lists)
            if not intervals and not duty.applied:
                continue
            if intervals and intervals[-1].duty.key == duty.key:
                continue
            ended = False
            if intervals:
                ended = any(
                    step.scheduled and step.day == day
                    for a in intervals[-1].duty.applied
                    for step in self.steps[a.measure.id]
                )
                intervals[-1] = intervals[-1].ending(day)
            intervals.append(Interval(day, None, duty, duty.scheduled or ended))
        return intervals

    def interval_on(self, jurisdiction: str, product: str, day: date) -> Interval | None:
        """The interval of ``history`` that holds ``day``, if any."""
        return next(
            (i for i in self.history(jurisdiction, product) if i.start <= day and (i.until is None or day < i.until)),
            None,
        )

    def on(self, day: date) -> Iterator[tuple[str, Duty]]:
        """The duty on every product from every targeted jurisdiction on ``day``."""
        for jurisdiction in self.jurisdictions:
            for product in self.products:
                yield jurisdiction, self.duty(jurisdiction, product.id, day)


@dataclass(frozen=True)
class Interval:
    """A span of days over which the duty stayed the same."""

    start: date
    """The first day (inclusive)."""
    until: date | None
    """The first day after it (exclusive); None while it lasts."""
    duty: Duty
    scheduled: bool = False
    """True when it rests on a scheduled change (a start, or the end of a measure that applied before) that no
    recorded change confirms yet."""

    def ending(self, until: date) -> Interval:
        return Interval(self.start, until, self.duty, self.scheduled)
