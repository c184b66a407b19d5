"""Every generated page, rendered straight to HTML from the Jinja templates in ../templates/.

Templates autoescape, so contributor text is inert unless it passes through `Page.prose` (Markdown fields,
rendered and sanitized). Links are final relative URLs: they are built from references that validation has
already resolved, so MkDocs has nothing left to check or rewrite in them.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from functools import cache, partial
from pathlib import Path
from typing import Any

import jinja2
import markdown
from markupsafe import Markup, escape
from pydantic import BaseModel

from ..currency import Review, scheduled_words
from ..graph import KnowledgeBase
from ..history import Change
from ..i18n import current, editions, t
from ..i18n.records import Translation
from ..labels import Phrase, label
from ..models import KIND_BY_FOLDER, KINDS, Citation, Claim, Column, Exemption, Measure, Person, Product, Record, Source
from ..tariffs import Duty, Interval, Tariffs
from ..timeline import CATEGORIES, FILTERS, Entry
from ..types import Markdown, PartialDate, Ref
from . import facets, lead, offline, structured
from . import text as fmt
from .reference import reference_fields
from .sanitize import clean_prose
from .lookup import CSV_FILE, CSV_GZ_FILE, DATA_FILE, gzipped, line_groups, line_rows, lines_csv, lookup_data, unmatched
from .tariffs import Section, sections, tariff_page, today
from .terms import annotate_terms
from .translation import notice as translation_notice

TEMPLATES = Path(__file__).resolve().parent.parent / "templates"

FIELD_LABELS = {
    "name_native": "Native name",
    "hts_headings": "HTS Chapter 99 headings",
    "federal_register": "Federal Register",
    "duration_minutes": "Duration (minutes)",
    "numbering_per": "Numbering per",
    "all_countries": "All countries",
    "not_stacked_with": "Not stacked with",
    "legally_binding": "Legally binding",
    "legal_reference": "Legal reference",
    "hs_headings": "HS headings",
    "archived_url": "Archived copy",
    "url": "Address",
    "imposing": "Imposed by",
    "targets": "Targets",
    "excluded": "Excluded",
    "implements": "Implements",
    "supersedes": "Supersedes",
    "actors": "Actors",
    "related": "Related terms",
    "tz": "Time zone",
    "parent": "Part of",
    "agrees_with": "Agrees with",
    "host": "Copy we read hosted on",
    "occasion": "Occasion",
    "about": "About",
}
_ENUM_FIELDS = {"type", "status", "format", "authority", "application", "legally_binding", "scope", "confidence"}
_HEADING = re.compile(r'<h([1-3]) id="([^"]+)"[^>]*>(.*?)(?:<a class="headerlink"|</h\1>)', re.S)
_PROTECTED = re.compile(
    r"(?ms:^```.*?^```)|`[^`\n]*`|!?\[[^\]]*\]\([^)]*\)|\[[^\]]*\]|<[^>\n]*>|https?://\S+|^#.*?$", re.M
)
"""Markdown the auto-linker leaves alone: code, links, link texts, HTML, bare URLs, headings."""
_MARKDOWN_SYNTAX = re.compile(r"[\\`*_\[\]<>#!|&~]|^\s*(?:[-+*]|\d+[.)])\s|^ {4}|https?://", re.M)
"""Anything that could make Markdown differ from plain paragraphs."""
_ID_ATTRIBUTE = re.compile(r'<[a-zA-Z][^>]*?\sid="([^"]+)"')
_UNSEARCHED = re.compile(
    r"<script\b[^>]*>.*?</script>"  # structured data is for machines, not the search index
    r'|<a class="headerlink"[^>]*>[^<]*</a>'  # permalinks are not part of a heading's text
    r"|<!--.*?-->"
    r"|</?(?!(?:h[1-6]|p|li|ul|ol|code|pre|sub|sup)[\s/>])[a-zA-Z][^>\"']*(?:(?:\"[^\"]*\"|'[^']*')[^>\"']*)*>",
    re.S,
)
"""Markup a search index drops: every tag but headings and the blocks whose tags it keeps (Material's search keeps
p, li, ul, ol, code, pre, sub and sup, and reads only the text of the rest)."""


def publisher(source: Source) -> str:
    """Who published a source, and where the copy we read is when it is elsewhere: "Reuters (copy on
    devdiscourse.com)"."""
    host = getattr(source, "host", None)
    return t("{publisher} (copy on {host})", publisher=source.publisher, host=host) if host else source.publisher


def _printable(text: str) -> str:
    """A file name as a page may show it: control characters and line breaks read as spaces."""
    return " ".join("".join(ch if ch.isprintable() else " " for ch in text).split())


def change_words(change: Change) -> str:
    """What a change did to a record, in words: "Record added", "Summary and Sources changed; Quotes added"."""
    if change.action == "added":
        return t("Record added")
    if change.action == "removed":
        return t("Record removed")

    def names(fields: tuple[str, ...]) -> str:
        return fmt.and_list([field_label(name) for name in fields])

    parts = [
        t(done, fields=names(fields))
        for fields, done in (
            (change.changed, "{fields} changed"),
            (change.added, "{fields} added"),
            (change.removed, "{fields} removed"),
        )
        if fields
    ]
    return t("; ").join(parts) if parts else t("Nothing shown on the page changed")


def field_label(name: str) -> str:
    """A field name as a heading or row label."""
    return t(FIELD_LABELS.get(name, name.replace("_", " ").capitalize()))


def record_uri(record: Record) -> str:
    """The source path of a record's page; MkDocs serves it at /<plural>/<id>/."""
    return f"{record.plural}/{record.id}.md"


@dataclass(frozen=True)
class Generated:
    """One generated page: its title and final HTML, and what MkDocs and its search index read from it, worked
    out where the page was rendered (in a worker, when the site is rendered in parallel)."""

    title: str
    html: str
    toc: tuple[tuple[int, str, str], ...]
    """The headings a table of contents lists: (level, anchor, text as HTML)."""
    anchors: frozenset[str]
    """Every id in the page, which links from other pages may point at."""
    searchable: str
    """The page as a search index reads it: the same headings, sections and text, without the links, tables and
    inline markup that cost an HTML parser most of its time (an index reads only their text)."""

    @property
    def title_html(self) -> str:
        """The title as the theme prints it (it does not escape titles)."""
        return fmt.title_html(self.title)

    @classmethod
    def of(cls, title: str, html: str) -> Generated:
        toc = tuple(
            (int(level), anchor, re.sub(r"<[^>]+>", "", text).strip()) for level, anchor, text in _HEADING.findall(html)
        )
        return cls(title, html, toc, frozenset(_ID_ATTRIBUTE.findall(html)), _UNSEARCHED.sub("", html))

    def markdown(self) -> str:
        """A standalone Markdown file (front matter and HTML), for static-site generators other than MkDocs."""
        return "\n".join(["---", f"title: {fmt.front_matter_title(self.title)}", "---", "", self.html])


class Page:
    """What a template needs to write one page: the knowledge base, and links relative to this page."""

    def __init__(self, renderer: Renderer, uri: str, record_id: str | None = None) -> None:
        self.renderer = renderer
        self.kb = renderer.kb
        self.uri = uri
        self.record_id = record_id
        self.linked: set[str] = {record_id} if record_id else set()
        """Records already linked from this page's prose: each is auto-linked at its first mention only."""
        self.root = fmt.root_prefix(uri, renderer.directory_urls)
        """The way back to the site root; every link is this plus the target's path from the root."""

    def to(self, src_uri: str) -> str:
        """The relative URL of another generated page or file (``timeline/index.md``, ``tariffs/x.svg``)."""
        return fmt.relative_url(self.uri, src_uri, self.renderer.directory_urls)

    def href(self, record_id: str) -> str:
        """The relative URL of a record's page (ids are [a-z0-9-], so it needs no escaping)."""
        return (self.root + self.renderer.record_url(record_id)) or "./"

    def link(self, record_id: str, text: str | None = None) -> Markup:
        """A link to a record, by its display name."""
        return Markup(f'<a href="{self.href(record_id)}">{escape(text or self.kb[record_id].label)}</a>')

    def links(self, record_ids: Iterable[str]) -> Markup:
        return Markup(", ").join(self.link(record_id) for record_id in record_ids)

    def prose(self, value: Markdown | None) -> Markup:
        """A Markdown field as sanitized HTML, the first mention of each other record's name linked to it."""
        if not value:
            return Markup("")
        if not _MARKDOWN_SYNTAX.search(value):  # plain sentences: the same HTML, without a Markdown parser
            return Markup("").join(
                Markup("<p>{}</p>\n").format(self._autolink_plain(paragraph.strip()))
                for paragraph in re.split(r"\n\s*\n", value.strip())
            )
        text = fmt.prose_source(value)
        out, position = [], 0
        for protected in [*_PROTECTED.finditer(text), None]:
            end = protected.start() if protected else len(text)
            out.append(self._autolink(text[position:end]))
            if protected:
                out.append(protected.group())
                position = protected.end()
        return Markup(clean_prose(self.renderer.markdown("".join(out))))

    def _autolink_plain(self, text: str) -> Markup:
        out, position = Markup(""), 0
        for mention in self.kb.record_names.find(text):
            if mention.target in self.linked:
                continue
            self.linked.add(mention.target)
            out += text[position : mention.start] + self.link(mention.target, text[mention.start : mention.end])
            position = mention.end
        return out + text[position:]

    def _autolink(self, text: str) -> str:
        out, position = [], 0
        for mention in self.kb.record_names.find(text):
            if mention.target in self.linked:
                continue
            self.linked.add(mention.target)
            out += [
                text[position : mention.start],
                f"[{text[mention.start : mention.end]}]({self.href(mention.target)})",
            ]
            position = mention.end
        out.append(text[position:])
        return "".join(out)

    def value(self, value: object) -> Markup | str:
        """Any simple field value, formatted for a table cell."""
        if value is None or value == []:
            return ""
        if isinstance(value, Ref):
            return self.link(value)
        if isinstance(value, PartialDate):
            return fmt.date_html(value)
        if isinstance(value, bool):
            return t("Yes") if value else t("No")
        if isinstance(value, (int, float)):
            return f"{value:g}"
        if isinstance(value, Markdown):
            return self.prose(value)
        if isinstance(value, list):
            return Markup(", ").join(self.value(item) for item in value)
        if isinstance(value, str) and value.startswith(("https://", "http://")):
            return Markup('<a href="{}">{}</a>').format(value, value)
        return str(value)

    def facts(self, record: BaseModel, names: Iterable[str]) -> list[tuple[str, Markup | str]]:
        """(label, formatted value) for the named fields that have a value."""
        rows = []
        for name in names:
            value = getattr(record, name)
            if value is None or value == [] or value is False:
                continue
            rows.append((field_label(name), label(value) if name in _ENUM_FIELDS else self.value(value)))
        return rows

    def citation(self, citation: Citation) -> Markup:
        """A source, as a record's page lists it."""
        source = self.kb[citation.source]
        assert isinstance(source, Source)
        title = Markup('<a href="{}">{}</a>').format(source.url, source.title)
        line = fmt.html_t("{title}, {publisher}", title=title, publisher=publisher(source))
        if source.published:
            line = fmt.html_t("{citation}, {date}", citation=line, date=fmt.date_html(source.published))
        record = Markup('<a href="{}">{}</a>').format(self.href(source.id), t("record"))
        line = fmt.html_t("{citation} ({record})", citation=line, record=record)
        if citation.locator:
            line = fmt.html_t("{citation}, {locator}", citation=line, locator=citation.locator)
        if citation.quote:
            line = fmt.html_t("{citation}: “{quote}”", citation=line, quote=citation.quote)
        return line

    def source_links(self, citations: Iterable[Citation]) -> Markup:
        """Short links to the documents behind a statement: each source's title, to the document itself."""
        out = []
        for citation in citations:
            source = self.kb[citation.source]
            assert isinstance(source, Source)
            title = Markup('<a href="{}">{}</a>').format(source.url, source.title)
            out.append(fmt.html_t("{title}, {publisher}", title=title, publisher=publisher(source)))
        return Markup(escape(t("; "))).join(out)

    def sides(self, claims: Iterable[Record]) -> list[tuple[str, list[Claim]]]:
        """Claims grouped by the side they speak for, each group in date order; the sides in the same order on
        every page (by name)."""
        groups: dict[str, list[Claim]] = {}
        for claim in claims:
            assert isinstance(claim, Claim)
            groups.setdefault(claim.side, []).append(claim)
        return sorted(groups.items(), key=lambda item: (self.kb[item[0]].label.casefold(), item[0]))

    def disputes(self, record: Record) -> list[tuple[Record, list[tuple[str, list[Claim]]]]]:
        """What each side says about a topic, agreement or measure: each dispute about it with its claims by side
        (a dispute's own page: that dispute alone)."""
        found = [record] if record.kind == "dispute" else list(self.kb.disputes_about.get(record.id, ()))
        return [(dispute, self.sides(self.kb.claims_of.get(dispute.id, ()))) for dispute in found]

    def statements(self, record: Record) -> list[tuple[str, list[Claim]]]:
        """The claims about a record that are on no dispute, by side."""
        return self.sides(self.kb.statements_about.get(record.id, ()))

    def translation_notice(self, record: Record) -> Markup:
        """On a page in another language: that its translation is stale, or that parts are in English."""
        if current() == "en":
            return Markup("")
        english = self.root + "../" * editions.root(current()).count("/") + self.renderer.record_url(record.id)
        return translation_notice(self.renderer.translations.get(record.id), english)

    def offline_copy(self) -> Markup:
        """The sentence that links to the offline copy, or says this is it (render/offline.py)."""
        return offline.sentence(self.root, self.kb.as_of)

    @property
    def checked_up_to(self) -> str:
        """The as-of date as a reader reads it ("1 December 2026"), or empty without one."""
        return fmt.day_html(self.kb.as_of) if self.kb.as_of else ""

    def scheduled(self, record: Record) -> list[tuple[Markup, str, str, bool]]:
        """A record's scheduled dates: (date, what is due, what happened, overdue), the outcome in words."""
        due = getattr(record, "scheduled", ())
        overdue = {index for index, _ in record.overdue(self.kb.as_of)} if self.kb.as_of and due else set()
        rows = []
        for index, entry in enumerate(due):
            when = fmt.moment_html(fmt.date_html(entry.date), entry.time, entry.tz)
            what = t(
                "{what} ({when})",
                what=entry.description.rstrip(".。"),
                when=scheduled_words(entry.date, entry.status or ""),
            )
            if entry.outcome:
                outcome = entry.outcome
            elif index in overdue:
                outcome = t("Outcome not yet recorded.")
            elif record.settled(entry):
                outcome = t("See the status history.")
            else:
                outcome = t("Still ahead.")
            rows.append((when, what, outcome, index in overdue))
        return rows

    def overdue(self, record: Record) -> list[str]:
        """The sentences a page opens with for each scheduled date that has passed with no recorded outcome
        ("Section 122's 150 days end: scheduled to end on 24 July 2026; outcome not yet recorded.")."""
        if not self.kb.as_of or not getattr(record, "scheduled", ()):
            return []
        return [
            t(
                "{what}: {when}; outcome not yet recorded.",
                what=entry.description.rstrip(".。"),
                when=scheduled_words(entry.date, entry.status or ""),
            )
            for _, entry in record.overdue(self.kb.as_of)
        ]

    def reviews(self, reason: str) -> list[Review]:
        """The Needs review entries of one reason, in file order."""
        return [item for item in self.kb.review if item.reason == reason]

    def related(self, record: Record) -> list[tuple[str, list[str]]]:
        """Outgoing references held in list fields, grouped by field: (label, [record ids])."""
        groups = []
        for name in type(record).model_fields:
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

    def entry(self, entry: Entry) -> Markup:
        """A timeline entry as one line."""
        when = Markup("<strong>{}</strong>").format(fmt.date_html(entry.date))
        if entry.time:
            when = fmt.html_t("{date}, {time}", date=when, time=entry.time)
        if entry.tz:
            when = fmt.html_t("{when} ({zone})", when=when, zone=fmt.zone(entry.tz))
        return Markup("{} · {} · {}").format(
            when, Markup(t(CATEGORIES[entry.category])), self.link(entry.record_id, entry.text)
        )

    def timeline(self, record: Record) -> tuple[Entry, ...]:
        """The timeline entries that involve a record; on a measure's page, not its own status changes (its
        History section shows them)."""
        own = isinstance(record, Measure)
        return tuple(
            entry for entry in self.kb.timeline_of.get(record.id, ()) if not own or entry.record_id != record.id
        )

    def filters(self, entry: Entry) -> Markup:
        """The data attributes the timeline's filter script reads."""
        groups: dict[str, list[str]] = {kind: [] for kind in FILTERS}
        for record_id in sorted(entry.involves):
            kind = self.kb[record_id].kind
            if kind in groups:
                groups[kind].append(record_id)
        data = " ".join(f'data-{kind}="{" ".join(ids)}"' for kind, ids in groups.items() if ids)
        return Markup(f'data-category="{entry.category}" {data}'.strip())  # ids and kinds are [a-z0-9-] only

    def measure_history(self, measure: Measure) -> list[tuple[Markup | str, ...]]:
        """A measure's life, one row per recorded status change, each with the rate it charges from then on (its
        scheduled dates have a section of their own)."""
        rows: list[tuple[Markup | str, ...]] = []
        rate = measure.rate
        charged = (
            t("{rate} ({application})", rate=fmt.percent(rate.percent), application=label(rate.application))
            if rate
            else t("see the exemptions")
        )
        for change in measure.status_history:
            when = fmt.moment_html(fmt.date_html(change.date), change.time, change.tz)
            status = (
                fmt.html_t(
                    "{status} (retroactive to {date})",
                    status=label(change.status),
                    date=fmt.date_html(change.retroactive_to),
                )
                if change.retroactive_to
                else label(change.status)
            )
            rows.append((when, status, charged if change.status == "in-force" else t("No duty"), change.note or ""))
        return rows

    def rate_cell(self, value: float | None, floor: bool = False) -> str:
        """A percentage in a rate table; a floor on lines whose MFN rate varies reads as what those lines pay."""
        if value is None:
            return t("varies by line")
        return t("{rate} where MFN is lower", rate=fmt.percent(value)) if floor else fmt.percent(value)

    def mfn_cell(self, product: Product) -> str:
        """A product's MFN rate in words."""
        if product.mfn is None:
            return t("varies by tariff line")
        if product.mfn.percent is None:
            return product.mfn.note or t("varies by tariff line")
        rate = fmt.percent(product.mfn.percent)
        return t("{rate} ({note})", rate=rate, note=product.mfn.note) if product.mfn.note else rate

    def source_list(self, source_ids: Iterable[str]) -> Markup:
        """Sources as readers cite them: 'Publisher, date', each linking to the source's page."""
        items = []
        for source_id in dict.fromkeys(source_ids):
            source = self.kb[source_id]
            assert isinstance(source, Source)
            text = (
                fmt.html_t("{publisher}, {date}", publisher=source.publisher, date=fmt.date_html(source.published))
                if source.published
                else source.publisher
            )
            items.append(self.link(source_id, text))
        return Markup(escape(t("; "))).join(items)

    def source_details(self, source_ids: Iterable[str]) -> Markup:
        """A rate's sources, named as in :meth:`source_list`, folded behind their count where there are several."""
        ids = list(dict.fromkeys(source_ids))
        if len(ids) <= 2:
            return self.source_list(ids)
        return Markup('<details class="kb-sources"><summary>{}</summary>{}</details>').format(
            t("{n} sources", n=len(ids)), self.source_list(ids)
        )

    def exemption(self, exemption: Exemption) -> Markup:
        """An exemption or reduced rate in a sentence."""
        what = Markup(", ").join(
            [
                *(self.link(p) for p in exemption.products),
                *(fmt.html_t("goods under {authority} duties", authority=label(a)) for a in exemption.subject_to),
            ]
        )
        if exemption.origins:
            what = fmt.html_t("{goods} from {origins}", goods=what, origins=self.links(exemption.origins))
        if exemption.quota:
            terms = fmt.html_t("free within a quota ({quota}); the measure's rate beyond it", quota=exemption.quota)
        elif exemption.rate:
            terms = fmt.html_t(
                "{rate} ({application})",
                rate=fmt.percent(exemption.rate.percent),
                application=label(exemption.rate.application),
            )
        else:
            terms = Markup(escape(t("exempt")))
        start, end = fmt.date_html(exemption.start), fmt.date_html(exemption.end)
        if start and end:
            terms = fmt.html_t("{terms} from {start} to {end}", terms=terms, start=start, end=end)
        elif start:
            terms = fmt.html_t("{terms} from {start}", terms=terms, start=start)
        elif end:
            terms = fmt.html_t("{terms} to {end}", terms=terms, end=end)
        basis = Markup("{}").format(exemption.basis)
        if exemption.hts_headings:
            basis = fmt.html_t("{basis}; HTSUS {headings}", basis=basis, headings=", ".join(exemption.hts_headings))
        line = fmt.html_t("{goods}: {terms} ({basis})", goods=what, terms=terms, basis=basis)
        if exemption.sources:
            line = fmt.html_t(
                "{exemption}. {sources}", exemption=line, sources=self.source_list(c.source for c in exemption.sources)
            )
        return line

    def not_applied(self, duty: Duty) -> Markup:
        """The measures in force on the goods that do not apply to them, and why, in one line: "Reciprocal tariff:
        exempt: Annex II, as goods under Section 232 autos; ..." (what the ``not_applied`` macro of
        _tariffs.html.j2 writes, in the current language)."""
        out = []
        for item in duty.not_applied:
            measure, by = self.link(item.measure.id), self.link(item.by.id) if item.by else None
            if item.reason.startswith("exempt"):
                out.append(
                    fmt.html_t(
                        "{measure}: exempt: {basis}, as goods under {by}", measure=measure, basis=item.basis, by=by
                    )
                    if by
                    else fmt.html_t("{measure}: exempt: {basis}", measure=measure, basis=item.basis)
                )
            elif by and item.reason in REMOVED_BY:
                out.append(fmt.html_t(REMOVED_BY[item.reason], measure=measure, by=by))
            else:
                line = fmt.html_t("{measure}: {reason}", measure=measure, reason=item.words)
                out.append(line + Markup(" ") + by if by else line)
        return Markup(escape(t("; "))).join(out)

    def product_history(self, product: Product) -> list[tuple[str, list[Interval]]]:
        """For each targeted jurisdiction, the duty on the product over time (where one applied)."""
        tariffs = self.renderer.tariffs
        found = [(j, tariffs.history(j, product.id)) for j in tariffs.jurisdictions]
        return [(j, intervals) for j, intervals in found if intervals]

    def section_anchor(self, jurisdiction: str, product_id: str) -> str:
        """The heading on a jurisdiction's tariff page under which a product's chart stands."""
        return next(
            (s.anchor for s in self.renderer.sections(jurisdiction) if any(p.id == product_id for p in s.products)), ""
        )

    def today_table(self, rows: list[tuple[Product, list[Interval]]], jurisdictions: list[str]) -> Markup:
        """The duties on the as-of day: a row per product, a column per jurisdiction."""
        head = Markup("").join(
            Markup("<th>{}</th>").format(t("From {jurisdiction}", jurisdiction=self.kb[j].label)) for j in jurisdictions
        )
        body = Markup("")
        for product, intervals in rows:
            cells = Markup("")
            for interval in intervals:
                duty = interval.duty
                rate = duty.describe()
                measures = Markup(", ").join(self.link(a.measure.id, a.measure.title) for a in duty.applied) or t(
                    "none"
                )
                note = (
                    Markup(" <em>{}</em>").format(t("(scheduled; outcome not yet recorded)"))
                    if interval.scheduled
                    else Markup("")
                )
                cells += Markup('<td><strong>{}</strong>{}<br><span class="kb-measures">{}</span></td>').format(
                    rate, note, measures
                )
            body += Markup("<tr><td>{}</td><td>{}</td>{}</tr>\n").format(
                self.link(product.id), self.mfn_cell(product), cells
            )
        return Markup(
            '<div class="kb-table-scroll"><table class="kb-today">\n<thead><tr><th>{}</th>'
            "<th>{}</th>{}</tr></thead>\n<tbody>\n{}</tbody>\n</table></div>"
        ).format(t("Product"), t("MFN rate"), head, body)

    def current_role(self, person: Person) -> str:
        """The latest role that has not ended, else the latest role."""
        open_roles = [role for role in person.roles if role.end is None and not role.former]
        roles = open_roles or person.roles
        return roles[-1].title if roles else ""

    def badge(self, measure: Measure) -> Markup:
        """A measure's status badge (In force, Paused, Scheduled to end, Ended, Invalidated) and since when."""
        return lead.badge(measure, self.kb.as_of)

    def key_facts(self, record: Record, names: Iterable[str]) -> list[tuple[str, Markup | str]]:
        """The compact block of facts under a record's title, each value in words."""
        return lead.measure_facts(self, record) if isinstance(record, Measure) else lead.key_facts(self, record, names)

    def json_ld(self, record: Record) -> Markup:
        """The record's schema.org JSON-LD, as a script element (render/structured.py)."""
        return structured.script(self, record)

    def facets(self, kind: str) -> tuple[Markup, list[Markup]]:
        """An index's filter controls and each row's facet values (render/facets.py), in the index's row order."""
        return facets.facets(self.kb, kind, _index_order(KINDS[kind], self.kb.by_kind[kind]))

    def cited(self, citations: Iterable[Citation]) -> Markup:
        """The sources behind one statement as "Publisher, date" links to their pages."""
        return self.source_list(citation.source for citation in citations)

    # The cells of index columns that no format of CELLS makes (Column.show names them) -------------------------

    def targets(self, measure: Measure) -> Markup | str:
        return t("All countries") if measure.all_countries else self.links(measure.targets)

    def since(self, measure: Measure) -> Markup:
        return fmt.date_html(measure.status_history[-1].date)

    def hs_codes(self, product: Product) -> str:
        return ", ".join(product.hs_codes) or t("all")

    def claim_count(self, dispute: Record) -> str:
        return str(len(self.kb.claims_of.get(dispute.id, ())) or "")

    def published_by(self, source: Source) -> str:
        return publisher(source)

    def cell(self, record: Record, column: Column) -> Markup | str:
        """One cell of an index table."""
        format_ = CELLS.get(column.show)
        if format_ is not None:
            return format_(self, getattr(record, column.field))
        return getattr(self, column.show)(record)  # type: ignore[no-any-return]


CELLS: dict[str, Callable[[Page, Any], Markup | str]] = {
    "value": lambda page, value: page.value(value),
    "text": lambda page, value: str(value or ""),
    "label": lambda page, value: label(value),
    "date": lambda page, value: fmt.date_html(value),
    "count": lambda page, value: str(len(value) or ""),
    "link": lambda page, value: page.link(value),
    "links": lambda page, value: page.links(value),
    "percent": lambda page, value: fmt.percent(value.percent) if value else "",
}
"""The formats of index cells, by the name a kind's ``Column.show`` gives: each takes the field's value."""


REMOVED_BY = {
    "superseded by": "{measure}: superseded by {by}",
    "not stacked with": "{measure}: not stacked with {by}",
}
"""How a measure removed by another one reads, by the engine's reason (tariffs.NotApplied)."""


class KindError(Exception):
    """A record kind lacks something the site needs: the message names the kind and what is missing."""


def kind_problems(kinds: Mapping[str, type[Record]] = KINDS) -> list[str]:
    """What each kind lacks that the site needs (a title, a template, an index column's field or format), one line
    each, naming the kind: checked at start-up, so a forgotten piece is a message and not a traceback."""
    problems = []
    for kind, model in kinds.items():
        where = f"record kind {kind!r} ({model.__module__}.{model.__name__})"
        for name in ("plural", "index_title", "in_short"):
            if not isinstance(getattr(model, name, None), str) or not getattr(model, name):
                problems.append(f"{where}: no {name}; set it on the class")
        if not (TEMPLATES / f"{kind}.html.j2").is_file():
            problems.append(f"{where}: no template; write {TEMPLATES / f'{kind}.html.j2'} (see event.html.j2)")
        if model.label_field is not None and model.label_field not in model.model_fields:
            problems.append(f"{where}: label_field names {model.label_field!r}, which is not one of its fields")
        for column in model.index_columns:
            if column.field not in model.model_fields and not isinstance(getattr(model, column.field, None), property):
                problems.append(
                    f"{where}: the index column {column.header!r} shows {column.field!r}, which is not one "
                    f"of its fields (known fields: {', '.join(model.model_fields)})"
                )
            if column.show not in CELLS and not callable(getattr(Page, column.show, None)):
                problems.append(
                    f"{where}: the index column {column.header!r} has the format {column.show!r}, which "
                    f"is neither one of {', '.join(CELLS)} nor a method of render.pages.Page"
                )
    return problems


def _index_order(model: type[Record], records: tuple[Record, ...]) -> list[Record]:
    """Dated kinds read in time order; the others by name."""
    if model.index_by_date:
        return sorted(records, key=lambda r: (min(r.dates(), default=PartialDate(9999)), r.label.casefold()))
    return list(records)


Job = Callable[[], "Mapping[str, Generated | str | bytes]"]
"""One independent piece of a site's rendering: it returns the pages and files it made, by source path."""


@cache
def _templates() -> jinja2.Environment:
    """The templates, compiled once per process: `mkdocs serve` renders again on every save, and Jinja compiles
    a template again only when its file changes."""
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters.update(
        label=label,
        publisher=publisher,
        change_words=change_words,
        date=fmt.date_html,
        day=fmt.day,
        month=fmt.month,
        quantity=fmt.quantity,
        percent=fmt.percent,
        zone=fmt.zone,
        field_label=field_label,
    )
    env.globals.update(KINDS=KINDS, _=t)
    return env


def localized_template(env: jinja2.Environment, name: str) -> jinja2.Template:
    """A template in the current language: ``home.ja.html.j2`` for Japanese where it exists (pages that are
    mostly prose), else the one template, whose interface strings go through ``_()``."""
    language = current()
    if language == "en":
        return env.get_template(name)
    stem, _, extension = name.partition(".")
    return env.select_template([f"{stem}.{language}.{extension}", name])


class Renderer:
    """Renders every generated page of one knowledge base, and the charts the pages show, as independent jobs."""

    RECENT = 50
    """How many changed records the Recent changes page lists."""

    def __init__(
        self,
        kb: KnowledgeBase,
        history: Mapping[str, Change] | None = None,
        directory_urls: bool = True,
        translations: Mapping[str, Translation] | None = None,
    ) -> None:
        self.kb = kb
        self.history = history or {}
        self.translations = translations or {}
        """How far each record is translated into the language rendered (i18n/records.py); empty in English."""
        self.directory_urls = directory_urls
        self._markdown = markdown.Markdown(extensions=["sane_lists"], output_format="html")
        self._record_urls: dict[str, str] = {}
        self.tariffs = Tariffs(kb)
        self._sections: dict[str, list[Section]] = {}

    def sections(self, jurisdiction: str) -> list[Section]:
        """The sections of a jurisdiction's tariff page, computed once."""
        if jurisdiction not in self._sections:
            self._sections[jurisdiction] = sections(self.tariffs, jurisdiction)
        return self._sections[jurisdiction]

    def record_url(self, record_id: str) -> str:
        """A record page's path from the site root (``people/x/`` or ``people/x.html``), computed once."""
        url = self._record_urls.get(record_id)
        if url is None:
            url = self._record_urls[record_id] = fmt.page_url(record_uri(self.kb[record_id]), self.directory_urls)
        return url

    def markdown(self, source: str) -> str:
        self._markdown.reset()
        return self._markdown.convert(source)

    @property
    def env(self) -> jinja2.Environment:
        return _templates()

    def _page(
        self, template: str, uri: str, title: str | Phrase, record_id: str | None = None, **context: object
    ) -> Generated:
        title = str(title)  # a page's own title (a Phrase) in the language of the page, a record's name as it is
        page = Page(self, uri, record_id)
        body = localized_template(self.env, template).render(page=page, kb=self.kb, title=title, **context)
        own = record_id if record_id and self.kb[record_id].kind == "term" else None
        body = annotate_terms(body, self.kb, lambda term_id: page.href(term_id), own)
        return Generated.of(title, body)

    def jobs(self) -> list[Job]:
        """Every page (with the charts the tariff pages show) as a job, in the site's page order. Jobs only read
        the knowledge base, so any process may run any of them: a worker forked after this call inherits the
        indexes and compiled templates built here."""
        self._prepare()
        kb, single = self.kb, self._single
        home_rates = (
            [
                (product, intervals[self.tariffs.jurisdictions.index("japan")])
                for product, intervals in today(kb, self.tariffs)[1]
            ]
            if "japan" in self.tariffs.jurisdictions
            else []
        )
        jobs: list[Job] = [
            partial(single, "home.html.j2", "index.md", Phrase("Home"), as_of=kb.as_of, home_rates=home_rates)
        ]
        for kind, records in kb.by_kind.items():
            if KINDS[kind].has_index:
                jobs.append(partial(self._kind_index, kind))
            jobs += [partial(self._record_page, record) for record in records]
        jurisdictions = self.tariffs.jurisdictions
        today_day, today_rows = today(kb, self.tariffs)
        jobs += [
            lambda: single("glossary.html.j2", "glossary/index.md", t("Glossary"), letters=self._letters()),
            lambda: single(
                "timeline.html.j2",
                "timeline/index.md",
                t("Timeline"),
                categories={name: t(label) for name, label in CATEGORIES.items()},
                filters={kind: t(label) for kind, label in FILTERS.items()},
                options=self._timeline_options(),
            ),
            lambda: single("changes.html.j2", "changes/index.md", t("Recent changes"), changed=self._changed()),
            partial(single, "review.html.j2", "review/index.md", Phrase("Needs review")),
            *(partial(self._tariff_page, jurisdiction) for jurisdiction in jurisdictions),
            partial(
                single,
                "tariffs-index.html.j2",
                "tariffs/index.md",
                Phrase("Tariffs in force"),
                jurisdictions=jurisdictions,
                today_day=today_day,
                today_rows=today_rows,
            ),
            self._lookup,
            partial(single, "schemas.html.j2", "schemas/index.md", Phrase("JSON Schemas"), kinds=list(KINDS.values())),
            partial(
                single,
                "reference.html.j2",
                "reference/index.md",
                Phrase("Field reference"),
                kinds=list(KINDS.values()),
                fields=reference_fields,
            ),
        ]
        return jobs

    def _prepare(self) -> None:
        """Build the indexes and compile the templates that pages read, once."""
        self.kb.timeline_of, self.kb.record_names, self.kb.term_names  # noqa: B018 - cached on first use
        for jurisdiction in self.tariffs.jurisdictions:
            self.sections(jurisdiction)
        for template in self.env.list_templates(filter_func=lambda name: name.endswith(".html.j2")):
            localized_template(self.env, template)

    def _single(
        self, template: str, uri: str, title: str | Phrase, record_id: str | None = None, **context: object
    ) -> dict[str, Generated | str]:
        return {uri: self._page(template, uri, title, record_id, **context)}

    def _record_page(self, record: Record) -> dict[str, Generated | str]:
        return self._single(
            f"{record.kind}.html.j2",
            record_uri(record),
            record.label,
            record.id,
            record=record,
            change=self.history.get(self.kb.paths.get(record.id, "")),
        )

    def _kind_index(self, kind: str) -> dict[str, Generated | str]:
        model = KINDS[kind]
        uri = f"{model.plural}/index.md"
        page = Page(self, uri)
        rows = [
            [page.link(r.id), *(page.cell(r, column) for column in model.index_columns)]
            for r in _index_order(model, self.kb.by_kind[kind])
        ]
        return self._single(
            "index.html.j2",
            uri,
            t(model.index_title),
            model=model,
            rows=rows,
            headers=[t(model.name_header), *(t(column.header) for column in model.index_columns)],
        )

    def _lookup(self) -> dict[str, Generated | str | bytes]:
        """The tariff-line lookup page, its one data file and tariff-lines.csv (render/lookup.py)."""
        groups, lines = line_groups(self.tariffs)
        uri = "tariffs/lookup/index.md"
        page = Page(self, uri)
        ids = [
            *{m.id for j in self.tariffs.jurisdictions for m in self.tariffs.aimed_at(j)},
            *(p.id for p in self.tariffs.products),
        ]
        revised = self.kb.lists.revised
        data = lookup_data(
            self.tariffs,
            groups,
            lines,
            {i: page.href(i) for i in ids},
            revised.earliest.isoformat() if revised else "",
            self.kb.as_of,
        )
        table = lines_csv(line_rows(self.tariffs, groups, lines))
        return {
            **self._single(
                "lookup.html.j2",
                uri,
                t("Look up a tariff line"),
                revised=revised,
                lists=self.kb.lists,
                referenced=sorted(self.tariffs.referenced_lists),
                count=len(lines),
                data_src=page.to(DATA_FILE),
                jurisdictions=self.tariffs.jurisdictions,
                uncoded=[p for p in self.tariffs.products if p.parent and not p.hs_codes],
                unmatched=unmatched(self.tariffs),
            ),
            DATA_FILE: data,
            CSV_FILE: table,
            CSV_GZ_FILE: gzipped(table),
        }

    def _tariff_page(self, jurisdiction: str) -> dict[str, Generated | str]:
        context, charts = tariff_page(self.kb, self.tariffs, jurisdiction, self.sections(jurisdiction))
        uri = f"tariffs/{jurisdiction}.md"
        title = t("Tariffs in force: {jurisdiction}", jurisdiction=context["jurisdiction"].label)
        return {**self._single("tariffs.html.j2", uri, title, **context), **charts}

    def _letters(self) -> dict[str, list[Record]]:
        letters: dict[str, list[Record]] = {}
        for term in sorted(self.kb.by_kind["term"], key=lambda t: t.label.casefold()):
            letter = term.label[0].upper()
            letters.setdefault(letter if letter.isalpha() else "#", []).append(term)
        return letters

    def _timeline_options(self) -> dict[str, list[tuple[str, str]]]:
        options: dict[str, dict[str, str]] = {kind: {} for kind in FILTERS}
        for entry in self.kb.timeline:
            for record_id in entry.involves:
                kind = self.kb[record_id].kind
                if kind in options:
                    options[kind][record_id] = self.kb[record_id].label
        return {kind: sorted(found.items(), key=lambda item: item[1].casefold()) for kind, found in options.items()}

    def _changed(self) -> list[tuple[Change, str | None, str, str]]:
        """The latest changes to record files, newest first: (change, id of the record where it still exists,
        the record's name or the removed file's id, its kind)."""
        by_path = {path: record_id for record_id, path in self.kb.paths.items()}
        recent = getattr(self.history, "recent", None)
        if recent is None:  # a plain mapping of last changes
            recent = sorted(self.history.values(), key=lambda c: (c.date, c.commit, c.path), reverse=True)
        rows = []
        for change in recent:
            path = change.path or next((p for p, c in self.history.items() if c is change), "")
            parts = path.split("/")
            model = KIND_BY_FOLDER.get(parts[-2]) if len(parts) >= 2 and path.endswith(".yml") else None
            if model is None:
                continue  # not a record file (settings, schemas)
            record_id = by_path.get(path)
            name = self.kb[record_id].label if record_id else _printable(parts[-1][: -len(".yml")])
            rows.append((change, record_id, name, model.kind))
        return rows[: self.RECENT]
