"""The tariff outputs: a page per targeted jurisdiction (charts and tables of the duty on each product over
time), the rates in force on the as-of day, and the published rate table (CSV and JSON)."""

from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass
from datetime import date, timedelta

from ..graph import KnowledgeBase
from ..i18n import t
from ..models import Product
from ..tariffs import Interval, Tariffs
from .charts import step_chart

RATE_COLUMNS = (
    "jurisdiction",
    "category",
    "from",
    "until",
    "all_in_percent",
    "beyond_mfn_percent",
    "mfn_percent",
    "measures",
)
"""The header of tariff-rates.csv, in order (the data page documents each column)."""

TOTAL = "Total duty, MFN included"
ZERO_LINE = "Total duty on a tariff line whose MFN rate is zero"
"""What a chart plots: the first where the category has one MFN rate, the second where the rate varies by line
(it is then the floor plus the duties added on top, which is also the duty on top of MFN for such a line)."""
AXIS = {TOTAL: "Total duty incl. MFN (%)", ZERO_LINE: "Total on a 0% MFN line (%)"}


def chart_name(jurisdiction: str, product: str) -> str:
    """The chart file of a section: one folder per jurisdiction, so no two inputs share a name."""
    return f"tariffs/{jurisdiction}/{product}.svg"


def percent(value: float | None) -> str:
    """A percentage as the tables and the rate table write it: a plain decimal, empty when unknown."""
    return "" if value is None else f"{value:g}"


@dataclass(frozen=True)
class Section:
    """Products whose duties from one jurisdiction moved together: one chart and one table."""

    products: tuple[Product, ...]
    intervals: tuple[Interval, ...]
    charged: tuple[Interval, ...]
    """What was charged at the time, where retroactive corrections changed it; else empty."""
    chart: str
    quantity: str

    @property
    def anchor(self) -> str:
        return self.products[0].id

    @property
    def label(self) -> str:
        return ", ".join(p.label for p in self.products)


def sections(tariffs: Tariffs, jurisdiction: str) -> list[Section]:
    """The products with a duty beyond MFN from ``jurisdiction`` at some time, those with the same history
    together (so a measure on many categories adds one section, not one per category)."""
    groups: dict[tuple, list[tuple[Product, list[Interval], list[Interval]]]] = {}
    for product in tariffs.products:
        intervals = tariffs.history(jurisdiction, product.id)
        if not intervals:
            continue
        charged = tariffs.history(jurisdiction, product.id, known="at-the-time")
        same = [(i.start, i.until, i.duty.key) for i in intervals] == [(i.start, i.until, i.duty.key) for i in charged]
        key = (
            tuple((i.start, i.until, i.duty.key) for i in intervals),
            () if same else tuple((i.start, i.until, i.duty.key) for i in charged),
        )
        groups.setdefault(key, []).append((product, intervals, [] if same else charged))
    found = []
    for members in groups.values():
        products = tuple(product for product, _, _ in members)
        _, intervals, charged = members[0]
        quantity = TOTAL if products[0].mfn and products[0].mfn.percent is not None else ZERO_LINE
        found.append(
            Section(products, tuple(intervals), tuple(charged), chart_name(jurisdiction, products[0].id), quantity)
        )
    return found


def chart_end(kb: KnowledgeBase, tariffs: Tariffs) -> date:
    """The right edge of every chart: the as-of day, or a month after the last change (never the build clock)."""
    days = [day for j in tariffs.jurisdictions for day in tariffs.change_days(j)]
    last = max(days, default=date(2025, 1, 1))
    return max(kb.as_of or last, last) + timedelta(days=31)


def tariff_page(
    kb: KnowledgeBase, tariffs: Tariffs, jurisdiction: str, found: list[Section]
) -> tuple[dict, dict[str, str]]:
    """The template context of one jurisdiction's page (its ``found`` sections), and the SVG charts it shows."""
    until = chart_end(kb, tariffs)
    charts: dict[str, str] = {}
    name = kb[jurisdiction].label
    for section in found:
        title = t(
            "{quantity}: {products} from {jurisdiction}",
            quantity=t(section.quantity),
            products=t(", ").join(p.label for p in section.products),
            jurisdiction=name,
        )
        steps = [(i.start, i.duty.charted, i.duty.describe()) for i in section.intervals]
        charts[section.chart] = step_chart(title, t(AXIS[section.quantity]), steps, until)
    context = {
        "jurisdiction": kb[jurisdiction],
        "sections": found,
        "changes": changes(tariffs, jurisdiction),
        "TOTAL": TOTAL,
        "ZERO_LINE": ZERO_LINE,
    }
    return context, charts


def changes(tariffs: Tariffs, jurisdiction: str) -> list[tuple[date, str, str, bool]]:
    """Every change to a measure on goods from ``jurisdiction``, each once: (day, measure id, status, scheduled)."""
    found = []
    for measure in tariffs.aimed_at(jurisdiction):
        for step in tariffs.steps[measure.id]:
            found.append((step.day, measure.id, step.status, step.scheduled))
    return sorted(set(found))


def today(kb: KnowledgeBase, tariffs: Tariffs) -> tuple[date | None, list[tuple[Product, list[Interval]]]]:
    """The duty on each product from each targeted jurisdiction on the as-of day, as the interval that holds it:
    (day, [(product, intervals)])."""
    day = kb.as_of
    if day is None:
        return None, []
    rows = [
        (
            product,
            [
                tariffs.interval_on(j, product.id, day) or Interval(day, None, tariffs.duty(j, product.id, day))
                for j in tariffs.jurisdictions
            ],
        )
        for product in tariffs.products
    ]
    return day, rows


def rate_rows(tariffs: Tariffs) -> list[dict[str, str]]:
    """The published rate table: one row per interval of constant duty per jurisdiction and product."""
    rows = []
    for jurisdiction in tariffs.jurisdictions:
        for product in tariffs.products:
            for interval in tariffs.history(jurisdiction, product.id):
                duty = interval.duty
                rows.append(
                    {
                        "jurisdiction": jurisdiction,
                        "category": product.id,
                        "from": interval.start.isoformat(),
                        "until": interval.until.isoformat() if interval.until else "",
                        "all_in_percent": percent(duty.all_in),
                        "beyond_mfn_percent": percent(duty.beyond_mfn),
                        "mfn_percent": percent(duty.mfn),
                        "measures": " ".join(duty.measure_ids),
                    }
                )
    return rows


def rates_csv(rows: list[dict[str, str]]) -> str:
    out = io.StringIO()
    writer = csv.DictWriter(out, RATE_COLUMNS, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)  # ids, ISO dates and numbers only: no cell a spreadsheet could take for a formula
    return out.getvalue()


def rates_json(rows: list[dict[str, str]]) -> str:
    """The same rows as tariff-rates.csv, numbers as numbers and empty cells as null."""

    def typed(row: dict[str, str]) -> dict[str, object]:
        value: dict[str, object] = dict(row)
        for column in ("all_in_percent", "beyond_mfn_percent", "mfn_percent"):
            value[column] = float(row[column]) if row[column] else None
        value["until"] = row["until"] or None
        value["measures"] = row["measures"].split()
        return value

    lines = ",\n".join("    " + json.dumps(typed(row), ensure_ascii=False) for row in rows)
    return f'{{\n  "columns": {json.dumps(list(RATE_COLUMNS))},\n  "rows": [\n{lines}\n  ]\n}}\n'
