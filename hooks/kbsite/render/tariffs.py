"""'Tariffs in force' pages: per target jurisdiction, the rate per product category over time, as chart and table."""

from __future__ import annotations

from datetime import date, timedelta

from ..graph import KnowledgeBase
from ..tariffs import categories, change_days, combined_rate, history, measures_aimed_at
from .charts import step_chart


def category_label(category: str) -> str:
    return category.replace("-", " ").capitalize()


def chart_name(jurisdiction: str, category: str) -> str:
    return f"tariffs/{jurisdiction}-{category}.svg"


def _until(kb: KnowledgeBase) -> date:
    """The right edge of every chart: a month after the last dated fact (never today: builds are reproducible)."""
    last = max((entry.date.latest for entry in kb.timeline), default=date(2025, 1, 1))
    return last + timedelta(days=31)


def tariff_page(kb: KnowledgeBase, jurisdiction: str) -> tuple[dict, dict[str, str]]:
    """The template context of one jurisdiction's 'Tariffs in force' page, and the SVG chart files it shows."""
    charts: dict[str, str] = {}
    until = _until(kb)
    sections = []
    for category in categories(kb, jurisdiction):
        steps = history(kb, jurisdiction, category)
        if not any(step.applied for step in steps):
            continue
        name = chart_name(jurisdiction, category)
        title = f"{kb[jurisdiction].label}: {category_label(category)}"
        charts[name] = step_chart(title, [(s.day, s.level, s.describe()) for s in steps], until)
        sections.append({"category": category, "label": category_label(category), "steps": steps,
                         "chart": name.removeprefix("tariffs/")})
    days = change_days(kb, jurisdiction)
    table = [(day, [combined_rate(kb, jurisdiction, s["category"], day) for s in sections]) for day in days]
    context = {"jurisdiction": kb[jurisdiction], "sections": sections, "table": table,
               "changes": _changes(kb, jurisdiction, days)}
    return context, charts


def _changes(kb: KnowledgeBase, jurisdiction: str, days: list[date]) -> dict[date, list[tuple[str, str]]]:
    """What changed on each day: (measure id, status) pairs, for the table's first column."""
    found: dict[date, list[tuple[str, str]]] = {day: [] for day in days}
    for measure in measures_aimed_at(kb, jurisdiction):
        for change in measure.status_history:
            day = change.effective
            if day in found:
                found[day].append((measure.id, change.status))
    return found
