"""The one place contributor Markdown becomes HTML that is trusted: rendered prose is cut down with nh3.

Everything else on a generated page comes from autoescaping Jinja templates, so prose is the only contributor
text that can carry markup at all.
"""

from __future__ import annotations

import nh3

PROSE_TAGS = {
    "a",
    "abbr",
    "blockquote",
    "br",
    "code",
    "del",
    "em",
    "hr",
    "li",
    "ol",
    "p",
    "pre",
    "strong",
    "sub",
    "sup",
    "ul",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "table",
    "thead",
    "tbody",
    "tr",
    "th",
    "td",
}
"""What a contributor's Markdown field may become."""

URL_SCHEMES = {"http", "https"}
"""Links may be relative (other pages) or http(s); javascript:, data: and the rest are dropped."""


def clean_prose(html: str) -> str:
    """A Markdown field rendered to HTML, cut down to the prose allowlist: no scripts, handlers, titles or odd links."""
    return nh3.clean(
        html,
        tags=PROSE_TAGS,
        attributes={"*": set(), "a": {"href"}, "ol": {"start"}},
        url_schemes=URL_SCHEMES,
        link_rel=None,
        strip_comments=True,
        clean_content_tags={"script", "style"},
    )
