"""A rendered site: the generated pages and files of one knowledge base, and the finishing of hand-written pages."""

from __future__ import annotations

import operator
from collections.abc import Callable, Mapping
from functools import cached_property

from ..graph import KnowledgeBase
from ..history import Change
from ..i18n import using
from ..i18n.records import translated, translation
from ..parallel import in_parallel
from ..schemas import schema_texts
from . import offline, previews
from . import text as fmt
from .exports import export_jobs
from .pages import Generated, KindError, Renderer, kind_problems, record_uri
from .terms import annotate_terms


class Site:
    """Everything the MkDocs adapter needs from the core, for one build."""

    def __init__(
        self,
        kb: KnowledgeBase,
        history: Mapping[str, Change] | None = None,
        directory_urls: bool = True,
        language: str = "en",
    ) -> None:
        problems = kind_problems()
        if problems:  # a kind that lacks a piece: said at start-up, by kind, before anything renders
            raise KindError("\n".join(problems))
        self.language = language
        """The language of this site's pages (i18n.LANGUAGES); the records are the same for every language."""
        self.original = kb
        """The records as written (English, with their translations)."""
        self.kb = translated(kb, language)
        """The records as this site's readers see them: each text in its language where it is translated."""
        self.translations = (
            {record.id: translation(record, language) for record in kb.records.values()} if language != "en" else {}
        )
        """How far each record is translated into this site's language."""
        self.history = history or {}
        """The last change of each YAML file (``kb/people/x.yml``), where git history is available."""
        self.directory_urls = directory_urls

    @property
    def checked_up_to(self) -> str:
        """The as-of date as every page's footer names it ("1 December 2026"), or empty without one."""
        with using(self.language):
            return fmt.day_html(self.kb.as_of) if self.kb.as_of else ""  # the footer's <time> element

    @property
    def checked_line(self) -> str:
        """The footer's line naming the as-of date ("Facts checked up to 1 December 2026"), or empty."""
        with using(self.language):
            return fmt.html_t("Facts checked up to {day}", day=fmt.day_html(self.kb.as_of)) if self.kb.as_of else ""

    @cached_property
    def outputs(self) -> dict[str, Generated | str | bytes]:
        """Every generated page and file, by source path: the jobs that make them run spread over the cores."""
        jobs: list[Callable[[], Mapping[str, Generated | str | bytes]]] = [
            *Renderer(self.kb, self.history, self.directory_urls, self.translations).jobs(),
            lambda: {f"schemas/{name}": text for name, text in schema_texts().items()},
            *export_jobs(self.kb, directory_urls=self.directory_urls),
            lambda: {previews.PATH: previews.previews_js(self.kb, self.directory_urls)},
        ]
        outputs: dict[str, Generated | str | bytes] = {}
        with using(self.language):  # forked workers inherit the language
            for made in in_parallel(operator.call, jobs):
                outputs.update(made)
        return outputs

    @cached_property
    def pages(self) -> dict[str, Generated]:
        """Every generated page, keyed by its source path (``people/scott-bessent.md``)."""
        return {uri: page for uri, page in self.outputs.items() if isinstance(page, Generated)}

    @cached_property
    def files(self) -> dict[str, str | bytes]:
        """Generated files that are not pages: the charts, the JSON Schemas and the open-data exports (text, or
        bytes for a compressed one)."""
        return {uri: text for uri, text in self.outputs.items() if isinstance(text, (str, bytes))}

    @cached_property
    def edit_paths(self) -> dict[str, str]:
        """The YAML file behind each record page, for its edit link (``kb/people/scott-bessent.yml``)."""
        return {record_uri(self.kb[record_id]): path for record_id, path in self.kb.paths.items()}

    def annotate(self, html: str, link: Callable[[str], str]) -> str:
        """A hand-written page's HTML with glossary tooltips; ``link(src_uri)`` is the URL of another page relative
        to this one."""
        with using(self.language):
            if offline.MARKER in html:  # the offline copy's link (docs/about.md)
                root = link("index.md").removesuffix("index.html")
                html = html.replace(offline.MARKER, offline.paragraph("" if root == "./" else root, self.kb.as_of))
            return annotate_terms(html, self.kb, lambda term_id: link(record_uri(self.kb[term_id])))
