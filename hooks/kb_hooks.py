"""The MkDocs adapter: the only module that imports MkDocs. Each event hands off to the kbsite core.

Per-build state lives on the build's config object, never at module level: `mkdocs serve` keeps this module
loaded across rebuilds. The module-level values are the run's own: whether it builds with --dirty, set once at
startup, and the cache of what the last build read from each record file, which the next build reuses.

One build makes every edition (kbsite/i18n/editions.py): mkdocs.yml's build is the English site; when it is
done, it builds each other language's edition (mkdocs.ja.yml) into a folder of its site, handing it the records
it validated, so the records are read and validated once.
"""

from __future__ import annotations

import importlib
import logging
from pathlib import Path
from typing import TYPE_CHECKING, Any

from mkdocs.exceptions import PluginError
from mkdocs.plugins import CombinedEvent, event_priority
from mkdocs.structure.files import File, InclusionLevel
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import get_toc

import kbsite
from kbsite.history import last_changes
from kbsite.i18n import LANGUAGES, editions
from kbsite.render import Generated, Site, segment
from kbsite.render.pages import KindError
from kb_serve import GeneratedFile, ProblemsSite, merge_search_index, stamp

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.files import Files
    from mkdocs.structure.nav import Navigation

log = logging.getLogger("mkdocs.plugins.kbsite")
_SITE = "kbsite"  # the config key that carries this build's Site from on_pre_build to later events
_PAGES = "kbsite_pages"  # the config key of the URLs of this build's pages, for on_post_build
_BUILT = "kbsite_built"  # the config key of the URLs of the pages this build rendered (a dirty build skips some)
_RECORDS = "kbsite_records"  # the config key of the records and history an edition is handed by the first build
_dirty = False  # whether this run builds with --dirty (make serve)
_serving = False  # whether this run serves a preview (mkdocs serve): problems are then served as a page
_reads = kbsite.ReadCache()  # what the last build read from each record file: `mkdocs serve` reads only edits
_plugins: dict[str, dict[str, Any]] = {}  # each other edition's plugins that MkDocs keeps from build to build


def on_startup(command: str, dirty: bool) -> None:
    """Note whether this run builds with --dirty, for on_post_build, and whether it serves a preview."""
    global _dirty, _serving
    _dirty, _serving = dirty, command == "serve"


def _language(config: MkDocsConfig) -> str:
    return str(config.theme["language"]) if config.theme["language"] in LANGUAGES else LANGUAGES[0]


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    """The edition's language switcher (to the same page in each edition) and its navigation's language."""
    language = _language(config)
    config.extra["alternate"] = editions.alternates(language, config.site_url or "")
    # hreflang links in the pages' heads only where the site has an address (search engines read absolute ones):
    # the theme's script fetches a sitemap beside each such link, which a local or offline copy does not have.
    offline = config.plugins.get("material/offline")
    config.extra["kb_hreflang"] = bool(config.site_url) and not (offline and offline.config.enabled)
    if language != LANGUAGES[0]:
        config.nav = editions.translated_nav(config.nav, language)
    return config


def on_pre_build(config: MkDocsConfig) -> None:
    """Validate and render before MkDocs touches site/, so a broken knowledge base leaves no half-built site."""
    root = Path(config.config_file_path).parent
    try:
        kb, history = config[_RECORDS] if config.get(_RECORDS) else (kbsite.build(root / "kb", root, _reads), None)
        history = history if history is not None else last_changes(root)
        site = Site(kb, history, config.use_directory_urls, _language(config))
    except (kbsite.KnowledgeBaseError, KindError) as error:  # KindError: a kind lacks a piece (its template, ...)
        report = error.report() if isinstance(error, kbsite.KnowledgeBaseError) else str(error)
        if not _serving:
            raise PluginError(report) from None
        log.error("kbsite: the knowledge base has problems; the preview lists them:\n%s", report)
        config[_SITE] = ProblemsSite(report)
        config.extra["kb_checked_up_to"] = ""
        return
    config[_SITE] = site
    config[_RECORDS] = (site.original, site.history)
    config.extra["kb_checked_up_to"] = site.checked_line  # the footer's "Facts checked up to ..." (hooks/theme/)
    log.info("kbsite: %d records, %d generated pages", len(site.kb.records), len(site.pages))


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
    site: Site | ProblemsSite = config[_SITE]
    nav_titles = _nav_titles(config.nav)
    docs = Path(config.docs_dir).relative_to(Path(config.config_file_path).resolve().parent).as_posix()  # docs/ja
    for file in files:
        if file.src_uri.endswith(".md"):
            file.edit_uri = f"{docs}/{file.src_uri}"
    for src_uri, page in site.pages.items():
        if files.get_file_from_path(src_uri) is not None:
            raise PluginError(f"docs/{src_uri} clashes with a generated page of the same path; rename or remove it")
        file = GeneratedFile.generated(config, src_uri, content=page.markdown(), inclusion=InclusionLevel.NOT_IN_NAV)
        file.edit_uri = site.edit_paths.get(src_uri)
        file.stamp = stamp(
            page.title, page.html, file.edit_uri or "", nav_titles.get(src_uri) or "", site.checked_up_to
        )
        GeneratedPage(page, file, config, nav_titles.get(src_uri))  # becomes file.page
        files.append(file)
    for src_uri, content in site.files.items():
        files.append(File.generated(config, src_uri, content=content))
    if _language(config) != LANGUAGES[0]:  # docs/ja/ holds the edition's pages; docs/ its style and scripts,
        shared = Path(config.docs_dir).parent  # and the pages not translated yet, shown in English
        for path in sorted(shared.rglob("*")):
            uri = path.relative_to(shared).as_posix()
            if uri.split("/")[0] == Path(config.docs_dir).name or not path.is_file():
                continue
            if (uri.startswith("assets/") or uri.endswith(".md")) and files.get_file_from_path(uri) is None:
                files.append(File(uri, str(shared), config.site_dir, config.use_directory_urls))
    pages = files.documentation_pages()
    config[_PAGES] = {"" if file.url in (".", "./") else file.url for file in pages}  # each as its Page.url
    config[_BUILT] = set()
    return files


def on_page_content(html: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    """Hand-written pages get glossary tooltips; generated pages are final as the core rendered them."""
    if isinstance(page, GeneratedPage):
        return html
    site: Site | ProblemsSite = config[_SITE]
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
    """Keep the preview's search whole after a dirty build (kb_serve.py says how); then, from the first edition's
    build, build the others."""
    if _dirty:
        merge_search_index(config, config[_PAGES], config[_BUILT])
    _japanese_search(config)
    if _language(config) != LANGUAGES[0] or isinstance(config[_SITE], ProblemsSite):
        return
    root = Path(config.config_file_path).parent
    engine = type(config).__module__.split(".")[0]  # mkdocs, or a fork such as properdocs: it builds them all
    load_config = importlib.import_module(f"{engine}.config").load_config
    build = importlib.import_module(f"{engine}.commands.build").build
    # MkDocs keeps the plugins that have a start-up event (search among them) in one cache for every config it
    # loads, so that `mkdocs serve` reuses them: each edition needs its own, or its search index is the English.
    plugins = dict(type(config)._schema)["plugins"]
    for language in editions.languages()[1:]:
        shared, plugins.plugin_cache = plugins.plugin_cache, _plugins.setdefault(language, {})
        try:
            edition = load_config(
                str(root / f"mkdocs.{language}.yml"),
                site_dir=str(Path(config.site_dir) / editions.root(language)),
                site_url=(config.site_url or "") + editions.root(language) if config.site_url else None,
                strict=config.strict,
            )
        finally:
            plugins.plugin_cache = shared
        edition[_RECORDS] = config[_RECORDS]
        edition.plugins.on_startup(command="serve" if _serving else "build", dirty=_dirty)
        try:
            build(edition, dirty=_dirty)
        finally:
            edition.plugins.on_shutdown()


def _japanese_search(config: MkDocsConfig) -> None:
    """An edition whose search plugin lists the fields of Japanese terms (mkdocs.ja.yml): its entries get them,
    before the plugin writes the index (kbsite/render/segment.py says why)."""
    search = config.plugins.get("material/search")
    index = getattr(search, "search_index", None)
    if search is None or index is None or not set(segment.FIELDS) <= set(search.config.fields):
        return
    index.entries = [segment.with_terms(entry) for entry in index.entries]
