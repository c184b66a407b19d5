"""Glossary tooltips: every mention of a term in a page's HTML gets its short definition; the first one links.

One pass over the HTML: text between tags is matched with the knowledge base's term names; text inside links,
code, headings, existing abbreviations and the term's own entry is left alone.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from ..graph import KnowledgeBase
from .text import attribute

_TAG = re.compile(r"(<!--.*?-->|<[^>]*>)", re.S)
_NAME = re.compile(r"<\s*(/?)\s*([a-zA-Z0-9]+)")
_TERM_ATTR = re.compile(r'data-term="([^"]*)"')
SKIPPED = {"a", "abbr", "code", "pre", "kbd", "samp", "h1", "h2", "h3", "h4", "h5", "h6", "script", "style", "svg",
           "button", "select", "option", "textarea", "title", "head", "label"}
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


def annotate_terms(html: str, kb: KnowledgeBase, link: Callable[[str], str], own_term: str | None = None) -> str:
    """``html`` with each term mention wrapped in ``<abbr title=definition>``; ``link(term_id)`` is the relative
    URL of a term's entry, used for its first mention on the page. ``own_term`` is never annotated."""
    matcher = kb.term_names
    if not matcher:
        return html
    out: list[str] = []
    stack: list[tuple[str, bool, str | None]] = []  # (tag, skipped, term whose own entry it is)
    linked: set[str] = set()
    for piece in _TAG.split(html):
        if piece.startswith("<"):
            out.append(piece)
            name = _NAME.match(piece)
            if not name or piece.startswith("<!"):
                continue
            closing, tag = name.group(1) == "/", name.group(2).lower()
            if closing:
                while stack:
                    if stack.pop()[0] == tag:
                        break
            elif tag not in VOID and not piece.endswith("/>"):
                own = _TERM_ATTR.search(piece)
                stack.append((tag, tag in SKIPPED, own.group(1) if own else None))
            continue
        if not piece or any(skipped for _, skipped, _ in stack):
            out.append(piece)
            continue
        excluded = {own_term} | {term for _, _, term in stack if term}
        position = 0
        for mention in matcher.find(piece):
            if mention.target in excluded:
                continue
            term = kb[mention.target]
            words = piece[mention.start:mention.end]
            out.append(piece[position:mention.start])
            abbr = f'<abbr title="{attribute(term.definition)}">{words}</abbr>'
            if mention.target not in linked:
                linked.add(mention.target)
                abbr = f'<a class="kb-term" href="{link(mention.target)}">{abbr}</a>'
            out.append(abbr)
            position = mention.end
        out.append(piece[position:])
    return "".join(out)
