"""A rendered site: the generated pages of one knowledge base, and the finishing of each page's HTML."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from functools import cached_property

from ..graph import KnowledgeBase
from ..history import Change
from ..schemas import schema_texts
from .pages import Renderer, record_uri
from .sanitize import clean_page
from .terms import annotate_terms


class Site:
    """Everything the MkDocs adapter needs from the core, for one build."""

    def __init__(self, kb: KnowledgeBase, history: Mapping[str, Change] | None = None) -> None:
        self.kb = kb
        self.history = history or {}
        """The last change of each YAML file (``kb/people/x.yml``), where git history is available."""

    @cached_property
    def _renderer(self) -> Renderer:
        return Renderer(self.kb, self.history)

    @cached_property
    def pages(self) -> dict[str, str]:
        """Every generated page, keyed by its Markdown path (``people/scott-bessent.md``)."""
        return self._renderer.render()

    @cached_property
    def files(self) -> dict[str, str]:
        """Generated files that are not pages: the published JSON Schemas and the charts."""
        self.pages  # the charts are drawn while the pages render
        return {**{f"schemas/{name}": text for name, text in schema_texts().items()}, **self._renderer.charts}

    @cached_property
    def edit_paths(self) -> dict[str, str]:
        """The YAML file behind each record page, for its edit link (``kb/people/scott-bessent.yml``)."""
        return {record_uri(self.kb[record_id]): path for record_id, path in self.kb.paths.items()}

    def finish_html(self, html: str, src_uri: str, link: Callable[[str], str]) -> str:
        """A page's HTML after Markdown: generated pages are sanitized, every page gets glossary tooltips.
        ``link(src_uri)`` is the URL of another page relative to this one."""
        if src_uri in self.pages:
            html = clean_page(html)
        own = self.kb.records.get(src_uri.removeprefix("glossary/").removesuffix(".md"))
        own_term = own.id if own is not None and own.kind == "term" and src_uri.startswith("glossary/") else None
        return annotate_terms(html, self.kb, lambda term_id: link(record_uri(self.kb[term_id])), own_term)
