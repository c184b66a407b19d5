"""The notice at the top of a record page in another language: its translation is older than its English, or
some of its texts are not translated and are shown in English."""

from __future__ import annotations

from markupsafe import Markup

from ..i18n import t
from ..i18n.records import Translation


def notice(translation: Translation | None, english_href: str) -> Markup:
    """The notice for a record's page in the current language; empty when every text is translated."""
    if translation is None or translation.status in (None, "translated"):
        return Markup("")
    if translation.status == "stale":
        text = t("The translation of this page may be older than the English version.")
    else:
        text = t("Some parts of this page are not translated yet and are shown in English.")
    return Markup(
        '<div class="admonition note kb-translation" data-kb-translation="{}"><p>{} <a href="{}" hreflang="en">{}</a></p></div>'
    ).format(translation.status, text, english_href, t("Read the English version."))
