"""What `make serve` (``mkdocs serve --dirty``) needs beyond a build, kept apart from the adapter's build events.

It works around three behaviours of MkDocs 1.6 and Material 9:

- ``--dirty`` rebuilds a page when its source file is newer than its built page. Generated pages have no source
  file, so MkDocs would rebuild all of them, or none. :class:`GeneratedFile` counts as modified only when the page
  already built lacks the stamp (:func:`stamp`: a digest of everything the page is built from) that this build
  gives it. Proved by tests/test_editing.py::test_preview_rebuilds_only_the_pages_an_edit_changes.
- Material's search plugin, on a dirty build, indexes only the pages rebuilt and merges them into the last index
  by the first page's path alone (or, in a new process, has no last index at all), so the preview's search
  loses pages or holds them twice. :func:`merge_search_index` replaces each rebuilt page's entries and drops
  those of pages that are gone. Proved by tests/test_editing.py::test_preview_search_matches_a_full_build_after_an_edit.
- A build that fails leaves `mkdocs serve` showing the last good site (or nothing, on its first build) with the
  problems in the terminal only. While serving, a knowledge base with problems is served instead as one page
  that lists them, in the same ``path:line:col: field: message`` lines as `make check` (:class:`ProblemsSite`);
  the next save that fixes them serves the site again. Proved by
  tests/test_serve.py::test_serve_shows_the_problems_and_recovers_on_the_next_save.
"""

from __future__ import annotations

import hashlib
import html
import json
import os
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from mkdocs.structure.files import File

from kbsite.render import Generated

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig


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


def stamp(*inputs: str) -> str:
    """The closing comment of a generated page: a digest of what it is built from."""
    digest = hashlib.blake2b(digest_size=16)
    for part in inputs:
        digest.update(part.encode())
        digest.update(b"\0")
    return f"\n<!-- kbsite {digest.hexdigest()} -->\n"


def merge_search_index(config: MkDocsConfig, pages: set[str], rebuilt: set[str]) -> None:
    """Keep the preview's search whole. A dirty build indexes only the pages it rebuilt; Material merges them into
    the last index by the first page's path alone, or, in a new process, has no last index to merge into. Here
    the entries of each page this build rendered (``rebuilt``) replace that page's old ones, and pages that are
    gone (not in ``pages``) lose theirs, before the search plugin writes the index."""
    search = config.plugins.get("material/search")
    index = getattr(search, "search_index", None)
    if search is None or index is None:
        return
    last = getattr(search, "search_index_prev", None)
    entries = last.entries if last is not None else _written_index(Path(config.site_dir))
    index.entries = [e for e in entries if (url := _page_of(e)) in pages and url not in rebuilt] + index.entries
    search.search_index_prev = None  # merged here: the plugin writes this index as it is


def _page_of(entry: dict[str, Any]) -> str:
    return str(entry["location"]).split("#", 1)[0]


def _written_index(site_dir: Path) -> list[dict[str, Any]]:
    """The entries of the search index the last build wrote, if any (a damaged one counts as none)."""
    try:
        docs = json.loads((site_dir / "search" / "search_index.json").read_text(encoding="utf-8"))["docs"]
    except (OSError, ValueError, KeyError, TypeError):
        return []
    sound = isinstance(docs, list) and all(isinstance(e, dict) and isinstance(e.get("location"), str) for e in docs)
    return docs if sound else []


class ProblemsSite:
    """What `make serve` serves while the knowledge base has problems: the home page lists them, nothing else is
    generated. It offers what the adapter reads from a Site."""

    checked_up_to = ""
    files: dict[str, str] = {}
    edit_paths: dict[str, str] = {}

    def __init__(self, report: str) -> None:
        lines = [line for line in report.splitlines() if line.strip()]
        items = "\n".join(f"<li><code>{html.escape(line)}</code></li>" for line in lines)
        body = (
            '<h1 id="problems">The knowledge base has problems</h1>\n'
            "<p>The preview shows the site again once they are fixed: save the file and this page reloads.</p>\n"
            f'<ul class="kb-problems">\n{items}\n</ul>\n'
        )
        self.pages = {"index.md": Generated.of("Problems", body)}

    @property
    def record_count(self) -> int:
        return 0

    def annotate(self, page_html: str, link: Callable[[str], str]) -> str:
        return page_html
