"""Facets on the kind indexes: each index can be narrowed by a few of its records' values, with the count of
records beside each value.

Everything is worked out at build time in one pass over the records (linear: fine at 10,000): each table row
carries its values as ``data-facet-<name>`` attributes, and the controls list each value with its count. The
table is complete without JavaScript (the controls stay hidden); docs/assets/facets.js shows them, hides the rows
that do not match and recounts.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Callable, Iterable

from markupsafe import Markup

from ..graph import KnowledgeBase
from ..i18n import t
from ..labels import label
from ..models import Record

Values = Callable[[KnowledgeBase, Record], Iterable[tuple[str, str]]]
"""A record's values for one facet: (value, how it reads)."""


def _refs(field: str) -> Values:
    def values(kb: KnowledgeBase, record: Record) -> Iterable[tuple[str, str]]:
        found = getattr(record, field, None)
        ids = found if isinstance(found, list) else [found] if found else []
        return [(ref, kb[ref].label) for ref in ids]

    return values


def _enum(field: str) -> Values:
    return lambda kb, record: [(str(getattr(record, field)), label(getattr(record, field)))]


def _year(field: str) -> Values:
    return lambda kb, record: [(str(getattr(record, field).year), str(getattr(record, field).year))]


def _targets(kb: KnowledgeBase, record: Record) -> Iterable[tuple[str, str]]:
    if getattr(record, "all_countries", False):
        return [("all-countries", t("All countries"))]
    return _refs("targets")(kb, record)


def _products(kb: KnowledgeBase, record: Record) -> Iterable[tuple[str, str]]:
    return [(ref, kb[ref].label) for ref in record.products.categories]  # type: ignore[attr-defined]


def _organizations(kb: KnowledgeBase, record: Record) -> Iterable[tuple[str, str]]:
    ids = dict.fromkeys(role.organization for role in record.roles if role.organization)  # type: ignore[attr-defined]
    return [(ref, kb[ref].label) for ref in ids]


FACETS: dict[str, list[tuple[str, str, Values]]] = {
    "measure": [
        ("authority", "Authority", _enum("authority")),
        ("status", "Status", _enum("status")),
        ("imposing", "Imposed by", _refs("imposing")),
        ("targets", "On goods from", _targets),
        ("products", "Product", _products),
    ],
    "event": [("year", "Year", _year("date")), ("jurisdiction", "Jurisdiction", _refs("jurisdictions"))],
    "meeting": [("year", "Year", _year("start")), ("format", "Format", _enum("format"))],
    "person": [("organization", "Organization", _organizations)],
}


def script_words(words: dict[str, str]) -> Markup:
    """The words a page script writes, in the page's language, as an attribute of the element it works on
    (``data-kb-words``: each English string the script uses, to its translation). None on an English page: the
    scripts fall back to their own English."""
    if all(english == shown for english, shown in words.items()):
        return Markup("")
    return Markup(' data-kb-words="{}"').format(json.dumps(words, ensure_ascii=False, sort_keys=True))


def facets(kb: KnowledgeBase, kind: str, records: list[Record]) -> tuple[Markup, list[Markup]]:
    """The controls (hidden until the script shows them) and each row's data attributes, in ``records``' order."""
    spec = FACETS.get(kind)
    if not spec:
        return Markup(""), [Markup("") for _ in records]
    counts: dict[str, Counter[str]] = {name: Counter() for name, _, _ in spec}
    names: dict[str, dict[str, str]] = {name: {} for name, _, _ in spec}
    rows = []
    for record in records:
        attrs = []
        for name, _, values in spec:
            found = list(values(kb, record))
            for value, shown in found:
                counts[name][value] += 1
                names[name][value] = shown
            attrs.append(Markup(' data-facet-{}="{}"').format(name, " ".join(value for value, _ in found)))
        rows.append(Markup("").join(attrs))
    words = script_words(
        {
            "All": t("All"),
            "{label} ({count})": t("{label} ({count})"),
            "{shown} of {total} shown": t("{shown} of {total} shown"),
        }
    )
    controls = Markup('<form class="kb-facets" hidden aria-label="{}"{}>\n').format(t("Filter the table"), words)
    for name, title, _ in spec:
        if len(counts[name]) < 2:
            continue
        options = sorted(names[name].items(), key=lambda item: item[1].casefold())
        controls += Markup('<label>{} <select data-facet="{}">\n<option value="">{}</option>\n').format(
            t(title), name, t("All ({count})", count=len(records))
        )
        for value, shown in options:
            controls += Markup('<option value="{}" data-label="{}">{}</option>\n').format(
                value, shown, t("{label} ({count})", label=shown, count=counts[name][value])
            )
        controls += Markup("</select></label>\n")
    controls += Markup('<p class="kb-facets-count" aria-live="polite"></p>\n</form>')
    return controls, rows
