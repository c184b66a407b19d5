"""Glossary tooltips: every mention of a term in a page's HTML gets its short definition; the first one links.

The term names are found in one pass over the whole HTML; a mention is kept only where a reader sees it as
text: inside one text node (never across or inside a tag, never cutting a character reference such as
``&amp;``), not inside a link, code, heading or existing abbreviation, and not inside the term's own entry.
"""

from __future__ import annotations

import bisect
import html as html_module
import re
from collections.abc import Callable

from ..graph import KnowledgeBase
from ..models import Term

SKIPPED = (
    "a",
    "abbr",
    "code",
    "pre",
    "kbd",
    "samp",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "script",
    "style",
    "svg",
    "button",
    "select",
    "textarea",
    "label",
    "title",
    "head",
)
_SKIPPED_ELEMENT = re.compile(rf"<({'|'.join(SKIPPED)})\b[^>]*>.*?</\1\s*>", re.S | re.I)
_MARKUP = re.compile(r"[<>&]")
_OWN_ENTRY = re.compile(r'<(div)\b[^>]*\bdata-term="([^"]*)"[^>]*>.*?</div>', re.S)


def _inside(ranges: list[tuple[int, int]], starts: list[int], position: int) -> bool:
    index = bisect.bisect_right(starts, position) - 1
    return index >= 0 and ranges[index][0] <= position < ranges[index][1]


def _cuts_markup(html: str, start: int, end: int) -> bool:
    """Whether wrapping html[start:end] would cut markup: the span holds a tag's or a reference's characters (the
    matcher already leaves out names inside a character reference, such as a term 'amp' in ``&amp;``)."""
    return _MARKUP.search(html, start, end) is not None


def annotate_terms(html: str, kb: KnowledgeBase, link: Callable[[str], str], own_term: str | None = None) -> str:
    """``html`` with each term mention wrapped in ``<abbr title=definition>``; ``link(term_id)`` is the relative
    URL of a term's entry, used for its first mention on the page. ``own_term`` is never annotated."""
    mentions = [m for m in kb.term_names.find(html) if m.target != own_term]
    if not mentions:
        return html
    skipped = [match.span() for match in _SKIPPED_ELEMENT.finditer(html)]
    skipped_starts = [start for start, _ in skipped]
    own = [(match.start(), match.end(), match.group(2)) for match in _OWN_ENTRY.finditer(html)]
    out: list[str] = []
    position = 0
    linked: set[str] = set()
    for mention in mentions:
        start = mention.start
        if html.rfind("<", 0, start) > html.rfind(">", 0, start):  # inside a tag or an attribute
            continue
        if _cuts_markup(html, start, mention.end):
            continue
        if _inside(skipped, skipped_starts, start):
            continue
        if any(a <= start < b and term == mention.target for a, b, term in own):
            continue
        term = kb[mention.target]
        assert isinstance(term, Term)
        words = html[start : mention.end]
        abbr = f'<abbr title="{html_module.escape(term.definition, quote=True)}">{words}</abbr>'
        if mention.target not in linked:
            linked.add(mention.target)
            abbr = f'<a class="kb-term" href="{link(mention.target)}">{abbr}</a>'
        out += [html[position:start], abbr]
        position = mention.end
    out.append(html[position:])
    return "".join(out)
