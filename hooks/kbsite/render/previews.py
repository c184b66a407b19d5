"""Link previews: one small script file, written at build time, that names every record page's title, kind and
summary by its path from the site root. docs/assets/previews.js shows them as a card when a link to a record is
hovered or focused. One file for the whole site (the browser caches it), linear in the number of records; loaded
as a script, so it works from disk in the offline copy with no request off the machine."""

from __future__ import annotations

import json
import re

from ..graph import KnowledgeBase
from ..i18n import t
from ..labels import label
from . import text as fmt
from .pages import record_uri

PATH = "assets/kb-previews.js"
SUMMARY = 240
"""Characters of summary a card shows at most."""
_MARKUP = re.compile(r"!?\[([^\]]*)\]\([^)]*\)|[*_`#>]|<[^>]*>")


def _short(text: str) -> str:
    plain = " ".join(_MARKUP.sub(lambda m: m.group(1) or "", text).split())
    if fmt.text_width(plain, 1) <= SUMMARY:
        return plain
    end, width = 0, 0.0
    while width + fmt.text_width(plain[end], 1) <= SUMMARY:  # a wide (CJK) letter counts as two
        width += fmt.text_width(plain[end], 1)
        end += 1
    head = plain[:end]
    cut = head.rsplit(" ", 1)[0] if " " in head[end // 2 :] else head  # at a word, where words are spaced
    return cut.rstrip(",;:、，") + "…"


def previews_js(kb: KnowledgeBase, directory_urls: bool = True) -> str:
    """The script that sets ``window.kbPreviews``: {path from the root: [title, kind, summary]}."""
    data = {}
    for records in kb.by_kind.values():
        for record in records:
            text = (
                getattr(record, "summary", None)
                or getattr(record, "definition", None)
                or getattr(record, "statement", None)
                or getattr(record, "question", None)
                or ""
            )
            kind = t("Glossary term") if record.kind == "term" else label(record.kind)
            data[fmt.page_url(record_uri(record), directory_urls)] = [record.label, kind, _short(str(text))]
    body = json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    body = body.replace("<", "\\u003c").replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")
    return f"window.kbPreviews = {body};\n"
