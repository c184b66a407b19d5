"""kbsite: typed YAML fact records in kb/ become a validated, cross-linked static site.

The pipeline runs in one direction; each step is a module:

    kb/**/*.yml
      -> load      yamlfile.py   strict YAML -> plain data; line/column positions when a message needs them
      -> validate  validate.py   plain data -> typed, frozen records (models.py); per-record rules (files read
                                 in parallel), then cross-record rules; ALL problems collected, then raised once
                                 as KnowledgeBaseError
      -> graph     graph.py      KnowledgeBase: records by id and kind, backlinks, timeline (timeline.py); read-only
      -> render    render/       pure: KnowledgeBase -> independent jobs, spread over the cores (parallel.py), that
                                 make the pages as final HTML (autoescaped templates/, prose through Markdown + nh3,
                                 glossary tooltips) and the files (charts, schemas, exports)
      -> adapter   ../kb_hooks.py  MkDocs events add the pages (each a Page whose HTML and table of contents
                                 come from the core: MkDocs converts no Markdown for them; the search index reads a
                                 markup-free view), the files and edit URLs; hand-written pages get tooltips
      -> MkDocs    nav, theme, search index, site/

Beside the pipeline: names.py (one-pass name matching), tariffs.py (what applied when), labels.py (how enum
values read), scaffold.py (`new`), history.py (last changes from git), schemas.py (JSON Schemas). The core never imports MkDocs:
``python -m kbsite pages OUT/`` writes the same pages as Markdown files for any other generator.
"""

from __future__ import annotations

from pathlib import Path

from . import htslists
from .graph import KnowledgeBase
from .problems import KnowledgeBaseError, Problem
from .validate import ReadCache, load, read_settings

__all__ = ["KnowledgeBase", "KnowledgeBaseError", "Problem", "ReadCache", "build"]


def build(kb_dir: Path, root: Path | None = None, cache: ReadCache | None = None) -> KnowledgeBase:
    """Load and validate every record under ``kb_dir``; raise one KnowledgeBaseError listing every problem.

    ``root`` is the folder paths in messages are relative to (the project root, by default kb_dir's parent).
    ``cache``, handed to every build of a process that builds again and again, spares reading unchanged files.
    """
    root = root if root is not None else kb_dir.parent
    settings, problems = read_settings(kb_dir, root)
    records, paths, found = load(kb_dir, root, cache)
    lists, listed = htslists.check(kb_dir, root, paths)
    if problems or found or listed:
        raise KnowledgeBaseError(problems + found + listed)
    return KnowledgeBase(records, paths, settings, str(root), lists=lists)
