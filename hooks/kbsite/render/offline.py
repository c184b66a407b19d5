"""The offline copy's link, on the home and about pages: "Download the offline copy", with its size and date.

The zip (``make offline``) holds a build of the site, so its size cannot be known while the site that links to it
is built: ``make publish`` builds the offline copy first and passes its size to the site's build in
``KB_OFFLINE_BYTES`` (publishing.py). Without it (a plain ``make site``) the link gives the date alone. The date is
the knowledge base's as-of date, never the clock. Inside the offline copy itself (``OFFLINE=true``) there is no zip
beside the pages to link to: the paragraph says that this is the offline copy instead.
"""

from __future__ import annotations

from datetime import date

from markupsafe import Markup

from .. import publishing
from ..i18n import current, editions, t
from . import text as fmt

MARKER = '<p class="kb-offline"></p>'
"""Where a hand-written page (docs/about.md) wants the paragraph; Site.annotate fills it in."""


def size(count: int) -> str:
    """A file size as readers read it: '4.2 MB', '850 kB' (decimal units, as browsers show downloads)."""
    if count >= 1_000_000:
        return f"{count / 1_000_000:.1f} MB"
    return f"{max(1, round(count / 1000))} kB"


def sentence(root: str, as_of: date | None) -> Markup:
    """The offline copy's sentence; ``root`` is the relative path from the page to the site's root."""
    checked = Markup(t(", with the facts checked up to {day}")).format(day=fmt.day_html(as_of)) if as_of else ""
    if publishing.offline():
        return Markup(
            t("This is the offline copy of the site{checked}: it opens from disk, and search works without a network.")
        ).format(checked=checked)
    count = publishing.offline_bytes()
    details = Markup(t("a zip file, {size}")).format(size=size(count)) if count else Markup(t("a zip file"))
    return Markup(
        t(
            '<a href="{href}" download>Download the offline copy</a> ({details}{checked}): unzip it anywhere and '
            "open <code>index.html</code>; search works without a network."
        )
    ).format(href=root + editions.up(current()) + publishing.OFFLINE_ZIP, details=details, checked=checked)


def paragraph(root: str, as_of: date | None) -> Markup:
    """The sentence as the paragraph that replaces :data:`MARKER`."""
    return Markup('<p class="kb-offline">{}</p>').format(sentence(root, as_of))
