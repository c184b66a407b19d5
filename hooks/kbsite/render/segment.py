"""Search terms for Japanese text, which has no spaces between words.

The theme's search (lunr in the browser) splits text at its separator (spaces and Japanese punctuation), so a
Japanese sentence would be one token, and it matches a query by prefix: the query 相互関税 becomes 相互関税*.
Here each search entry gets two more fields (``ja_title``, ``ja_text``) holding, for every run of kanji, each
of its suffixes (up to ``LONGEST`` characters: 対日相互関税 gives 対日相互関税, 日相互関税, 相互関税, 互関税, 関税, 税)
and every katakana word whole (ラトニック). A query that starts where a word of the text starts (相互関税, 関税,
赤澤, ラトニック) then finds every entry whose text contains it, without a dictionary and the same at every build.
The fields are indexed but never shown: the result still shows the title and text as they are.

The theme's search worker, before matching, cuts a kanji query into the longest pieces it finds in its index;
with these fields in the index, 相互関税 is such a piece, and stays whole.

Entries of the pages about a thing (a person, a measure, a glossary term...) get ``BOOST``: a query for a name
lists the page about it before the many records that mention it (claims and events begin with 赤澤は...).
"""

from __future__ import annotations

import re
from typing import Any

LONGEST = 12
"""The longest suffix of a kanji run indexed: a longer query matches nothing."""

BOOST = 2.0
THINGS = frozenset(
    {"agreements", "glossary", "jurisdictions", "measures", "organizations", "people", "products", "topics"}
)
"""The first path segment of the pages about a thing (the others report what was said or done: claims, events,
meetings, sources, contested points)."""

FIELDS = {"ja_title": {"boost": 1000.0}, "ja_text": {"boost": 1.0}}
"""The search plugin's `fields` for the two fields (the theme weighs titles 1000 to the text's 1)."""

_KANJI = "\u3005\u3006\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_KATAKANA = "\u30a1-\u30fa\u30fc-\u30ff\uff66-\uff9f"
_WORD = re.compile(f"[{_KANJI}]+|[{_KATAKANA}]+")
_TAG = re.compile(r"<[^>]*>")


def terms(text: str) -> str:
    """The Japanese search terms of a text, space-separated: every suffix of each kanji run, each katakana word."""
    found: list[str] = []
    for match in _WORD.finditer(_TAG.sub(" ", text)):
        word = match.group(0)
        if word[0] in "\u3005\u3006" or "\u3400" <= word[0] <= "\ufaff":
            found.extend(word[i : i + LONGEST] for i in range(len(word)))
        else:
            found.append(word)
    return " ".join(found)


def with_terms(entry: dict[str, Any]) -> dict[str, Any]:
    """A search entry (location, title, text...) with its Japanese terms, and its boost if it is about a thing."""
    entry = {**entry, "ja_title": terms(str(entry.get("title", ""))), "ja_text": terms(str(entry.get("text", "")))}
    if str(entry.get("location", "")).split("/", 1)[0] in THINGS and "boost" not in entry:
        entry["boost"] = BOOST
    return entry
