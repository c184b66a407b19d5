"""`make translated`: record, beside each translation, the English it was made from (``ja_of``, a digest).

A translation with no digest gets the digest of its present English. A stale one (its digest names an earlier
English) keeps its digest, so that it stays marked stale, unless its file is named: naming a file says "I have
translated its texts again". The file is edited line by line, its comments and layout kept.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path

from ..graph import KnowledgeBase
from ..types import TRANSLATIONS, digest
from ..yamlfile import Document, load
from .records import texts

_KEY = re.compile(r"^(?P<indent>\s*)(?:- )?(?P<key>[a-z]{2}):")


def stamp(kb: KnowledgeBase, root: Path, restamp: Iterable[str] = ()) -> dict[str, int]:
    """Write the missing digests (and, in the files of ``restamp``, the stale ones); the count per file."""
    again = {Path(path).as_posix() for path in restamp}
    written: dict[str, int] = {}
    for record_id, shown in kb.paths.items():
        record = kb[record_id]
        edits: list[tuple[int, str | None, str]] = []  # (line, existing digest's line or None, new line text)
        document = None
        for path, text in texts(record):
            for language in TRANSLATIONS:
                if language not in text.translations:
                    continue
                made_from = text.made_from.get(language)
                if made_from == digest(text) or (made_from is not None and shown not in again):
                    continue
                document = document or _document(root, shown)
                if document is None:
                    continue
                edits.append(_edit(document, (*path, language), (*path, f"{language}_of"), digest(text), made_from))
        if edits and document is not None:
            lines = document.text.split("\n")
            for line, replace, new in sorted(edits, reverse=True):
                if replace is not None:
                    lines[line] = new
                else:
                    lines.insert(line, new)
            (root / shown).write_text("\n".join(lines), encoding="utf-8")
            written[shown] = len(edits)
    return written


def _document(root: Path, shown: str) -> Document | None:
    loaded = load(str(root / shown), shown)
    return loaded if isinstance(loaded, Document) else None


def _edit(
    document: Document, text_loc: tuple[str | int, ...], digest_loc: tuple[str | int, ...], value: str, old: str | None
) -> tuple[int, str | None, str]:
    lines = document.text.split("\n")
    if old is not None and digest_loc in document.positions:
        line = document.positions[digest_loc][0] - 1
        return line, "replace", re.sub(r"[0-9a-f]{8}", value, lines[line], count=1)
    line = document.positions[text_loc][0] - 1
    match = _KEY.match(lines[line])
    if not match:
        raise ValueError(f"{document.path}:{line + 1}: write the translation as a block mapping to stamp it")
    indent = match["indent"] + ("  " if lines[line].lstrip().startswith("- ") else "")
    return line, None, f"{indent}{text_loc[-1]}_of: '{value}'"  # quoted: all digits would read as a number
