"""Finding the names of records and terms in running text: one left-to-right pass over the text's words.

A name is looked up by its first word in a dictionary, then checked word by word, so the cost grows with the
length of the text (times the words of the longest name), not with the number of names.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

_WORD = re.compile(r"\w+")


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


class Matcher:
    """Finds the longest known name at each word, leftmost first, never overlapping."""

    def __init__(self, names: Iterable[tuple[str, str]]) -> None:
        """``names`` are (name, target id) pairs. A name claimed by two targets is ambiguous and left out."""
        owners: dict[str, set[str]] = {}
        for name, target in names:
            words = _WORD.findall(name)
            if not words or len(name) < 2:
                continue
            core = name[_WORD.search(name).start():]  # type: ignore[union-attr]
            core = core[: max(m.end() for m in _WORD.finditer(core))]
            owners.setdefault(_shape(core), set()).add(target)
        self._by_first: dict[str, list[tuple[int, str, bool, str]]] = {}
        for shape, targets in owners.items():
            if len(targets) != 1:
                continue
            words = _WORD.findall(shape)
            self._by_first.setdefault(words[0].casefold(), []).append(
                (len(words), shape, _case_sensitive(shape), next(iter(targets)))
            )
        for candidates in self._by_first.values():
            candidates.sort(key=lambda c: (-c[0], c[1]))

    def __bool__(self) -> bool:
        return bool(self._by_first)

    def find(self, text: str) -> Iterator[Mention]:
        """Every mention in ``text``, in order."""
        words = list(_WORD.finditer(text))
        index = 0
        while index < len(words):
            found = self._match(text, words, index)
            if found:
                count, mention = found
                yield mention
                index += count
            else:
                index += 1

    def _match(self, text: str, words: list[re.Match[str]], index: int) -> tuple[int, Mention] | None:
        for count, shape, exact, target in self._by_first.get(words[index].group().casefold(), ()):
            if index + count > len(words):
                continue
            start, end = words[index].start(), words[index + count - 1].end()
            span = _shape(text[start:end])
            if span == shape or (not exact and span.casefold() == shape.casefold()):
                return count, Mention(start, end, target)
        return None
