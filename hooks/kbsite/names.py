"""Finding the names of records and terms in running text, in one left-to-right pass.

All names are compiled into one regular expression shaped like a trie (names that share a beginning share
its branch), so the scan reads the text once and, at each position, follows at most one branch per next
character: the cost grows with the length of the text, not with the number of names.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from typing import Any
from dataclasses import dataclass
from functools import cached_property

_WORD = re.compile(r"\w+")

_REFERENCE = re.compile(r"&(?:#[0-9]{1,8}|#[xX][0-9a-fA-F]{1,8}|[a-zA-Z][a-zA-Z0-9]{0,31});")
"""A character reference (``&amp;``, ``&#39;``), which HTML and Markdown both read as one character."""


def cuts_reference(text: str, start: int, end: int) -> bool:
    """Whether text[start:end] begins, ends or lies inside a character reference: a name 'amp' in ``&amp;``, which
    a link or tooltip around it would turn into the text "&amp;" that readers then see."""
    near = max(0, start - 40)
    if text.find("&", near, end) < 0:
        return False
    return any(found.start() < end and found.end() > start for found in _REFERENCE.finditer(text, near, end + 40))


MAX_NAME = 200
"""Longer names are not looked for in running text: nobody writes them out, and each character of a name is one
level of the trie (and of the compiled pattern's nesting)."""


@dataclass(frozen=True)
class Mention:
    """A name found in a text."""

    start: int
    end: int
    target: str
    """The id of the record or term the name belongs to."""


def _case_sensitive(name: str) -> bool:
    """'US', 'MA' and 'Scott Bessent' must match as written; 'reciprocal tariff' and 'Autos' in any case."""
    letters = [ch for ch in name if ch.isalpha()]
    return any(ch.isupper() for ch in letters[1:])


def _shape(text: str) -> str:
    return " ".join(text.split())


def _core(name: str) -> str:
    """The name from its first to its last word character ('U.S.' -> 'U.S')."""
    words = list(_WORD.finditer(name))
    return _shape(name[words[0].start() : words[-1].end()]) if words else ""


def _trie_pattern(names: Iterable[str]) -> str:
    trie: dict[str, Any] = {}
    for name in names:
        node = trie
        for char in name:
            node = node.setdefault(char, {})
        node[""] = {}

    def branch(node: dict[str, Any]) -> str:
        alternatives = [
            (r"\s+" if char == " " else re.escape(char)) + branch(child) for char, child in sorted(node.items()) if char
        ]
        if not alternatives:
            return ""
        body = alternatives[0] if len(alternatives) == 1 else "(?:" + "|".join(alternatives) + ")"
        return f"(?:{body})?" if "" in node else body

    return branch(trie)


class Matcher:
    """Finds the longest known name at each position, leftmost first, never overlapping, on word boundaries, and
    never inside a character reference (the text may be HTML or Markdown)."""

    def __init__(self, names: Iterable[tuple[str, str]]) -> None:
        """``names`` are (name, target id) pairs. A name claimed by two targets is ambiguous and left out."""
        owners: dict[str, set[str]] = {}
        shapes: dict[str, str] = {}
        for name, target in names:
            core = _core(name)
            if not 2 <= len(core) <= MAX_NAME:
                continue
            key = core.casefold()
            owners.setdefault(key, set()).add(target)
            shapes.setdefault(key, core)
        self._names = {
            key: (shapes[key], _case_sensitive(shapes[key]), next(iter(targets)))
            for key, targets in owners.items()
            if len(targets) == 1
        }
        self._pattern = rf"(?<!\w)(?:{_trie_pattern(sorted(key.lower() for key in self._names))})(?!\w)"
        self._regex = re.compile(self._pattern) if self._names else None

    @cached_property
    def _regex_any_case(self) -> re.Pattern[str]:
        """For the rare text whose lower-case copy changes length ('İ'), where offsets would not survive."""
        return re.compile(self._pattern, re.IGNORECASE)

    def find(self, text: str) -> Iterator[Mention]:
        """Every mention in ``text``, in order."""
        if self._regex is None:
            return
        references = "&" in text
        lowered = text.lower()  # a case-sensitive scan of a lower-cased copy is much faster than IGNORECASE...
        regex = self._regex if len(lowered) == len(text) else self._regex_any_case  # ...where offsets survive
        for match in regex.finditer(lowered if regex is self._regex else text):
            span = _shape(text[match.start() : match.end()])
            found = self._names.get(span.casefold())
            if found is None:  # lower() and casefold() disagree on this text; leave it unmatched
                continue
            shape, exact, target = found
            if references and cuts_reference(text, match.start(), match.end()):
                continue
            if not exact or span == shape:
                yield Mention(match.start(), match.end(), target)
