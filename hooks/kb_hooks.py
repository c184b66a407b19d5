"""The MkDocs adapter: the only module that imports MkDocs. Each event hands off to the kbsite core.

Per-build state lives on the build's config object, never at module level: `mkdocs serve` keeps this module
loaded across rebuilds.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import TYPE_CHECKING

from mkdocs.exceptions import PluginError
from mkdocs.plugins import CombinedEvent, event_priority
from mkdocs.structure.files import File, InclusionLevel

import kbsite
from kbsite.history import last_changes
from kbsite.render import Site

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.files import Files
    from mkdocs.structure.nav import Navigation
    from mkdocs.structure.pages import Page

log = logging.getLogger("mkdocs.plugins.kbsite")
_SITE = "kbsite"  # the config key that carries this build's Site from on_pre_build to later events


def on_pre_build(config: MkDocsConfig) -> None:
    """Validate and render before MkDocs touches site/, so a broken knowledge base leaves no half-built site."""
    root = Path(config.config_file_path).parent
    try:
        site = Site(kbsite.build(root / "kb", root), last_changes(root), config.use_directory_urls)
    except kbsite.KnowledgeBaseError as error:
        raise PluginError(error.report()) from None
    config[_SITE] = site
    log.info("kbsite: %d records, %d generated pages", len(site.kb.records), len(site.pages))


def on_files(files: Files, config: MkDocsConfig) -> Files:
    """Add the generated pages; point every edit link at the file a contributor edits."""
    site: Site = config[_SITE]
    for file in files:
        if file.src_uri.endswith(".md"):
            file.edit_uri = f"docs/{file.src_uri}"
    for src_uri, page in site.pages.items():
        if files.get_file_from_path(src_uri) is not None:
            raise PluginError(f"docs/{src_uri} clashes with a generated page of the same path; rename or remove it")
        file = File.generated(config, src_uri, content=page.skeleton(), inclusion=InclusionLevel.NOT_IN_NAV)
        file.edit_uri = site.edit_paths.get(src_uri)
        files.append(file)
    for src_uri, content in site.files.items():
        files.append(File.generated(config, src_uri, content=content))
    return files


def on_page_content(html: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    """Generated pages take the HTML the core rendered; hand-written ones get glossary tooltips."""
    site: Site = config[_SITE]
    return site.finish_html(html, page.file.src_uri,
                            lambda src_uri: files.get_file_from_path(src_uri).url_relative_to(page.file))


@event_priority(100)
def _searchable(context: dict, page: Page, config: MkDocsConfig, nav: Navigation) -> dict:
    """Before the search plugin reads a generated page: the same sections and text, without the markup."""
    generated = config[_SITE].pages.get(page.file.src_uri)
    if generated is not None:
        page.content = generated.searchable
    return context


@event_priority(-100)
def _readable(context: dict, page: Page, config: MkDocsConfig, nav: Navigation) -> dict:
    """After indexing, before the theme's template: the page's full HTML again."""
    generated = config[_SITE].pages.get(page.file.src_uri)
    if generated is not None:
        page.content = generated.html
    return context


on_page_context = CombinedEvent(_searchable, _readable)

