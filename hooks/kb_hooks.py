"""The MkDocs adapter: the only module that imports MkDocs. Each event hands off to the kbsite core.

Per-build state lives on the build's config object, never at module level: `mkdocs serve` keeps this module
loaded across rebuilds. The module-level values are the run's own: whether it builds with --dirty, set once at
startup, and the cache of what the last build read from each record file, which the next build reuses.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
from pathlib import Path
from typing import TYPE_CHECKING

from mkdocs.exceptions import PluginError
from mkdocs.plugins import CombinedEvent, event_priority
from mkdocs.structure.files import File, InclusionLevel
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import get_toc

import kbsite
from kbsite.history import last_changes
from kbsite.render import Generated, Site
from kbsite.render.pages import KindError

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.files import Files
    from mkdocs.structure.nav import Navigation

log = logging.getLogger("mkdocs.plugins.kbsite")
_SITE = "kbsite"  # the config key that carries this build's Site from on_pre_build to later events
_PAGES = "kbsite_pages"  # the config key of the URLs of this build's pages, for on_post_build
_BUILT = "kbsite_built"  # the config key of the URLs of the pages this build rendered (a dirty build skips some)
_dirty = False  # whether this run builds with --dirty (make serve)
_reads = kbsite.ReadCache()  # what the last build read from each record file: `mkdocs serve` reads only edits


def on_startup(command: str, dirty: bool) -> None:
    """Note whether this run builds with --dirty, for on_post_build."""
    global _dirty
    _dirty = dirty


def on_pre_build(config: MkDocsConfig) -> None:
    """Validate and render before MkDocs touches site/, so a broken knowledge base leaves no half-built site."""
    root = Path(config.config_file_path).parent
    try:
        site = Site(kbsite.build(root / "kb", root, _reads), last_changes(root), config.use_directory_urls)
    except kbsite.KnowledgeBaseError as error:
        raise PluginError(error.report()) from None
    except KindError as error:  # a record kind lacks a piece the site needs (its template, its title, ...)
        raise PluginError(str(error)) from None
    config[_SITE] = site
    config.extra["kb_checked_up_to"] = site.checked_up_to  # the footer's "Facts checked up to" (hooks/theme/)
    log.info("kbsite: %d records, %d generated pages", len(site.kb.records), len(site.pages))


class GeneratedFile(File):
    """The file of a generated page. For `mkdocs serve --dirty` (``make serve``) it counts as modified only when
    the page already built lacks the stamp of this build's inputs for it, so only pages that change are rebuilt."""

    stamp = ""
    """An HTML comment with the digest of everything the page is built from; the page ends with it."""

    def is_modified(self) -> bool:
        try:
            with open(self.abs_dest_path, "rb") as built:
                built.seek(max(0, os.fstat(built.fileno()).st_size - 16384))  # the theme adds ~2 KB after it
                return self.stamp.encode() not in built.read()
        except OSError:
            return True


class GeneratedPage(Page):
    """A page the core rendered: MkDocs takes its title, HTML and table of contents as they are (it has no
    Markdown to read or convert); the theme, the search index and the other plugins see an ordinary page."""

    def __init__(self, generated: Generated, file: File, config: MkDocsConfig, nav_title: str | None) -> None:
        super().__init__(nav_title, file, config)
        self.generated = generated

    def read_source(self, config: MkDocsConfig) -> None:
        self.markdown, self.meta = "", {"title": self.generated.title_html}

    @property
    def html(self) -> str:
        """The page's HTML as the core rendered it, closed by its file's stamp."""
        return self.generated.html + self.file.stamp

    def render(self, config: MkDocsConfig, files: Files) -> None:
        self.content = self.html
        self.toc = get_toc(_toc_tokens(self.generated.toc))
        self.present_anchor_ids = set(self.generated.anchors)


def _stamp(*inputs: str) -> str:
    """The closing comment of a generated page: a digest of what it is built from."""
    digest = hashlib.blake2b(digest_size=16)
    for part in inputs:
        digest.update(part.encode())
        digest.update(b"\0")
    return f"\n<!-- kbsite {digest.hexdigest()} -->\n"


def _toc_tokens(headings: tuple[tuple[int, str, str], ...]) -> list[dict]:
    """Headings as the nested tokens of Python-Markdown's toc extension, which MkDocs builds its TOC from."""
    root: dict = {"level": 0, "children": []}
    stack = [root]
    for level, anchor, title in headings:
        while stack[-1]["level"] >= level:
            stack.pop()
        token = {"level": level, "id": anchor, "name": title, "children": []}
        stack[-1]["children"].append(token)
        stack.append(token)
    return root["children"]


def _nav_titles(items: list | None) -> dict[str, str]:
    """The label mkdocs.yml's nav gives each page, by source path."""
    titles: dict[str, str] = {}
    for item in items or []:
        for label, target in item.items() if isinstance(item, dict) else []:
            if isinstance(target, str):
                titles[target] = label
            elif isinstance(target, list):
                titles.update(_nav_titles(target))
    return titles


def on_files(files: Files, config: MkDocsConfig) -> Files:
    """Add the generated pages; point every edit link at the file a contributor edits; note the pages' URLs."""
    site: Site = config[_SITE]
    nav_titles = _nav_titles(config.nav)
    for file in files:
        if file.src_uri.endswith(".md"):
            file.edit_uri = f"docs/{file.src_uri}"
    for src_uri, page in site.pages.items():
        if files.get_file_from_path(src_uri) is not None:
            raise PluginError(f"docs/{src_uri} clashes with a generated page of the same path; rename or remove it")
        file = GeneratedFile.generated(config, src_uri, content=page.markdown(), inclusion=InclusionLevel.NOT_IN_NAV)
        file.edit_uri = site.edit_paths.get(src_uri)
        file.stamp = _stamp(page.title, page.html, file.edit_uri or "", nav_titles.get(src_uri) or "",
                            site.checked_up_to)
        GeneratedPage(page, file, config, nav_titles.get(src_uri))  # becomes file.page
        files.append(file)
    for src_uri, content in site.files.items():
        files.append(File.generated(config, src_uri, content=content))
    pages = files.documentation_pages()
    config[_PAGES] = {"" if file.url in (".", "./") else file.url for file in pages}  # each as its Page.url
    config[_BUILT] = set()
    return files


def on_page_content(html: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    """Hand-written pages get glossary tooltips; generated pages are final as the core rendered them."""
    if isinstance(page, GeneratedPage):
        return html
    site: Site = config[_SITE]
    return site.annotate(html, lambda src_uri: files.get_file_from_path(src_uri).url_relative_to(page.file))


@event_priority(100)
def _searchable(context: dict, page: Page, config: MkDocsConfig, nav: Navigation) -> dict:
    """Before the search plugin reads a generated page: the same sections and text, without the markup."""
    config[_BUILT].add(page.url)
    if isinstance(page, GeneratedPage):
        page.content = page.generated.searchable
    return context


@event_priority(-100)
def _readable(context: dict, page: Page, config: MkDocsConfig, nav: Navigation) -> dict:
    """After indexing, before the theme's template: the page's full HTML again."""
    if isinstance(page, GeneratedPage):
        page.content = page.html
    return context


on_page_context = CombinedEvent(_searchable, _readable)


@event_priority(100)
def on_post_build(config: MkDocsConfig) -> None:
    """Keep the preview's search whole. A dirty build indexes only the pages it rebuilt; Material merges them into
    the last index by the first page's path alone, or, in a new process, has no last index to merge into. Here
    the entries of each page this build rendered replace that page's old ones, and pages that are gone lose
    theirs, before the search plugin writes the index."""
    search = config.plugins.get("material/search")
    index = getattr(search, "search_index", None)
    if not _dirty or index is None:
        return
    last = getattr(search, "search_index_prev", None)
    entries = last.entries if last is not None else _written_index(Path(config.site_dir))
    pages, rebuilt = config[_PAGES], config[_BUILT]
    index.entries = [e for e in entries if (url := _page_of(e)) in pages and url not in rebuilt] + index.entries
    search.search_index_prev = None  # merged here: the plugin writes this index as it is


def _page_of(entry: dict) -> str:
    return entry["location"].split("#", 1)[0]


def _written_index(site_dir: Path) -> list[dict]:
    """The entries of the search index the last build wrote, if any (a damaged one counts as none)."""
    try:
        docs = json.loads((site_dir / "search" / "search_index.json").read_text(encoding="utf-8"))["docs"]
    except (OSError, ValueError, KeyError, TypeError):
        return []
    sound = isinstance(docs, list) and all(isinstance(e, dict) and isinstance(e.get("location"), str) for e in docs)
    return docs if sound else []
