"""The record kinds: each defined once, giving validation, typed frozen records, JSON Schema and field docs.

The docstring under each field is its description everywhere: in the JSON Schemas editors use, in the
field reference of the contributing guide, and in validation hints.
"""

from __future__ import annotations

import typing
from collections.abc import Iterator
import datetime
from typing import Annotated, Any, ClassVar, Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

from .types import Clock, Confidence, Id, Markdown, PartialDate, Ref, Text, TimeZone, Url

JurisdictionRef = Ref.to("jurisdiction")
PersonRef = Ref.to("person")
OrganizationRef = Ref.to("organization")
MeasureRef = Ref.to("measure")
MeetingRef = Ref.to("meeting")
TopicRef = Ref.to("topic")
EventRef = Ref.to("event")
AgreementRef = Ref.to("agreement")
TermRef = Ref.to("term")
SourceRef = Ref.to("source")
ActorRef = Ref.to("person", "organization")
PartyRef = Ref.to("jurisdiction", "person", "organization")
OccasionRef = Ref.to("meeting", "event")

Rule = tuple[tuple[str | int, ...], str]
"""A record-level rule broken: where (field path) and what."""


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
    locator: Text | None = None
    """Where in the source: a section, paragraph or page ("Sec. 2(d)", "para. 4")."""
    quote: Text | None = None
    """The words of the source that support the fact, quoted exactly."""

    @model_validator(mode="before")
    @classmethod
    def _from_id(cls, data: Any) -> Any:
        return {"source": data} if isinstance(data, str) else data


Citations = Annotated[list[Citation], Field(min_length=1)]


class Record(Part):
    """What every record has."""

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

    id: Id
    """Unique id, lower-case words joined by hyphens; the file name without ``.yml``."""
    notes: Markdown | None = None
    """Editors' notes: caveats, open questions, disagreements between sources (Markdown)."""

    @property
    def label(self) -> str:
        """The record's display name."""
        return str(getattr(self, "name", None) or getattr(self, "title", None) or self.id)

    @property
    def aliases_all(self) -> tuple[str, ...]:
        """Every other name a reader might use for it."""
        names = [getattr(self, "name_native", None), getattr(self, "abbreviation", None)]
        names += list(getattr(self, "aliases", ()))
        return tuple(name for name in names if name)

    def dates(self) -> Iterator[PartialDate]:
        """The dates that place this record in time, earliest first where it has several."""
        return iter(())

    def rules(self) -> Iterator[Rule]:
        """Record-level rules beyond field types (dates in order, ...)."""
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

    name: Text
    """The name in Latin script, as English-language sources write it."""
    name_native: Text | None = None
    """The name in its own script, where it has one (赤澤亮正)."""
    aliases: list[Text] = empty()
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

    text: Text
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

    nationality: JurisdictionRef | None = None
    """The jurisdiction whose citizen or official the person is."""
    roles: list[Role] = empty()
    """Offices and positions held, with their dates, earliest first."""
    quotes: list[Quote] = empty()
    """Notable words, with their source."""

    def dates(self) -> Iterator[PartialDate]:
        return (date for role in self.roles for date in (role.start, role.end) if date)

    def rules(self) -> Iterator[Rule]:
        for index, role in enumerate(self.roles):
            yield from _ordered([(("roles", index, "start"), role.start, "start"), (("roles", index, "end"), role.end, "end")])
            if role.end and role.former:
                yield ("roles", index, "former"), "former is for roles whose end date is unknown; this one has an end"


class Organization(Named):
    """A government body, court, company, think tank or other organization."""

    kind = "organization"
    plural = "organizations"
    reverse = {**Fact.reverse, "parent": "Part of it"}
    acyclic = ("parent",)

    type: Literal[
        "executive-office", "ministry", "agency", "court", "legislature", "party",
        "think-tank", "consultancy", "company", "international-organization", "media",
    ]
    """What sort of organization it is."""
    jurisdiction: JurisdictionRef | None = None
    """The jurisdiction it belongs to; leave out for international organizations."""
    parent: OrganizationRef | None = None
    """The organization it is part of."""
    website: Url | None = None
    """Its official website."""


Authority = Literal["ieepa", "section-232", "section-301", "section-122", "mfn", "other"]
MeasureStatus = Literal["announced", "in-force", "paused", "superseded", "revoked", "invalidated", "expired"]


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


class Rate(Part):
    """An ad valorem rate and how it combines with the normal (MFN) rate."""

    percent: Annotated[float, Field(ge=0, le=1000, allow_inf_nan=False)]
    """The rate in percent of customs value (``15`` for 15%)."""
    application: Literal["additive", "floor", "base"]
    """additive: charged on top of the MFN rate and other duties; floor: tops the total up to ``percent``
    ("15% all-in"), nothing if MFN already reaches it; base: the normal MFN rate itself."""


class Products(Part):
    """The goods a measure covers."""

    description: Text
    """The scope in words ("passenger vehicles and light trucks")."""
    categories: list[Id] = empty()
    """Product categories it covers, as slugs (``passenger-vehicles``, ``auto-parts``, ``all-goods``)."""
    hs_headings: list[Annotated[str, Field(pattern=r"^[0-9]{4}([.0-9]{0,8})$")]] = empty()
    """Harmonized System headings covered (``8703``)."""


class Measure(Fact):
    """A tariff measure: one legal instrument's duty on goods from the jurisdictions it targets."""

    kind = "measure"
    plural = "measures"
    reverse = {**Fact.reverse, "supersedes": "Superseded by", "not_stacked_with": "Not stacked with"}
    starter_fields = ("targets",)
    acyclic = ("supersedes",)

    title: Text
    """A descriptive title ("US reciprocal tariff on Japan, 24%")."""
    aliases: list[Text] = empty()
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
    """The legal authority: ieepa, section-232, section-301, section-122, mfn (the normal rate) or other."""
    instrument: Text | None = None
    """The legal instrument ("EO 14257", "Proclamation 10908")."""
    federal_register: Text | None = None
    """Federal Register citation of the instrument ("90 FR 15041")."""
    hts_headings: list[Annotated[str, Field(pattern=r"^9903\.[0-9]{2}\.[0-9]{2}$")]] = empty()
    """HTSUS Chapter 99 headings that carry the duty (``9903.01.25``)."""
    products: Products
    """The goods it covers."""
    rate: Rate | None = None
    """The duty rate, where it is a single ad valorem rate."""
    status_history: Annotated[list[StatusChange], Field(min_length=1)]
    """Every status the measure entered, in date order: announced, in-force, paused, superseded, ..."""
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

    def rules(self) -> Iterator[Rule]:
        history = self.status_history
        yield from _ordered([(("status_history", i, "date"), c.date, f"the {c.status} date") for i, c in enumerate(history)])
        announced, in_force = self.first("announced"), self.first("in-force")
        if announced and in_force and in_force.date.precedes(announced.date) and not in_force.retroactive_to:
            yield ("status_history", history.index(in_force), "date"), "in force before it was announced"
        if not self.targets and not self.all_countries:
            yield ("targets",), "name the target jurisdictions, or set all_countries: true"
        if self.targets and self.all_countries:
            yield ("all_countries",), "all_countries: true applies to every country; leave targets empty"


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
    reverse = {**Fact.reverse, "measures": "Topics", "agreements": "Topics"}

    positions: list[Position] = empty()
    """The parties' positions, in date order."""
    measures: list[MeasureRef] = empty()
    """Measures the topic is about."""
    agreements: list[AgreementRef] = empty()
    """Agreements that settle parts of it."""


class Event(Fact):
    """A dated happening: an announcement, order, ruling, election, appointment, statement."""

    kind = "event"
    plural = "events"
    reverse = {
        **Fact.reverse, "actors": "Events", "jurisdictions": "Events", "measures": "Events",
        "agreements": "Events", "meetings": "Events", "topics": "Events",
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
        "announcement", "executive-order", "proclamation", "publication", "effective", "court-ruling",
        "election", "appointment", "resignation", "statement", "letter", "call", "investigation", "other",
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

    def dates(self) -> Iterator[PartialDate]:
        return (date for date in (self.announced, self.signed) if date)

    def rules(self) -> Iterator[Rule]:
        yield from _ordered([(("announced",), self.announced, "announced"), (("signed",), self.signed, "signed")])


class Term(Fact):
    """A glossary term of trade law and policy."""

    kind = "term"
    plural = "glossary"
    reverse = {**Fact.reverse, "related": "Related terms"}

    name: Text
    """The term as written in running text ("reciprocal tariff")."""
    abbreviation: Text | None = None
    """Its abbreviation, where it has one ("IEEPA")."""
    aliases: list[Text] = empty()
    """Other ways of writing it ("universal tariff")."""
    definition: Annotated[str, Field(min_length=10, max_length=400)]
    """The short definition, in our own words, plain text (shown in tooltips)."""
    details: Markdown | None = None
    """A longer explanation with examples from the knowledge base (Markdown)."""
    scope: Literal["us", "jp", "wto", "general"]
    """Where the term belongs: US law, Japanese usage, WTO law, or general trade usage."""
    legal_reference: Text | None = None
    """The law that defines it, where one does ("19 U.S.C. 1862")."""
    related: list[TermRef] = empty()
    """Related glossary terms."""


class Source(Record):
    """A document a fact comes from: a legal text, an official statement, a news report."""

    kind = "source"
    plural = "sources"

    title: Text
    """The document's title as published."""
    url: Url
    """Where to read it."""
    archived_url: Url | None = None
    """An archived copy, where one exists."""
    publisher: Text
    """Who published it ("Federal Register", "Yomiuri Shimbun")."""
    author: Text | None = None
    """Its author, where named."""
    published: PartialDate | None = None
    """When it was published."""
    accessed: PartialDate | None = None
    """When it was last read for the knowledge base."""
    type: Literal[
        "primary-legal", "official-statement", "customs-guidance", "news-wire", "news", "analysis",
        "dataset", "social-post", "reference",
    ]
    """What sort of document it is."""
    language: Annotated[str, Field(pattern=r"^[a-z]{2}$")] = "en"
    """ISO 639-1 language code of the document."""

    def dates(self) -> Iterator[PartialDate]:
        return iter([self.published] if self.published else [])


KINDS: dict[str, type[Record]] = {
    model.kind: model
    for model in (Jurisdiction, Person, Organization, Measure, Meeting, Topic, Event, Agreement, Term, Source)
}
"""Every record kind, by name, in the order the site lists them."""

KIND_BY_FOLDER: dict[str, type[Record]] = {model.plural: model for model in KINDS.values()}
