"""Step charts of a rate over time, drawn as standalone SVG at build time (readable offline, no script)."""

from __future__ import annotations

from datetime import date, timedelta
from xml.sax.saxutils import escape

from ..i18n import current, t
from . import text as fmt

WIDTH, HEIGHT = 720, 280
NARROW = """<style>
@media (max-width: 560px) {
  text { font-size: 24px; }
  .title, .axis, .minor { display: none; }
}
</style>"""
"""Drawn in a box narrower than 560 CSS px (a phone), the chart scales down with it: its labels are drawn larger, so
they stay at least 11 px high (24 units at 390 px); every other date label, the axis name and the title are left
out (the page says above the chart what it plots, and the image's title and description carry it all). A chart
shown as an image reads the rule against its own width, with no script."""
LEFT, RIGHT, TOP, BOTTOM = 72, 16, 28, 40


def _day(value: date) -> str:
    """A step's first day in the chart's description: ISO in English (as it always was), else as readers of the
    language write a day."""
    return value.isoformat() if current() == "en" else fmt.day(value)


def step_chart(title: str, axis: str, steps: list[tuple[date, float | None, str]], until: date) -> str:
    """An SVG step chart of one quantity, named by ``axis`` on the vertical axis: each step is (from day, level in
    percent, label), held until the next step."""
    first = steps[0][0] if steps else until
    span = max((until - first).days, 1)
    top = max([level for _, level, _ in steps if level is not None] + [10.0])
    top = ((int(top) // 10) + 1) * 10
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM

    def x(day: date) -> float:
        return round(LEFT + plot_w * (day - first).days / span, 2)

    def y(level: float) -> float:
        return round(TOP + plot_h * (1 - level / top), 2)

    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {HEIGHT}" width="{WIDTH}" height="{HEIGHT}" '
        f'role="img" aria-labelledby="title desc" font-family="sans-serif" font-size="12" '
        f'data-first="{first.isoformat()}" data-until="{until.isoformat()}" data-top="{top}">',
        f'<title id="title">{escape(title)}</title>',
        '<desc id="desc">'
        + escape(t("; ").join(t("from {day}: {duty}", day=_day(d), duty=label) for d, _, label in steps))
        + "</desc>",
        NARROW,
        f'<rect x="0" y="0" width="{WIDTH}" height="{HEIGHT}" fill="#ffffff"/>',
    ]
    shown = 0
    for tick in range(0, top + 1, 10 if top <= 60 else 20):
        parts.append(f'<line x1="{LEFT}" x2="{WIDTH - RIGHT}" y1="{y(tick)}" y2="{y(tick)}" stroke="#dddddd"/>')
        parts.append(f'<text x="{LEFT - 6}" y="{y(tick) + 4}" text-anchor="end" fill="#333333">{tick}%</text>')
    month = date(first.year, first.month, 1)
    while month <= until:
        if month >= first and (month.month - 1) % 3 == 0 and x(month) <= WIDTH - RIGHT - 24:
            parts.append(f'<line x1="{x(month)}" x2="{x(month)}" y1="{TOP}" y2="{HEIGHT - BOTTOM}" stroke="#eeeeee"/>')
            minor = ' class="minor"' if shown % 2 else ""
            shown += 1
            parts.append(
                f'<text{minor} x="{x(month)}" y="{HEIGHT - BOTTOM + 22}" text-anchor="middle" fill="#333333">'
                f"{fmt.short_month(month)}</text>"
            )
        month = (month + timedelta(days=32)).replace(day=1)
    lines: list[list[str]] = [[]]
    for index, (day, level, _) in enumerate(steps):
        if level is None:  # not recorded: a gap in the line
            lines.append([])
            continue
        end = steps[index + 1][0] if index + 1 < len(steps) else until
        lines[-1] += [f"{x(day)},{y(level)}", f"{x(end)},{y(level)}"]
    for points in lines:
        if points:
            parts.append(
                f'<polyline class="rate" fill="none" stroke="#3f51b5" stroke-width="2.5" points="{" ".join(points)}"/>'
            )
    parts.append(f'<line x1="{LEFT}" x2="{LEFT}" y1="{TOP}" y2="{HEIGHT - BOTTOM}" stroke="#333333"/>')
    parts.append(
        f'<line x1="{LEFT}" x2="{WIDTH - RIGHT}" y1="{HEIGHT - BOTTOM}" y2="{HEIGHT - BOTTOM}" stroke="#333333"/>'
    )
    fit = (
        f' textLength="{WIDTH - 16}" lengthAdjust="spacingAndGlyphs"' if fmt.text_width(title, 6.8) > WIDTH - 16 else ""
    )
    parts.append(
        f'<text class="title" x="8" y="{TOP - 10}"{fit} fill="#111111" font-weight="bold">{escape(title)}</text>'
    )
    middle = TOP + plot_h / 2
    parts.append(
        f'<text class="axis" x="14" y="{middle}" text-anchor="middle" fill="#333333" '
        f'transform="rotate(-90 14 {middle})">{escape(axis)}</text>'
    )
    parts.append("</svg>")
    return "\n".join(parts) + "\n"
