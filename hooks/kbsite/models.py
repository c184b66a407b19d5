"""The record kinds: each defined once, giving validation, typed frozen records, JSON Schema and field docs.

The docstring under each field is its description everywhere: in the JSON Schemas editors use, in the
field reference of the contributing guide, and in validation hints.
"""

from __future__ import annotations

import datetime
import typing
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from typing import Annotated, Any, ClassVar, Literal, NamedTuple

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator
from pydantic_core import core_schema

from .labels import Phrase
from .types import Clock, Confidence, Id, Localized, Markdown, PartialDate, Ref, Text, TimeZone, Url, Verbatim

# Reference types: one class per target kind (or set of kinds), declared so that type checkers see them.


class JurisdictionRef(Ref):
    kinds = ("jurisdiction",)


class PersonRef(Ref):
    kinds = ("person",)


class OrganizationRef(Ref):
    kinds = ("organization",)


class MeasureRef(Ref):
    kinds = ("measure",)


class MeetingRef(Ref):
    kinds = ("meeting",)


class TopicRef(Ref):
    kinds = ("topic",)


class AgreementRef(Ref):
    kinds = ("agreement",)


class TermRef(Ref):
    kinds = ("term",)


class ProductRef(Ref):
    kinds = ("product",)


class SourceRef(Ref):
    kinds = ("source",)


class ActorRef(Ref):
    kinds = ("person", "organization")


class PartyRef(Ref):
    kinds = ("jurisdiction", "person", "organization")


class OccasionRef(Ref):
    kinds = ("meeting", "event")


class DisputeRef(Ref):
    kinds = ("dispute",)


class ClaimRef(Ref):
    kinds = ("claim",)


class SubjectRef(Ref):
    kinds = ("topic", "agreement", "measure")


Authority = Literal["ieepa", "section-232", "section-301", "section-122", "other"]
MeasureStatus = Literal["announced", "in-force", "paused", "superseded", "revoked", "invalidated", "expired"]

Rule = tuple[tuple[str | int, ...], str]
"""A record-level rule broken: where (field path) and what."""

Shared = tuple[tuple[str, str], ...]
"""What a record tells the rules of other records about itself: (field, value) pairs, plain so that they travel
cheaply from a worker process (a claim's side, for the claims that dispute it)."""


def empty() -> Any:
    """The default of an optional list field: empty (a fresh list each time, which costs less than copying one)."""
    return Field(default_factory=list, json_schema_extra={"default": []})


def nested_part(annotation: Any) -> type[BaseModel] | None:
    """The model a field's type annotation holds, directly or inside a list, union or Annotated."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    return next((found for arg in typing.get_args(annotation) if (found := nested_part(arg))), None)


class Part(BaseModel):
    """A nested part of a record: strict, frozen, no unknown fields, every field documented."""

    model_config = ConfigDict(strict=True, frozen=True, extra="forbid", use_attribute_docstrings=True)


def _id_or_mapping(schema: dict[str, Any]) -> None:
    """In JSON Schema a citation is what contributors may write: a bare source id or the full mapping."""
    mapping = dict(schema)
    schema.clear()
    schema["description"] = mapping.pop("description")
    schema["anyOf"] = [{"type": "string", "pattern": mapping["properties"]["source"]["pattern"]}, mapping]


class Citation(Part):
    """Where a fact comes from. Write just the source id, or a mapping to add a locator or a quote."""

    model_config = ConfigDict(json_schema_extra=_id_or_mapping)

    source: SourceRef
    """Id of the source record."""
    locator: Verbatim | None = None
    """Where in the source: a section, paragraph or page ("Sec. 2(d)", "para. 4")."""
    quote: Verbatim | None = None
    """The words of the source that support the fact, quoted exactly."""

    @model_validator(mode="before")
    @classmethod
    def _from_id(cls, data: Any) -> Any:
        return {"source": data} if isinstance(data, str) else data


Citations = Annotated[list[Citation], Field(min_length=1)]


class Scheduled(Part):
    """A date fixed in advance: a legal expiry, a planned change, a deadline."""

    date: PartialDate
    """The day it is due (the local date where ``tz`` is given)."""
    time: Clock | None = None
    """Local time of day it is due (``00:01`` for US legal effective times)."""
    tz: TimeZone | None = None
    """The time zone of ``date`` and ``time`` (``America/New_York``)."""
    status: MeasureStatus | None = None
    """For a measure: the status it is due to enter then (``expired`` for a legal end)."""
    description: Text
    """What is due, in a sentence ("the surcharge's 150 days under Section 122 end")."""
    outcome: Text | None = None
    """What happened on the day, once known; leave out until it is."""
    sources: list[Citation] = empty()
    """Sources for the date (the law or notice that sets it)."""


class Column(NamedTuple):
    """One column of a kind's index table, after the record's name."""

    header: str
    """The column's heading ("Date")."""
    field: str
    """The field (or property) the cell shows; the site checks at start-up that the kind has it."""
    show: str = "value"
    """How the cell reads: one of the formats of render/pages.py (``CELLS``: value, text, label, date, count,
    link, links, percent), or the name of a method of its ``Page`` that takes the record."""


class Category(NamedTuple):
    """A sort of timeline entry, as the timeline's filter and the exports name it."""

    name: str
    """The value entries carry (``role``)."""
    label: str
    """How the filter names it ("Role change")."""
    position: int
    """Its place in the filter's list (categories of all kinds sorted by it)."""


@dataclass(frozen=True, order=True)
class Entry:
    """One dated fact on the timeline (timeline.py puts them in order)."""

    date: PartialDate
    """When, at the precision the record gives."""
    time: str
    """Local time of day (``00:01``), or empty."""
    record_id: str
    """The record the fact belongs to; the entry links to its page."""
    sequence: int
    """The fact's place within its record (a measure's third status change is 2), to keep ties stable."""
    category: str
    """The name of one of the record kind's timeline categories."""
    words: str | Phrase
    """What happened: record text as it is, or a phrase read in the page's language (see :attr:`text`)."""
    tz: str | None = None
    """The time zone of the date, where the record gives one."""
    involves: frozenset[str] = frozenset()
    """Ids of every record the fact concerns (itself, and the records of other kinds it references: a measure's
    jurisdictions, a meeting's participants, the topics that point at it), for filters and record pages."""

    @property
    def text(self) -> str:
        """What happened, in plain text in the current language ("In force: US Section 232 tariff on automobiles")."""
        return str(self.words)


class Record(Part):
    """What every record has.

    Each kind says here, once, everything the site needs to know about it: the class variables below are read by
    the pages, the indexes, the timeline, the exports, the nav, the editor settings, the README's table of kinds,
    the scaffolding and the bench generator. Adding a kind is its class (listed in ``KINDS`` at the end of this
    module) and its template ``templates/<kind>.html.j2``; ``make schemas`` then rewrites the generated files
    (generated.py). A forgotten piece is reported at start-up, by kind (``render.pages.kind_problems``).
    """

    kind: ClassVar[str]
    """The kind's name, as used in references and messages (``person``)."""
    plural: ClassVar[str]
    """The folder under kb/ and the URL segment (``people``)."""
    reverse: ClassVar[dict[str, str]] = {}
    """For each reference field, how a page that is pointed at names the relation ("Met in")."""
    starter_fields: ClassVar[tuple[str, ...]] = ()
    """Optional fields a new record starts with all the same, because a record rule asks for one of them."""
    acyclic: ClassVar[tuple[str, ...]] = ()
    """Reference fields whose relation may never lead back to the record, directly or through others."""
    index_title: ClassVar[str]
    """The title of the kind's index page, and of its row in the home page's table ("Tariff measures")."""
    nav_title: ClassVar[str | None] = None
    """Its index page's label in the site's navigation; None keeps it out of the navigation."""
    nav_position: ClassVar[int] = 0
    """Its place among the kinds in the navigation (lower first)."""
    in_short: ClassVar[str]
    """What a record of the kind is, in a line for the README's table of kinds."""
    label_field: ClassVar[str | None] = None
    """The field that names a record on pages and in links; None names it by its id."""
    name_header: ClassVar[str] = "Name"
    """The heading of the index table's first column, which holds the record's name."""
    index_columns: ClassVar[tuple[Column, ...]] = ()
    """The key fields the kind's index table shows after the record's name."""
    index_by_date: ClassVar[bool] = False
    """True when the index lists records in time order (by their first date); else by name."""
    has_index: ClassVar[bool] = True
    """False for a kind whose index is a page of its own (the glossary)."""
    auto_link: ClassVar[bool] = True
    """Whether prose mentioning a record's name links to its page (not for terms, which get tooltips, sources,
    or claims, whose display name is a sentence)."""
    timeline_filter: ClassVar[str | None] = None
    """The label of the timeline filter that picks entries involving one record of the kind; None for none."""
    timeline_categories: ClassVar[tuple[Category, ...]] = ()
    """The sorts of timeline entry :meth:`timeline_entries` makes."""

    id: Id
    """Unique id, lower-case words joined by hyphens; the file name without ``.yml``."""
    notes: Markdown | None = None
    """Editors' notes: caveats, open questions, disagreements between sources (Markdown)."""

    @property
    def label(self) -> str:
        """The record's display name: its ``label_field``, or its id."""
        field = type(self).label_field
        return str((getattr(self, field) if field else None) or self.id)

    @property
    def aliases_all(self) -> tuple[str, ...]:
        """Every other name a reader might use for it."""
        names = [getattr(self, "name_native", None), getattr(self, "abbreviation", None)]
        names += list(getattr(self, "aliases", ()))
        return tuple(name for name in names if name)

    def dates(self) -> Iterator[PartialDate]:
        """The dates that place this record in time, earliest first where it has several."""
        return iter(())

    def timeline_entries(self, involves: frozenset[str], records: Mapping[str, Record]) -> Iterator[Entry]:
        """The record's facts on the timeline; ``involves`` is what each concerns, ``records`` every record."""
        return iter(())

    def overdue(self, as_of: datetime.date) -> list[tuple[int, Scheduled]]:
        """The scheduled dates (by index in ``scheduled``) that have passed on ``as_of`` with no recorded outcome."""
        due: list[Scheduled] = getattr(self, "scheduled", [])
        return [
            (index, entry) for index, entry in enumerate(due) if entry.date.latest < as_of and not self.settled(entry)
        ]

    def settled(self, entry: Scheduled) -> bool:
        """True when the knowledge base records what happened on a scheduled date."""
        return entry.outcome is not None

    def rules(self) -> Iterator[Rule]:
        """Record-level rules beyond field types (dates in order, ...)."""
        return iter(())

    def shared(self) -> Shared:
        """What the cross-record rules of other records read about this one (see :meth:`cross_rules`)."""
        return ()

    @classmethod
    def cross_rules(
        cls,
        own: Mapping[str, str],
        refs: Iterable[tuple[tuple[str | int, ...], str]],
        shared_of: Callable[[str], Mapping[str, str] | None],
    ) -> Iterator[Rule]:
        """Rules that compare a record with the records it names, from plain data alone: ``own`` is this record's
        :meth:`shared`, ``refs`` its references (field path, id), ``shared_of(id)`` another record's shared data
        (None when that record did not validate). Run only once every reference resolves to the right kind."""
        return iter(())


class Fact(Record):
    """A record that states facts: it cites its sources and says how sure we are."""

    reverse: ClassVar[dict[str, str]] = {"sources": "Cited by"}

    sources: Citations
    """The sources that support this record: at least one source id, or ``{source, locator, quote}``."""
    confidence: Confidence
    """How sure the record is: high (primary legal text or two reliable reports), medium (one reliable
    report or a small inference), low (unverified; shown with a warning)."""


class Named(Fact):
    """A fact record known by a name."""

    label_field = "name"

    name: Text
    """The name in Latin script, as English-language sources write it."""
    name_native: Verbatim | None = None
    """The name in its own script, where it has one (赤澤亮正)."""
    aliases: list[Verbatim] = empty()
    """Other names and spellings readers may search for (Phuc for Phoc, USTR)."""
    summary: Markdown | None = None
    """A short description (Markdown)."""


def _ordered(pairs: list[tuple[tuple[str | int, ...], PartialDate | None, str]]) -> Iterator[Rule]:
    """Each date that is certainly before the one listed before it breaks the order."""
    known = [(loc, when, what) for loc, when, what in pairs if when is not None]
    for (_, first, first_name), (loc, later, later_name) in zip(known, known[1:]):
        if later.precedes(first):
            yield loc, f"{later_name} ({later}) is before {first_name} ({first})"


class Jurisdiction(Named):
    """A country, customs territory or union that imposes or faces tariffs."""

    kind = "jurisdiction"
    plural = "jurisdictions"
    index_title = "Jurisdictions"
    nav_title, nav_position = "Jurisdictions", 10
    in_short = "a country, customs territory or union"
    index_columns = (Column("Code", "code", "text"), Column("Type", "type", "label"))
    timeline_filter = "Jurisdiction"
    reverse = {**Fact.reverse, "members": "Member of"}
    acyclic = ("members",)

    code: Annotated[str, Field(pattern=r"^[A-Z]{2}$")]
    """ISO 3166-1 alpha-2 code (``US``, ``JP``); ``EU`` for the European Union."""
    type: Literal["country", "customs-territory", "supranational"]
    """What sort of jurisdiction it is."""
    members: list[JurisdictionRef] = empty()
    """For a union: its member jurisdictions that the knowledge base records."""


class Role(Part):
    """An office or position someone held, over a span of time."""

    title: Text
    """The office as sources name it ("Secretary of the Treasury")."""
    organization: OrganizationRef | None = None
    """The organization the office belongs to."""
    jurisdiction: JurisdictionRef | None = None
    """The jurisdiction the office serves, where no organization is recorded."""
    start: PartialDate | None = None
    """When the role began."""
    end: PartialDate | None = None
    """When the role ended; leave out while it continues."""
    former: bool = False
    """True when the role is known to have ended but its end date is not recorded."""
    sources: list[Citation] = empty()
    """Sources for this role, where they differ from the person's own."""


class Quote(Part):
    """Something a person said, word for word."""

    text: Verbatim
    """The words, exactly as the source gives them."""
    date: PartialDate | None = None
    """When it was said or published."""
    occasion: OccasionRef | None = None
    """The meeting or event it was said about or at."""
    source: Citation
    """The source that reports the quote."""


class Person(Named):
    """Someone who acts in, negotiates or comments on the talks."""

    kind = "person"
    plural = "people"
    index_title = "People"
    nav_title, nav_position = "People", 8
    in_short = "someone who acts in or comments on the talks, with dated roles"
    index_columns = (
        Column("Native name", "name_native", "text"),
        Column("Role", "roles", "current_role"),
        Column("Nationality", "nationality"),
    )
    timeline_filter = "Person"
    timeline_categories = (Category("role", "Role change", 5),)

    nationality: JurisdictionRef | None = None
    """The jurisdiction whose citizen or official the person is."""
    roles: list[Role] = empty()
    """Offices and positions held, with their dates, earliest first."""
    quotes: list[Quote] = empty()
    """Notable words, with their source."""

    def dates(self) -> Iterator[PartialDate]:
        return (date for role in self.roles for date in (role.start, role.end) if date)

    def timeline_entries(self, involves: frozenset[str], records: Mapping[str, Record]) -> Iterator[Entry]:
        for index, role in enumerate(self.roles):
            where = frozenset(ref for ref in (role.organization, role.jurisdiction) if ref)
            if role.start:
                yield Entry(
                    role.start,
                    "",
                    self.id,
                    2 * index,
                    "role",
                    Phrase.of("{name} becomes {title}", name=self.name, title=role.title),
                    None,
                    involves | where,
                )
            if role.end:
                yield Entry(
                    role.end,
                    "",
                    self.id,
                    2 * index + 1,
                    "role",
                    Phrase.of("{name} leaves office as {title}", name=self.name, title=role.title),
                    None,
                    involves | where,
                )

    def rules(self) -> Iterator[Rule]:
        for index, role in enumerate(self.roles):
            yield from _ordered(
                [(("roles", index, "start"), role.start, "start"), (("roles", index, "end"), role.end, "end")]
            )
            if role.end and role.former:
                yield ("roles", index, "former"), "former is for roles whose end date is unknown; this one has an end"


class Organization(Named):
    """A government body, court, company, think tank or other organization."""

    kind = "organization"
    plural = "organizations"
    index_title = "Organizations"
    nav_title, nav_position = "Organizations", 9
    in_short = "a ministry, agency, court, company, think tank"
    index_columns = (Column("Type", "type", "label"), Column("Jurisdiction", "jurisdiction"))
    reverse = {**Fact.reverse, "parent": "Part of it"}
    acyclic = ("parent",)

    type: Literal[
        "executive-office",
        "ministry",
        "agency",
        "court",
        "legislature",
        "party",
        "think-tank",
        "consultancy",
        "company",
        "international-organization",
        "media",
    ]
    """What sort of organization it is."""
    jurisdiction: JurisdictionRef | None = None
    """The jurisdiction it belongs to; leave out for international organizations."""
    parent: OrganizationRef | None = None
    """The organization it is part of."""
    website: Url | None = None
    """Its official website."""


class StatusChange(Part):
    """A step in a measure's legal life."""

    status: MeasureStatus
    """The status the measure entered: announced, in-force, paused, superseded, revoked, invalidated, expired."""
    date: PartialDate
    """The day it entered that status (the legal effective date, not the news date)."""
    time: Clock | None = None
    """Local time of day it took effect (``00:01`` for US legal effective times)."""
    tz: TimeZone | None = None
    """The time zone of ``date`` and ``time`` where it matters (``America/New_York``)."""
    retroactive_to: PartialDate | None = None
    """For a change that applies to the past: the date it reaches back to."""
    note: Text | None = None
    """What happened, in a sentence."""

    @property
    def effective(self) -> datetime.date:
        """The first day the status counts for: the day it reaches back to, else its own first day."""
        return (self.retroactive_to or self.date).earliest


Percent = Annotated[float, Field(ge=0, le=1000, allow_inf_nan=False)]
"""A rate in percent of customs value (``15`` for 15%)."""

HsCode = Annotated[str, Field(pattern=r"^[0-9]{2}([0-9]{2}(\.[0-9]{2}){0,3})?$")]
"""An HS chapter, heading or HTSUS subheading, written as the schedule writes it (``72``, ``8703``, ``8704.21``)."""

ListId = Annotated[str, Field(pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$")]
"""The id of an HTS list defined in kb/lists/lists.yml (``ieepa-exempt``)."""

Chapter99 = Annotated[str, Field(pattern=r"^9903\.[0-9]{2}\.[0-9]{2}$")]
"""An HTSUS Chapter 99 heading (``9903.01.25``)."""


class Rate(Part):
    """An ad valorem rate and how it combines with the normal (MFN) rate."""

    percent: Percent
    """The rate in percent of customs value (``15`` for 15%)."""
    application: Literal["additive", "floor"]
    """additive: charged on top of the MFN rate and other duties; floor: tops the total up to ``percent``
    ("15% all-in"), nothing if MFN already reaches it."""


class Products(Part):
    """The goods a measure covers."""

    description: Text
    """The scope in words ("passenger vehicles and light trucks")."""
    categories: Annotated[list[ProductRef], Field(min_length=1)]
    """The product categories it covers (``passenger-vehicles``, ``all-goods``), with their narrower ones."""
    hs_headings: list[HsCode] = empty()
    """Harmonized System headings covered (``8703``)."""
    lists: list[ListId] = empty()
    """HTS lists (kb/lists/) of tariff lines it covers besides its categories (``s232-auto-parts``)."""
    excluded_lists: list[ListId] = empty()
    """HTS lists of tariff lines it does not cover, even within its categories."""


class Exemption(Part):
    """Goods a measure does not charge, or charges at a reduced rate: products on an exemption list, goods
    under another authority's duty, a deal partner's reduced rate."""

    products: list[ProductRef] = empty()
    """The product categories it concerns, with their narrower ones (``pharmaceuticals``)."""
    lists: list[ListId] = empty()
    """HTS lists (kb/lists/) of the tariff lines it concerns (``ieepa-exempt``). A line on a list is taken in
    unless another exemption of the measure names the line's product category: that one, with its dates,
    speaks for the category's lines."""
    subject_to: list[Authority] = empty()
    """Goods while a measure under one of these authorities applies to them (``section-232``)."""
    origins: list[JurisdictionRef] = empty()
    """Only goods from these jurisdictions (a deal partner); leave empty for goods from every target."""
    rate: Rate | None = None
    """The reduced rate they pay instead of the measure's; leave out when they are exempt."""
    rate_unknown: bool = False
    """True when the goods pay a reduced rate that no source gives: their duty is then shown as not recorded."""
    quota: Text | None = None
    """For an exemption limited to a quota: the quota in words. Beyond it the measure's rate is charged,
    and that is the rate the tariff tables show."""
    start: PartialDate | None = None
    """The first day it applies, where it began after the measure."""
    end: PartialDate | None = None
    """The last day it applied, where it ended before the measure."""
    granted: PartialDate | None = None
    """The day it was granted, where it reaches back before that day to ``start``: what was charged in between
    is shown as charged at the time."""
    basis: Text
    """The legal text that grants it ("EO 14257, Annex II")."""
    hts_headings: list[Chapter99] = empty()
    """HTSUS Chapter 99 headings under which the goods enter (``9903.96.02``)."""
    sources: list[Citation] = empty()
    """Sources for the exemption, where they differ from the measure's own."""


STATUS_ENTRIES: dict[str, tuple[str, str]] = {
    "announced": ("Announced: {title}", "Announced, retroactive to {date}: {title}"),
    "in-force": ("In force: {title}", "In force, retroactive to {date}: {title}"),
    "paused": ("Paused: {title}", "Paused, retroactive to {date}: {title}"),
    "superseded": ("Superseded: {title}", "Superseded, retroactive to {date}: {title}"),
    "revoked": ("Revoked: {title}", "Revoked, retroactive to {date}: {title}"),
    "invalidated": ("Invalidated: {title}", "Invalidated, retroactive to {date}: {title}"),
    "expired": ("Expired: {title}", "Expired, retroactive to {date}: {title}"),
}
"""A measure's status change as a timeline entry, without and with the day it reaches back to."""


class Measure(Fact):
    """A tariff measure: one legal instrument's duty on goods from the jurisdictions it targets."""

    kind = "measure"
    plural = "measures"
    index_title = "Tariff measures"
    nav_title, nav_position = "Tariff measures", 1
    in_short = "a tariff measure: authority, products, rate, exemptions, status history, scheduled dates"
    label_field = "title"
    index_columns = (
        Column("Authority", "authority", "label"),
        Column("Rate", "rate", "percent"),
        Column("Targets", "targets", "targets"),
        Column("Status", "status", "label"),
        Column("Since", "status_history", "since"),
    )
    index_by_date = True
    timeline_categories = (Category("measure", "Measure", 3),)
    reverse = {**Fact.reverse, "supersedes": "Superseded by", "not_stacked_with": "Not stacked with"}
    starter_fields = ("targets",)
    acyclic = ("supersedes",)

    title: Text
    """A descriptive title ("US reciprocal tariff on Japan, 24%")."""
    aliases: list[Verbatim] = empty()
    """Other names for it ("Liberation Day tariffs")."""
    imposing: JurisdictionRef
    """The jurisdiction that imposes the duty."""
    targets: list[JurisdictionRef] = empty()
    """The jurisdictions whose goods it targets; leave empty with ``all_countries: true``."""
    all_countries: bool = False
    """True when it applies to goods from every country not excluded."""
    excluded: list[JurisdictionRef] = empty()
    """Jurisdictions expressly exempted."""
    authority: Authority
    """The legal authority: ieepa, section-232, section-301, section-122 or other."""
    instrument: Verbatim | None = None
    """The legal instrument ("EO 14257", "Proclamation 10908")."""
    federal_register: Verbatim | None = None
    """Federal Register citation of the instrument ("90 FR 15041")."""
    hts_headings: list[Chapter99] = empty()
    """HTSUS Chapter 99 headings that carry the duty (``9903.01.25``)."""
    products: Products
    """The goods it covers."""
    exemptions: list[Exemption] = empty()
    """Goods within its scope that it does not charge, or charges at a reduced rate."""
    rate: Rate | None = None
    """The duty rate, where it is a single ad valorem rate."""
    status_history: Annotated[list[StatusChange], Field(min_length=1)]
    """Every status the measure entered, in date order: announced, in-force, paused, superseded, ..."""
    scheduled: list[Scheduled] = empty()
    """Dates fixed in advance that have not all happened yet: a legal expiry, a planned rate change."""
    supersedes: list[MeasureRef] = empty()
    """Measures this one replaced."""
    not_stacked_with: list[MeasureRef] = empty()
    """Measures that do not apply to the same goods while this one does (Section 232 goods are excluded
    from the reciprocal tariff)."""
    implements: AgreementRef | None = None
    """The agreement this measure puts into effect."""
    summary: Markdown | None = None
    """What the measure does and why it matters (Markdown)."""

    @property
    def status(self) -> MeasureStatus:
        """The latest status."""
        return self.status_history[-1].status

    def first(self, status: MeasureStatus) -> StatusChange | None:
        """The first time the measure entered ``status``."""
        return next((change for change in self.status_history if change.status == status), None)

    def dates(self) -> Iterator[PartialDate]:
        return (change.date for change in self.status_history)

    def timeline_entries(self, involves: frozenset[str], records: Mapping[str, Record]) -> Iterator[Entry]:
        for index, change in enumerate(self.status_history):
            plain, retroactive = STATUS_ENTRIES[change.status]
            words = (
                Phrase.of(retroactive, date=change.retroactive_to, title=self.title)
                if change.retroactive_to
                else Phrase.of(plain, title=self.title)
            )
            yield Entry(
                change.date,
                change.time or "",
                self.id,
                index,
                "measure",
                words,
                change.tz,
                involves,
            )

    def settled(self, entry: Scheduled) -> bool:
        """A scheduled date is settled by its outcome, or by a status change recorded on or after it."""
        return entry.outcome is not None or any(not change.date.precedes(entry.date) for change in self.status_history)

    def rules(self) -> Iterator[Rule]:
        history = self.status_history
        yield from _ordered(
            [(("status_history", i, "date"), c.date, f"the {c.status} date") for i, c in enumerate(history)]
        )
        announced, in_force = self.first("announced"), self.first("in-force")
        if announced and in_force and in_force.date.precedes(announced.date) and not in_force.retroactive_to:
            yield ("status_history", history.index(in_force), "date"), "in force before it was announced"
        if not self.targets and not self.all_countries:
            yield ("targets",), "name the target jurisdictions, or set all_countries: true"
        if self.targets and self.all_countries:
            yield ("all_countries",), "all_countries: true applies to every country; leave targets empty"
        for index, exemption in enumerate(self.exemptions):
            if not exemption.products and not exemption.subject_to and not exemption.lists:
                yield (
                    ("exemptions", index),
                    "name the exempt products, their HTS lists, or the authorities (subject_to) whose goods are exempt",
                )
            if exemption.rate_unknown and exemption.rate:
                yield ("exemptions", index, "rate_unknown"), "give the reduced rate or say it is unknown, not both"
            yield from _ordered(
                [
                    (("exemptions", index, "start"), exemption.start, "start"),
                    (("exemptions", index, "end"), exemption.end, "end"),
                ]
            )


class Participant(Part):
    """Someone who took part in a meeting."""

    person: PersonRef
    """Id of the person."""
    side: JurisdictionRef | None = None
    """The jurisdiction the person spoke for."""
    role: Text | None = None
    """Their part in it ("lead negotiator", "host")."""


class Meeting(Fact):
    """A negotiation round, ministerial meeting, call or leaders' summit."""

    kind = "meeting"
    plural = "meetings"
    index_title = "Meetings and negotiation rounds"
    nav_title, nav_position = "Meetings", 2
    in_short = "a negotiation round, call or summit"
    label_field = "title"
    index_columns = (
        Column("Date", "start", "date"),
        Column("Round", "round"),
        Column("Format", "format", "label"),
        Column("Location", "location"),
    )
    index_by_date = True
    timeline_categories = (Category("meeting", "Meeting", 2),)
    reverse = {**Fact.reverse, "participants": "Met in", "absent": "Absent from", "topics": "Discussed at"}

    title: Text
    """A descriptive title ("First ministerial round")."""
    series: Text | None = None
    """The series it belongs to ("Japan-US tariff talks 2025")."""
    round: Annotated[int, Field(ge=1, le=1000)] | None = None
    """Its number in the series."""
    numbering_per: Text | None = None
    """Whose count the round number follows ("Japanese government count")."""
    start: PartialDate
    """The day it began (local date where ``tz`` is given)."""
    end: PartialDate | None = None
    """The last day, for meetings over several days."""
    tz: TimeZone | None = None
    """The time zone of its dates (``America/New_York``)."""
    location: Text | None = None
    """Where it took place ("Oval Office, Washington")."""
    format: Literal["in-person", "phone", "video", "summit"]
    """How it was held."""
    participants: list[Participant] = empty()
    """Who took part."""
    absent: list[PersonRef] = empty()
    """People expected who did not take part."""
    duration_minutes: Annotated[int, Field(ge=1, le=60 * 24 * 31)] | None = None
    """About how long it lasted."""
    topics: list[TopicRef] = empty()
    """Agenda topics discussed."""
    summary: Markdown | None = None
    """What happened (Markdown)."""
    outcome: Markdown | None = None
    """What came of it (Markdown)."""

    def dates(self) -> Iterator[PartialDate]:
        return iter([self.start] + ([self.end] if self.end else []))

    def timeline_entries(self, involves: frozenset[str], records: Mapping[str, Record]) -> Iterator[Entry]:
        words = Phrase.of("{title} (to {end})", title=self.title, end=self.end) if self.end else self.title
        yield Entry(self.start, "", self.id, 0, "meeting", words, self.tz, involves)

    def rules(self) -> Iterator[Rule]:
        yield from _ordered([(("start",), self.start, "start"), (("end",), self.end, "end")])


class Position(Part):
    """A party's stated position on a topic."""

    party: PartyRef
    """The jurisdiction, person or organization holding the position."""
    position: Text
    """The position in a sentence."""
    date: PartialDate | None = None
    """When it was stated."""
    sources: list[Citation] = empty()
    """Sources for the position, where they differ from the topic's own."""


class Topic(Named):
    """An agenda item of the talks (autos, exchange rates, Alaska LNG, ...)."""

    kind = "topic"
    plural = "topics"
    index_title = "Agenda topics"
    nav_title, nav_position = "Topics", 5
    in_short = "an agenda item, with the parties' positions"
    index_columns = (Column("Measures", "measures", "count"), Column("Positions", "positions", "count"))
    timeline_filter = "Topic"
    reverse = {**Fact.reverse, "measures": "Topics", "products": "Topics", "agreements": "Topics"}

    positions: list[Position] = empty()
    """The parties' positions, in date order."""
    measures: list[MeasureRef] = empty()
    """Measures the topic is about."""
    products: list[ProductRef] = empty()
    """Product categories the topic is about."""
    agreements: list[AgreementRef] = empty()
    """Agreements that settle parts of it."""


class Event(Fact):
    """A dated happening: an announcement, order, ruling, election, appointment, statement."""

    kind = "event"
    plural = "events"
    index_title = "Events"
    nav_title, nav_position = "Events", 3
    in_short = "a dated happening: an order, ruling, election, statement"
    label_field = "title"
    index_columns = (Column("Date", "date", "date"), Column("Type", "type", "label"))
    index_by_date = True
    timeline_categories = (Category("event", "Event", 1),)
    reverse = {
        **Fact.reverse,
        "actors": "Events",
        "jurisdictions": "Events",
        "measures": "Events",
        "agreements": "Events",
        "meetings": "Events",
        "topics": "Events",
    }

    title: Text
    """What happened, as a headline."""
    date: PartialDate
    """When it happened (the local date where ``tz`` is given)."""
    time: Clock | None = None
    """Local time of day, where it matters."""
    tz: TimeZone | None = None
    """The time zone of ``date`` (``Asia/Tokyo`` for events reported in Japan time)."""
    type: Literal[
        "announcement",
        "executive-order",
        "proclamation",
        "publication",
        "effective",
        "court-ruling",
        "election",
        "appointment",
        "resignation",
        "statement",
        "letter",
        "call",
        "investigation",
        "other",
    ]
    """What sort of event it is."""
    summary: Markdown | None = None
    """What happened and why it matters (Markdown)."""
    actors: list[ActorRef] = empty()
    """People and organizations who acted."""
    jurisdictions: list[JurisdictionRef] = empty()
    """Jurisdictions concerned."""
    measures: list[MeasureRef] = empty()
    """Measures it created, changed or concerns."""
    agreements: list[AgreementRef] = empty()
    """Agreements it concerns."""
    meetings: list[MeetingRef] = empty()
    """Meetings it belongs to or follows from."""
    topics: list[TopicRef] = empty()
    """Agenda topics it concerns."""

    def dates(self) -> Iterator[PartialDate]:
        return iter([self.date])

    def timeline_entries(self, involves: frozenset[str], records: Mapping[str, Record]) -> Iterator[Entry]:
        yield Entry(self.date, self.time or "", self.id, 0, "event", self.title, self.tz, involves)


class Commitment(Part):
    """What one party undertook in an agreement."""

    party: JurisdictionRef
    """The jurisdiction that committed."""
    description: Text
    """The commitment in a sentence."""
    amount: Annotated[float, Field(ge=0, le=1e15, allow_inf_nan=False)] | None = None
    """Its size, where it has one (``550``)."""
    unit: Text | None = None
    """The unit of ``amount`` ("billion USD", "percent")."""
    by: PartialDate | None = None
    """The deadline, where one is set."""
    sources: list[Citation] = empty()
    """Sources for the commitment, where they differ from the agreement's own."""


class Agreement(Named):
    """A deal, memorandum, joint statement or framework between jurisdictions."""

    kind = "agreement"
    plural = "agreements"
    index_title = "Agreements"
    nav_title, nav_position = "Agreements", 4
    in_short = "a deal, MOU or joint statement, with commitments"
    index_columns = (
        Column("Type", "type", "label"),
        Column("Announced", "announced", "date"),
        Column("Status", "status", "label"),
    )
    index_by_date = True
    timeline_categories = (Category("agreement", "Agreement", 4),)
    reverse = {**Fact.reverse, "implements": "Implemented by", "signatories": "Signed"}

    type: Literal["framework", "mou", "joint-statement", "fta", "trq-arrangement", "joint-document"]
    """What sort of agreement."""
    parties: Annotated[list[JurisdictionRef], Field(min_length=2)]
    """The jurisdictions party to it."""
    announced: PartialDate | None = None
    """When it was announced."""
    signed: PartialDate | None = None
    """When it was signed, where it was."""
    signatories: list[PersonRef] = empty()
    """Who signed it."""
    legally_binding: Literal["yes", "no", "unclear"]
    """Whether it binds its parties in law."""
    status: Literal["announced", "signed", "in-effect", "superseded", "terminated"]
    """Where it stands."""
    commitments: list[Commitment] = empty()
    """What each party undertook."""
    scheduled: list[Scheduled] = empty()
    """Deadlines and review dates the agreement sets (a 45-day window to act)."""

    def dates(self) -> Iterator[PartialDate]:
        return (date for date in (self.announced, self.signed) if date)

    def timeline_entries(self, involves: frozenset[str], records: Mapping[str, Record]) -> Iterator[Entry]:
        if self.announced:
            yield Entry(
                self.announced,
                "",
                self.id,
                0,
                "agreement",
                Phrase.of("Announced: {name}", name=self.name),
                None,
                involves,
            )
        if self.signed:
            yield Entry(
                self.signed, "", self.id, 1, "agreement", Phrase.of("Signed: {name}", name=self.name), None, involves
            )

    def rules(self) -> Iterator[Rule]:
        yield from _ordered([(("announced",), self.announced, "announced"), (("signed",), self.signed, "signed")])


class Definition(Localized):
    """A glossary term's short definition: plain text of 10 to 400 characters, in each language."""

    @classmethod
    def _text_schema(cls) -> core_schema.CoreSchema:
        return core_schema.str_schema(min_length=10, max_length=400, strict=True)

    @classmethod
    def _text_json_schema(cls) -> dict[str, Any]:
        return {"type": "string", "minLength": 10, "maxLength": 400}


class Term(Fact):
    """A glossary term of trade law and policy."""

    kind = "term"
    plural = "glossary"
    index_title = "Glossary"
    nav_title, nav_position = "Glossary", 11
    in_short = "a glossary term"
    label_field = "name"
    has_index = False
    auto_link = False
    reverse = {**Fact.reverse, "related": "Related terms"}

    name: Text
    """The term as written in running text ("reciprocal tariff")."""
    abbreviation: Verbatim | None = None
    """Its abbreviation, where it has one ("IEEPA")."""
    aliases: list[Verbatim] = empty()
    """Other ways of writing it ("universal tariff")."""
    definition: Definition
    """The short definition, in our own words, plain text (shown in tooltips)."""
    details: Markdown | None = None
    """A longer explanation with examples from the knowledge base (Markdown)."""
    scope: Literal["us", "jp", "wto", "general"]
    """Where the term belongs: US law, Japanese usage, WTO law, or general trade usage."""
    legal_reference: Verbatim | None = None
    """The law that defines it, where one does ("19 U.S.C. 1862")."""
    related: list[TermRef] = empty()
    """Related glossary terms."""


class Mfn(Part):
    """The normal US duty (MFN, HTSUS column 1 general) on a product category."""

    percent: Percent | None = None
    """The rate in percent, where one figure holds for the whole category; leave out where it varies by line."""
    note: Text | None = None
    """How the rate reads where it is not one ad valorem figure ("4.4 cents/kg within the quota")."""
    sources: Citations
    """The tariff schedule or report that gives it."""


class Product(Named):
    """A product category that measures cover, exempt or charge at their own rate (passenger vehicles, steel)."""

    kind = "product"
    plural = "products"
    index_title = "Product categories"
    in_short = "a product category: HS codes, its broader category, its MFN rate where one figure holds"
    index_columns = (
        Column("HS codes", "hs_codes", "hs_codes"),
        Column("MFN rate", "mfn", "mfn_cell"),
        Column("Part of", "parent"),
    )
    reverse = {**Fact.reverse, "parent": "Narrower categories"}
    acyclic = ("parent",)

    parent: ProductRef | None = None
    """The broader category it belongs to (``all-goods``); leave out only for the broadest."""
    hs_codes: list[HsCode] = empty()
    """The HS chapters, headings or subheadings it covers (``8703``, ``8704.21``)."""
    mfn: Mfn | None = None
    """Its normal (MFN) rate; leave out where the rate varies by tariff line and is not recorded."""


class Source(Record):
    """A document a fact comes from: a legal text, an official statement, a news report."""

    kind = "source"
    plural = "sources"
    index_title = "Sources"
    nav_title, nav_position = "Sources", 12
    in_short = "a document facts come from"
    label_field = "title"
    index_columns = (
        Column("Publisher", "publisher", "published_by"),
        Column("Published", "published", "date"),
        Column("Type", "type", "label"),
    )
    auto_link = False

    title: Verbatim
    """The document's title as published."""
    url: Url
    """Where to read it."""
    archived_url: Url | None = None
    """An archived copy, where one exists."""
    publisher: Verbatim
    """Who first published it ("Federal Register", "Reuters", "Yomiuri Shimbun"), also when the copy we
    read is elsewhere."""
    host: Verbatim | None = None
    """The site that hosts the copy we read, where it is not the publisher's own ("devdiscourse.com")."""
    author: Verbatim | None = None
    """Its author, where named."""
    published: PartialDate | None = None
    """When it was published."""
    accessed: PartialDate | None = None
    """When it was last read for the knowledge base."""
    type: Literal[
        "primary-legal",
        "official-statement",
        "customs-guidance",
        "news-wire",
        "news",
        "analysis",
        "dataset",
        "social-post",
        "reference",
    ]
    """What sort of document it is."""
    language: Annotated[str, Field(pattern=r"^[a-z]{2}$")] = "en"
    """ISO 639-1 language code of the document."""

    def dates(self) -> Iterator[PartialDate]:
        return iter([self.published] if self.published else [])


class Dispute(Fact):
    """A contested point: something the parties state differently, each side's account kept in its claims."""

    kind = "dispute"
    plural = "disputes"
    index_title = "Contested points"
    nav_title, nav_position = "Contested points", 6
    in_short = "a contested point: a neutral question the sides answer differently"
    label_field = "title"
    name_header = "Point"
    index_columns = (
        Column("Question", "question", "text"),
        Column("Claims", "id", "claim_count"),
        Column("About", "about", "links"),
    )
    reverse = {**Fact.reverse, "about": "Disputed points"}

    title: Text
    """A short name for the point ("Who picks the $550bn projects")."""
    question: Text
    """What is disputed, in one neutral line that takes no side ("Whether Japan or the US selects the projects")."""
    about: list[SubjectRef] = empty()
    """The topics, agreements and measures the point concerns; their pages show what each side says."""
    summary: Markdown | None = None
    """Background to the point, told neutrally (Markdown)."""


LABEL_LENGTH = 90
"""How long a claim's display name may grow before it is cut at a word."""


class Claim(Fact):
    """A statement attributed to a party: who said it, for which side, when and where, with its sources."""

    kind = "claim"
    plural = "claims"
    index_title = "Claims"
    nav_title, nav_position = "Claims", 7
    in_short = "a statement attributed to a party: who, for which side, when, where, with sources"
    name_header = "Statement"
    index_columns = (
        Column("Date", "date", "date"),
        Column("Claimant", "claimant", "link"),
        Column("Side", "side", "link"),
        Column("Contested point", "dispute"),
    )
    index_by_date = True
    auto_link = False
    timeline_categories = (Category("claim", "Claim", 6),)
    reverse = {
        **Fact.reverse,
        "dispute": "Claims",
        "claimant": "Claims made",
        "side": "Claims for this side",
        "occasion": "Claims made",
        "about": "Claims",
        "disputes": "Disputed by",
        "agrees_with": "Agreed with by",
    }

    dispute: DisputeRef | None = None
    """The contested point the claim belongs to, where it is on one."""
    claimant: ActorRef
    """Who made the claim: a person or an organization (a ministry, the White House)."""
    side: JurisdictionRef
    """The jurisdiction whose side the claimant speaks for."""
    date: PartialDate
    """When the claim was made or published."""
    tz: TimeZone | None = None
    """The time zone of ``date`` where it matters (``Asia/Tokyo``)."""
    occasion: OccasionRef | None = None
    """The meeting or event at which it was made, where the knowledge base records one."""
    venue: Text | None = None
    """Where it was said when no meeting or event record exists ("White House fact sheet", "press conference in
    Tokyo")."""
    statement: Text
    """The claim in our own words, one or two sentences, attributed ("Japan will fund 90% of the profits...")."""
    quote: Verbatim | None = None
    """The claimant's exact words, only where a source gives them."""
    about: list[SubjectRef] = empty()
    """The topics, agreements and measures the claim concerns."""
    disputes: list[ClaimRef] = empty()
    """Claims of another side that this one contradicts."""
    agrees_with: list[ClaimRef] = empty()
    """Claims this one agrees with or repeats."""

    @property
    def label(self) -> str:
        """The statement, cut at a word when it is long."""
        text = " ".join(self.statement.split())
        if len(text) <= LABEL_LENGTH:
            return text
        return text[:LABEL_LENGTH].rsplit(" ", 1)[0].rstrip(",;:.") + "…"

    def dates(self) -> Iterator[PartialDate]:
        return iter([self.date])

    def timeline_entries(self, involves: frozenset[str], records: Mapping[str, Record]) -> Iterator[Entry]:
        said = Phrase.of(
            "{claimant} ({side}): {statement}",
            claimant=records[self.claimant].label,
            side=records[self.side].label,
            statement=self.statement,
        )
        yield Entry(self.date, "", self.id, 0, "claim", said, self.tz, involves)

    def rules(self) -> Iterator[Rule]:
        for field in ("disputes", "agrees_with"):
            for index, other in enumerate(getattr(self, field)):
                if other == self.id:
                    verb = "dispute" if field == "disputes" else "agree with"
                    yield (field, index), f"a claim cannot {verb} itself; name another claim"
        both = set(self.disputes) & set(self.agrees_with)
        for index, other in enumerate(self.agrees_with):
            if other in both and other != self.id:
                yield (
                    ("agrees_with", index),
                    f"{other!r} is also in disputes; a claim cannot both dispute and agree with it",
                )

    def shared(self) -> Shared:
        return (("id", self.id), ("side", str(self.side)))

    @classmethod
    def cross_rules(
        cls,
        own: Mapping[str, str],
        refs: Iterable[tuple[tuple[str | int, ...], str]],
        shared_of: Callable[[str], Mapping[str, str] | None],
    ) -> Iterator[Rule]:
        side = own.get("side")
        for loc, other in refs:
            if loc[0] != "disputes" or side is None or other == own.get("id"):
                continue  # a claim naming itself is told so by its own rules
            theirs = shared_of(other)
            if theirs is not None and theirs.get("side") == side:
                yield loc, f"{other!r} is a claim of the same side ({side}); a claim disputes claims of another side"


class Settings(Part):
    """The knowledge base's own settings, in ``kb/config.yml``."""

    as_of: PartialDate
    """The day the facts were last checked, set by hand at the end of a review (never the build machine's
    clock): the rates "in force today" and the reminders of dates that have passed count from it."""

    @field_validator("as_of")
    @classmethod
    def _a_day(cls, as_of: PartialDate) -> PartialDate:
        if as_of.precision != "day":
            raise ValueError(f"expected a whole date such as '2026-12-01', found {str(as_of)!r}")
        return as_of


KINDS: dict[str, type[Record]] = {
    model.kind: model
    for model in (
        Jurisdiction,
        Person,
        Organization,
        Measure,
        Product,
        Meeting,
        Topic,
        Event,
        Agreement,
        Dispute,
        Claim,
        Term,
        Source,
    )
}
"""Every record kind, by name, in the order the site lists them."""

KIND_BY_FOLDER: dict[str, type[Record]] = {model.plural: model for model in KINDS.values()}
"""Every record kind, by its folder under kb/."""
