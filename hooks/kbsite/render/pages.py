"""Record pages, kind indexes and the home page, rendered from the Jinja templates in ../templates/."""

from __future__ import annotations

import re
import types
import typing
from collections.abc import Callable, Iterable, Iterator, Mapping
from functools import cached_property
from pathlib import Path

import jinja2
from pydantic import BaseModel

from ..graph import KnowledgeBase
from ..history import Change
from ..models import KINDS, Citation, Person, Record, Source
from ..tariffs import measure_timeline
from ..timeline import CATEGORIES, Entry
from ..types import Markdown, PartialDate, Ref
from . import text as fmt
from .tariffs import category_label, tariff_outputs

TEMPLATES = Path(__file__).resolve().parent.parent / "templates"

FIELD_LABELS = {
    "name_native": "Native name", "hts_headings": "HTS Chapter 99 headings", "federal_register": "Federal Register",
    "duration_minutes": "Duration (minutes)", "numbering_per": "Numbering per", "all_countries": "All countries",
    "not_stacked_with": "Not stacked with", "legally_binding": "Legally binding", "legal_reference": "Legal reference",
    "hs_headings": "HS headings", "archived_url": "Archived copy", "url": "Address", "imposing": "Imposed by",
    "targets": "Targets", "excluded": "Excluded", "implements": "Implements", "supersedes": "Supersedes",
    "actors": "Actors", "related": "Related terms", "tz": "Time zone", "parent": "Part of",
}


def reference_fields(model: type[BaseModel], prefix: str = "") -> Iterator[tuple[str, str, bool, str]]:
    """(dotted name, type in words, required, description) of every field of a kind, nested parts included."""
    for name, field in model.model_fields.items():
        yield f"{prefix}{name}", _type_words(field.annotation), field.is_required(), " ".join((field.description or "").split())
        nested = _nested_model(field.annotation)
        if nested is not None:
            yield from reference_fields(nested, f"{prefix}{name}.")


def _nested_model(annotation: object) -> type[BaseModel] | None:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    return next((found for arg in typing.get_args(annotation) if (found := _nested_model(arg))), None)


def _type_words(annotation: object) -> str:
    """A field's type as contributors read it: "list of person ids", "date", "one of: a, b"."""
    origin, args = typing.get_origin(annotation), typing.get_args(annotation)
    if origin is typing.Annotated:
        return _type_words(args[0])
    if origin in (typing.Union, types.UnionType):
        return " or ".join(_type_words(arg) for arg in args if arg is not type(None))
    if origin is list:
        return f"list of {_type_words(args[0])}"
    if origin is typing.Literal:
        return "one of: " + ", ".join(str(a) for a in args)
    if isinstance(annotation, type):
        if issubclass(annotation, Ref):
            return " or ".join(annotation.kinds) + " id"
        if issubclass(annotation, PartialDate):
            return "date"
        if issubclass(annotation, Markdown):
            return "Markdown text"
        if issubclass(annotation, BaseModel):
            return "source id or citation" if annotation.__name__ == "Citation" else f"{annotation.__name__} (below)"
        return {"str": "text", "int": "whole number", "float": "number", "bool": "true or false"}.get(annotation.__name__, annotation.__name__)
    return str(annotation)


def field_label(name: str) -> str:
    """A field name as a heading or row label."""
    return FIELD_LABELS.get(name, name.replace("_", " ").capitalize())


def record_uri(record: Record) -> str:
    """The generated Markdown file of a record; MkDocs serves it at /<plural>/<id>/."""
    return f"{record.plural}/{record.id}.md"


_PROTECTED = re.compile(r"(?ms:^```.*?^```)|`[^`\n]*`|!?\[[^\]]*\]\([^)]*\)|\[[^\]]*\]|<[^>\n]*>|https?://\S+|^#.*?$", re.M)
"""Markdown the auto-linker leaves alone: code, links, link texts, HTML, bare URLs, headings."""


class Page:
    """What a template needs to write one page: the knowledge base and links relative to this page."""

    def __init__(self, kb: KnowledgeBase, uri: str, record_id: str | None = None) -> None:
        self.kb = kb
        self.uri = uri
        self.record_id = record_id
        self.linked: set[str] = {record_id} if record_id else set()
        """Records already linked on this page: each is auto-linked at its first mention only."""

    def prose(self, value: Markdown | None) -> str:
        """A Markdown field, with the first mention on the page of each other record's name linked to it."""
        if not value:
            return ""
        text = fmt.prose(value)
        out, position = [], 0
        for protected in [*_PROTECTED.finditer(text), None]:
            end = protected.start() if protected else len(text)
            out.append(self._autolink(text[position:end]))
            if protected:
                out.append(protected.group())
                position = protected.end()
        return "".join(out)

    def _autolink(self, text: str) -> str:
        out, position = [], 0
        for mention in self.kb.record_names.find(text):
            if mention.target in self.linked:
                continue
            self.linked.add(mention.target)
            out += [text[position:mention.start], f"[{text[mention.start:mention.end]}]({self.href(mention.target)})"]
            position = mention.end
        out.append(text[position:])
        return "".join(out)

    def entry(self, entry: Entry, with_date: bool = True) -> str:
        """A timeline entry as one line of Markdown."""
        when = f"**{fmt.date(entry.date)}**" if with_date else ""
        if entry.time:
            when += f", {entry.time}"
        if entry.tz:
            when += f" ({fmt.zone(entry.tz)})"
        return f"{when} · {CATEGORIES[entry.category]} · [{fmt.text(entry.text)}]({self.href(entry.record_id)})"

    def timeline(self, record: Record) -> tuple[Entry, ...]:
        """The timeline entries that involve a record."""
        return self.kb.timeline_of.get(record.id, ())

    def href(self, record_id: str) -> str:
        return fmt.relative(self.uri, record_uri(self.kb[record_id]))

    def link(self, record_id: str) -> str:
        """A Markdown link to a record, by its display name."""
        return f"[{fmt.text(self.kb[record_id].label)}]({self.href(record_id)})"

    def links(self, record_ids: Iterable[str]) -> str:
        return ", ".join(self.link(record_id) for record_id in record_ids)

    def to(self, uri: str) -> str:
        """A relative link to another generated page (``timeline/index.md``)."""
        return fmt.relative(self.uri, uri)

    def value(self, value: object) -> str:
        """Any simple field value, formatted for a table cell."""
        if value is None or value == []:
            return ""
        if isinstance(value, Ref):
            return self.link(value)
        if isinstance(value, PartialDate):
            return fmt.date(value)
        if isinstance(value, bool):
            return "Yes" if value else "No"
        if isinstance(value, (int, float)):
            return f"{value:g}"
        if isinstance(value, Markdown):
            return self.prose(value)
        if isinstance(value, list):
            return ", ".join(self.value(item) for item in value)
        if isinstance(value, str) and value.startswith(("https://", "http://")):
            return f"<{value}>" if " " not in value and ">" not in value else fmt.text(value)
        return fmt.text(value)

    def facts(self, record: BaseModel, names: Iterable[str]) -> list[tuple[str, str]]:
        """(label, formatted value) for the named fields that have a value."""
        rows = []
        for name in names:
            value = getattr(record, name)
            if value is None or value == [] or value is False:
                continue
            shown = fmt.label(value) if name in _ENUM_FIELDS else self.value(value)
            rows.append((field_label(name), shown))
        return rows

    def citation(self, citation: Citation) -> str:
        """A source, as the record's page lists it."""
        source = self.kb[citation.source]
        assert isinstance(source, Source)
        parts = [f"[{fmt.text(source.title)}]({source.url})", fmt.text(source.publisher)]
        if source.published:
            parts.append(fmt.date(source.published))
        line = ", ".join(parts) + f" ([record]({self.href(source.id)}))"
        if citation.locator:
            line += f", {fmt.text(citation.locator)}"
        if citation.quote:
            line += f': "{fmt.text(citation.quote)}"'
        return line

    def related(self, record: Record) -> list[tuple[str, list[str]]]:
        """Outgoing references held in list fields, grouped by field: (label, [record ids])."""
        groups = []
        for name, field in type(record).model_fields.items():
            value = getattr(record, name)
            if name != "sources" and isinstance(value, list) and value and all(isinstance(v, Ref) for v in value):
                groups.append((field_label(name), list(dict.fromkeys(value))))
        return groups

    def backlinks(self, record: Record) -> list[tuple[str, list[str]]]:
        """What points at the record, grouped by relation, each group in date order."""
        groups: dict[str, list[str]] = {}
        for backlink in self.kb.backlinks.get(record.id, ()):
            groups.setdefault(backlink.relation, []).append(backlink.source_id)
        return sorted(groups.items(), key=lambda item: (item[0] == "Cited by", item[0]))

    def filters(self, entry: Entry) -> str:
        """The data attributes the timeline's filter script reads."""
        groups: dict[str, list[str]] = {"jurisdiction": [], "person": [], "topic": []}
        for record_id in sorted(entry.involves):
            kind = self.kb[record_id].kind
            if kind in groups:
                groups[kind].append(record_id)
        data = " ".join(f'data-{kind}="{" ".join(ids)}"' for kind, ids in groups.items() if ids)
        return f'data-category="{entry.category}" {data}'.strip()

    def rate_timeline(self, measure: Record) -> list[tuple[str, str, str]]:
        """A measure's own rate over time: (from, status, rate charged) rows."""
        rows = []
        for day, status in measure_timeline(measure):  # type: ignore[arg-type]
            rate = measure.rate  # type: ignore[attr-defined]
            charged = f"{fmt.percent(rate.percent)} ({fmt.label(rate.application)})" if rate and status == "in-force" else "none"
            rows.append((f"{day.day} {fmt.MONTHS[day.month]} {day.year}", fmt.label(status), charged))
        return rows

    def current_role(self, person: Person) -> str:
        """The latest role that has not ended, else the latest role."""
        open_roles = [role for role in person.roles if role.end is None and not role.former]
        role = (open_roles or person.roles or [None])[-1]
        return fmt.text(role.title) if role else ""


_ENUM_FIELDS = {"type", "status", "format", "authority", "application", "legally_binding", "scope", "confidence"}

Column = tuple[str, Callable[[Page, Record], str]]

INDEX_COLUMNS: dict[str, list[Column]] = {
    "jurisdiction": [("Code", lambda p, r: fmt.text(r.code)), ("Type", lambda p, r: fmt.label(r.type))],
    "person": [("Native name", lambda p, r: fmt.text(r.name_native or "")), ("Role", lambda p, r: p.current_role(r)),
               ("Nationality", lambda p, r: p.value(r.nationality))],
    "organization": [("Type", lambda p, r: fmt.label(r.type)), ("Jurisdiction", lambda p, r: p.value(r.jurisdiction))],
    "measure": [("Authority", lambda p, r: fmt.label(r.authority)),
                ("Rate", lambda p, r: fmt.percent(r.rate.percent) if r.rate else ""),
                ("Targets", lambda p, r: "All countries" if r.all_countries else p.links(r.targets)),
                ("Status", lambda p, r: fmt.label(r.status)),
                ("Since", lambda p, r: fmt.date(r.status_history[-1].date))],
    "meeting": [("Date", lambda p, r: fmt.date(r.start)), ("Round", lambda p, r: p.value(r.round)),
                ("Format", lambda p, r: fmt.label(r.format)), ("Location", lambda p, r: p.value(r.location))],
    "topic": [("Measures", lambda p, r: str(len(r.measures) or "")),
              ("Positions", lambda p, r: str(len(r.positions) or ""))],
    "event": [("Date", lambda p, r: fmt.date(r.date)), ("Type", lambda p, r: fmt.label(r.type))],
    "agreement": [("Type", lambda p, r: fmt.label(r.type)), ("Announced", lambda p, r: fmt.date(r.announced)),
                  ("Status", lambda p, r: fmt.label(r.status))],
    "term": [("Abbreviation", lambda p, r: p.value(r.abbreviation)), ("Definition", lambda p, r: fmt.text(r.definition))],
    "source": [("Publisher", lambda p, r: fmt.text(r.publisher)), ("Published", lambda p, r: fmt.date(r.published)),
               ("Type", lambda p, r: fmt.label(r.type))],
}
"""The key fields each kind's index table shows after the record's name."""

KIND_TITLES = {
    "jurisdiction": "Jurisdictions", "person": "People", "organization": "Organizations", "measure": "Tariff measures",
    "meeting": "Meetings and negotiation rounds", "topic": "Agenda topics", "event": "Events",
    "agreement": "Agreements", "term": "Glossary", "source": "Sources",
}


def _index_order(records: tuple[Record, ...]) -> list[Record]:
    """Dated kinds read in time order; the others by name."""
    if records and records[0].kind in ("meeting", "event", "measure", "agreement"):
        return sorted(records, key=lambda r: (min(r.dates(), default=PartialDate(9999)), r.label.casefold()))
    return list(records)


class Renderer:
    """Renders every generated page of one knowledge base."""

    RECENT = 50
    """How many changed records the Recent changes page lists."""

    def __init__(self, kb: KnowledgeBase, history: Mapping[str, Change] | None = None) -> None:
        self.kb = kb
        self.history = history or {}
        self.charts: dict[str, str] = {}
        """The SVG charts of the 'Tariffs in force' pages, filled by render()."""

    @cached_property
    def env(self) -> jinja2.Environment:
        env = jinja2.Environment(
            loader=jinja2.FileSystemLoader(TEMPLATES), autoescape=False, undefined=jinja2.StrictUndefined,
            keep_trailing_newline=True, trim_blocks=True, lstrip_blocks=True,
        )
        env.filters.update(text=fmt.text, label=fmt.label, date=fmt.date, percent=fmt.percent,
                           attribute=fmt.attribute, title=fmt.front_matter_title, zone=fmt.zone, field_label=field_label)
        env.globals.update(KINDS=KINDS, KIND_TITLES=KIND_TITLES, category_label=category_label)
        return env

    def render(self) -> dict[str, str]:
        pages = {"index.md": self.home()}
        for kind, records in self.kb.by_kind.items():
            model = KINDS[kind]
            if kind != "term":
                pages[f"{model.plural}/index.md"] = self.index(kind)
            template = self.env.get_template(f"{kind}.md.j2")
            for record in records:
                uri = record_uri(record)
                change = self.history.get(self.kb.paths.get(record.id, ""))
                pages[uri] = template.render(record=record, page=Page(self.kb, uri, record.id), kb=self.kb,
                                             change=change, edit_path=self.kb.paths.get(record.id))
        pages["glossary/index.md"] = self.glossary()
        pages["timeline/index.md"] = self.timeline()
        pages["changes/index.md"] = self.changes()
        tariff_pages, self.charts = tariff_outputs(self.kb)
        template = self.env.get_template("tariffs.md.j2")
        for uri, context in tariff_pages.items():
            pages[uri] = template.render(page=Page(self.kb, uri), kb=self.kb, **context)
        pages["tariffs/index.md"] = self.env.get_template("tariffs-index.md.j2").render(
            page=Page(self.kb, "tariffs/index.md"), kb=self.kb, pages=sorted(tariff_pages))
        pages["schemas/index.md"] = self.env.get_template("schemas.md.j2").render(
            kinds=[(kind, model, f"{kind}.schema.json") for kind, model in KINDS.items()])
        pages["reference/index.md"] = self.env.get_template("reference.md.j2").render(
            kinds=list(KINDS.values()), fields=reference_fields)
        return pages

    def index(self, kind: str) -> str:
        model = KINDS[kind]
        uri = f"{model.plural}/index.md"
        page = Page(self.kb, uri)
        rows = [[page.link(record.id), *(cell(page, record) for _, cell in INDEX_COLUMNS[kind])]
                for record in _index_order(self.kb.by_kind[kind])]
        return self.env.get_template("index.md.j2").render(
            kind=kind, model=model, title=KIND_TITLES[kind], headers=["Name", *(h for h, _ in INDEX_COLUMNS[kind])],
            rows=rows, page=page,
        )

    def changes(self) -> str:
        """The records whose files changed most recently, newest first."""
        page = Page(self.kb, "changes/index.md")
        by_path = {path: record_id for record_id, path in self.kb.paths.items()}
        changed = sorted(((change, by_path[path]) for path, change in self.history.items() if path in by_path),
                         key=lambda item: (item[0].date, item[0].commit, item[1]), reverse=True)
        return self.env.get_template("changes.md.j2").render(page=page, changed=changed[: self.RECENT], kb=self.kb)

    def timeline(self) -> str:
        """The whole timeline, by year and month, with the data its filters use on every entry."""
        page = Page(self.kb, "timeline/index.md")
        options: dict[str, dict[str, str]] = {"jurisdiction": {}, "person": {}, "topic": {}}
        for entry in self.kb.timeline:
            for record_id in entry.involves:
                kind = self.kb[record_id].kind
                if kind in options:
                    options[kind][record_id] = self.kb[record_id].label
        return self.env.get_template("timeline.md.j2").render(
            kb=self.kb, page=page, categories=CATEGORIES,
            options={kind: sorted(found.items(), key=lambda item: item[1].casefold()) for kind, found in options.items()},
        )

    def glossary(self) -> str:
        """Every term A to Z, in full."""
        page = Page(self.kb, "glossary/index.md")
        letters: dict[str, list[Record]] = {}
        for term in sorted(self.kb.by_kind["term"], key=lambda t: t.label.casefold()):
            letter = term.label[0].upper()
            letters.setdefault(letter if letter.isalpha() else "#", []).append(term)
        return self.env.get_template("glossary.md.j2").render(kb=self.kb, page=page, letters=letters)

    def home(self) -> str:
        page = Page(self.kb, "index.md")
        return self.env.get_template("home.md.j2").render(kb=self.kb, page=page)


def render(kb: KnowledgeBase) -> dict[str, str]:
    """Every generated page, keyed by its Markdown path under docs/ (``people/scott-bessent.md``)."""
    return Renderer(kb).render()
