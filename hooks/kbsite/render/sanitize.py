"""The last line of defence for contributor text: generated HTML is cleaned to an allowlist with nh3."""

from __future__ import annotations

import nh3

TAGS = {
    "a", "abbr", "blockquote", "br", "code", "dd", "del", "details", "div", "dl", "dt", "em", "h1", "h2", "h3",
    "h4", "h5", "h6", "hr", "li", "ol", "p", "pre", "span", "strong", "sub", "summary", "sup", "table", "tbody",
    "td", "tfoot", "th", "thead", "tr", "ul", "img", "figure", "figcaption", "form", "label", "select", "option", "output",
}
"""What Markdown, our templates and the theme's Markdown extensions produce on a record page."""

ATTRIBUTES = {
    "*": {"class", "id", "title", "lang", "hidden"},
    "select": {"name"},
    "option": {"value"},
    "output": {"aria-live"},
    "a": {"href"},
    "img": {"src", "alt", "width", "height"},
    "td": {"align"},
    "th": {"align"},
    "ol": {"start"},
}

URL_SCHEMES = {"http", "https"}
"""Links may be relative (other pages) or http(s); javascript:, data: and the rest are dropped."""


PROSE_TAGS = {"a", "abbr", "blockquote", "br", "code", "del", "em", "hr", "li", "ol", "p", "pre", "strong", "sub",
              "sup", "ul", "h2", "h3", "h4", "h5", "h6", "table", "thead", "tbody", "tr", "th", "td"}
"""What a contributor's Markdown field may become."""


def clean_prose(html: str) -> str:
    """A Markdown field rendered to HTML, cut down to the prose allowlist: no scripts, handlers or odd links."""
    return nh3.clean(html, tags=PROSE_TAGS, attributes={"*": set(), "a": {"href"}, "ol": {"start"}}, url_schemes=URL_SCHEMES,
                     link_rel=None, strip_comments=True, clean_content_tags={"script", "style"})


def clean_page(html: str) -> str:
    """A generated page's HTML with every tag, attribute and link scheme outside the allowlists removed."""
    return nh3.clean(
        html, tags=TAGS, attributes=ATTRIBUTES, url_schemes=URL_SCHEMES, link_rel=None, strip_comments=True,
        clean_content_tags={"script", "style"}, generic_attribute_prefixes={"data-"},
    )
