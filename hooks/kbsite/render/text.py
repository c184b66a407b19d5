"""Formatting record values for pages: dates, rates, time zones, relative URLs, safe Markdown text."""

from __future__ import annotations

import datetime
import html
import json
import re
import unicodedata
from datetime import date as Day

from markupsafe import Markup

from ..i18n import current, t
from ..types import PartialDate

_RAW_HTML = re.compile(r"<(?!https?://[^\s<>]+>)")
"""A '<' that does not open an autolink; the look-ahead stops at the next '<', so the scan stays linear."""

ZONES = {
    "America/New_York": "US Eastern time",
    "Asia/Tokyo": "Japan time",
    "Europe/Brussels": "Brussels time",
    "Asia/Seoul": "Korea time",
    "Asia/Ho_Chi_Minh": "Vietnam time",
    "Europe/Rome": "Rome time",
}


def prose_source(value: str) -> str:
    """A Markdown field's source with raw HTML shown as text; the rendered result is sanitized as well."""
    return _RAW_HTML.sub("&lt;", str(value).strip())


def title_html(value: str) -> str:
    """A page title as the theme prints it, unescaped: so it is HTML-escaped here."""
    return html.escape(" ".join(value.split()), quote=True)


def front_matter_title(value: str) -> str:
    """A page title for front matter (see :func:`title_html`)."""
    return json.dumps(title_html(value), ensure_ascii=False)


def date(value: PartialDate | None) -> str:
    """A partial date at its own precision: '2025', 'April 2025', '16 April 2025'."""
    return value.human() if value else ""


def date_html(value: PartialDate | datetime.date | None) -> Markup:
    """A date as a page shows it, in a ``<time>`` element whose ``datetime`` is the ISO form at the date's own
    precision: ``<time datetime="2025-04">April 2025</time>``. For HTML text only: attributes, feeds, CSV, JSON,
    SVG and the search text take :func:`date` or :func:`day`."""
    if not value:
        return Markup("")
    if isinstance(value, PartialDate):
        return Markup('<time datetime="{}">{}</time>').format(str(value), value.human())
    return day_html(value)


def day_html(value: datetime.date) -> Markup:
    """A datetime.date as :func:`date_html` shows a day: ``<time datetime="2025-04-16">16 April 2025</time>``."""
    return Markup('<time datetime="{}">{}</time>').format(value.isoformat(), day(value))


def month(value: PartialDate) -> str:
    """The month of a dated fact, as a heading names it: 'April 2025' (in Japanese '2025年4月')."""
    return PartialDate(value.year, value.month).human()


def day(value) -> str:  # type: ignore[no-untyped-def]
    """A datetime.date as '16 April 2025' (in Japanese '2025年4月16日')."""
    return PartialDate(value.year, value.month, value.day).human()


def percent(value: float | int) -> str:
    """15 -> '15%', 2.5 -> '2.5%'."""
    return f"{value:g}%"


def zone(name: str) -> str:
    """A time zone as readers say it."""
    return t(ZONES[name]) if name in ZONES else name


def moment(day: str, time: str | None = None, tz: str | None = None) -> str:
    """A formatted date with its time of day and time zone beside it: '16 April 2025, 00:01 (US Eastern time)'."""
    text = t("{date}, {time}", date=day, time=time) if time else day
    return t("{when} ({zone})", when=text, zone=zone(tz)) if tz else text


def moment_html(day: Markup, time: str | None = None, tz: str | None = None) -> Markup:
    """:func:`moment` for HTML: the date a ``<time>`` element (:func:`date_html`)."""
    text = html_t("{date}, {time}", date=day, time=time) if time else day
    return html_t("{when} ({zone})", when=text, zone=zone(tz)) if tz else text


def and_list(items: list[str]) -> str:
    """'A', 'A and B', 'A, B and C' (in Japanese 'A、BとC')."""
    if len(items) < 2:
        return "".join(items)
    return t("{items} and {last}", items=t(", ").join(items[:-1]), last=items[-1])


def sentences(items: list[str]) -> str:
    """Sentences one after the other: spaced in English, run on in Japanese."""
    text = items[0] if items else ""
    for item in items[1:]:
        text = t("{sentences} {sentence}", sentences=text, sentence=item)
    return text


def html_t(english: str, /, **values: object) -> Markup:
    """:func:`t` for HTML: the catalogue's text is trusted like a literal in the code, each value escaped unless it
    is markup already (a link)."""
    return Markup(t(english)).format(**values)


def short_month(value: Day) -> str:
    """The month of a chart's axis tick: 'Apr 2025' (in Japanese '2025年4月')."""
    return value.strftime("%b %Y") if current() == "en" else month(PartialDate(value.year, value.month))


def text_width(text: str, narrow: float) -> float:
    """About how wide a line of text is drawn, ``narrow`` per Latin letter and twice that per wide (CJK) one."""
    return sum(2 * narrow if unicodedata.east_asian_width(ch) in "WF" else narrow for ch in text)


def page_url(src_uri: str, directory_urls: bool) -> str:
    """Where MkDocs serves a source file: 'people/x.md' -> 'people/x/' or 'people/x.html'; other files as they are."""
    if not src_uri.endswith(".md"):
        return src_uri
    stem = src_uri[:-3]
    if not directory_urls:
        return f"{stem}.html"
    if stem == "index" or stem.endswith("/index"):
        return stem[:-5]
    return f"{stem}/"


def root_prefix(src_uri: str, directory_urls: bool) -> str:
    """The relative path from a page back to the site root ('../../' for 'people/x/')."""
    return "../" * page_url(src_uri, directory_urls).count("/")


def relative_url(from_src: str, to_src: str, directory_urls: bool) -> str:
    """The link from one generated page to another page or file, relative, as the built site needs it."""
    base = page_url(from_src, directory_urls).split("/")[:-1]  # the folder the page is served from
    target = page_url(to_src, directory_urls).split("/")
    common = 0
    while common < len(base) and common < len(target) - 1 and base[common] == target[common]:
        common += 1
    return "../" * (len(base) - common) + "/".join(target[common:]) or "./"


_JAPANESE_MULTIPLES = (("十億", 10, "億"), ("百万", 100, "万"))
"""Units whose Japanese starts with a power of ten Japanese does not count in: 550 十億米ドル is 5,500億米ドル."""


def quantity(amount: float | int, unit: str | None) -> str:
    """An amount with its unit as readers write it: '550 billion USD', '15 percent'; in Japanese '5,500億米ドル',
    '15%' (no space, and counted in 万 and 億)."""
    if current() != "ja" or not unit:
        return f"{amount:g} {unit}" if unit else f"{amount:g}"
    for prefix, factor, word in _JAPANESE_MULTIPLES:
        if unit.startswith(prefix):
            return f"{round(amount * factor, 6):,g}{word}{unit[len(prefix) :]}"
    return f"{amount:g}{unit}"
