"""What applied when: the reference cases against the real kb/, and the charts agreeing with their tables."""

from __future__ import annotations

import re
from datetime import date, timedelta
from xml.etree import ElementTree

import pytest

from conftest import KB, Project
from kbsite import build
from kbsite.tariffs import combined_rate, history, status_on


@pytest.fixture(scope="module")
def kb():  # type: ignore[no-untyped-def]
    return build(KB)


def rate(kb, category: str, day: str, known_on: str | None = None):  # type: ignore[no-untyped-def]
    return combined_rate(kb, "japan", category, date.fromisoformat(day),
                         date.fromisoformat(known_on) if known_on else None)


def test_japanese_cars_on_16_april_2025_pay_27_5_percent(kb) -> None:  # type: ignore[no-untyped-def]
    cars = rate(kb, "passenger-vehicles", "2025-04-16")
    assert cars.total == 27.5
    assert {m.id for m in cars.applied} == {"us-s232-autos-25", "us-mfn-passenger-cars"}
    assert "us-ieepa-baseline-10" in {m.id for m, _ in cars.removed}  # Section 232 goods: no reciprocal tariff
    assert cars.sources  # every computed rate shows where it came from


def test_japanese_cars_pay_15_percent_all_in_from_16_september_2025(kb) -> None:  # type: ignore[no-untyped-def]
    assert rate(kb, "passenger-vehicles", "2025-09-15").total == 27.5
    cars = rate(kb, "passenger-vehicles", "2025-09-16")
    assert cars.total == 15 and cars.describe() == "15%"
    assert "us-s232-autos-japan-15-floor" in {m.id for m in cars.applied}


def test_24_percent_reciprocal_rate_was_in_force_for_one_day(kb) -> None:  # type: ignore[no-untyped-def]
    assert rate(kb, "all-goods", "2025-04-08").describe() == "MFN + 10%"
    ninth = rate(kb, "all-goods", "2025-04-09")
    assert ninth.describe() == "MFN + 24%" and [m.id for m in ninth.applied] == ["us-ieepa-reciprocal-japan-24"]
    assert rate(kb, "all-goods", "2025-04-10").describe() == "MFN + 10%"
    measure = kb["us-ieepa-reciprocal-japan-24"]
    in_force = [d for d in (date(2025, 4, 1) + timedelta(n) for n in range(200)) if status_on(measure, d) == "in-force"]
    assert in_force == [date(2025, 4, 9)]


def test_15_percent_additive_of_august_2025_and_its_retroactive_correction(kb) -> None:  # type: ignore[no-untyped-def]
    as_applied = rate(kb, "beef", "2025-08-10", known_on="2025-08-10")
    assert as_applied.total == pytest.approx(41.4)  # 26.4% MFN + 15% on top, as charged in August
    assert [m.id for m in as_applied.applied if m.rate.application == "additive"] == ["us-ieepa-reciprocal-japan-15-additive"]
    corrected = rate(kb, "beef", "2025-08-10")
    assert corrected.total == pytest.approx(26.4)  # EO 14345: 15% all-in, which 26.4% MFN already exceeds
    assert "us-ieepa-reciprocal-japan-15-floor" in {m.id for m in corrected.applied}
    assert rate(kb, "all-goods", "2025-08-10", known_on="2025-08-10").describe() == "MFN + 15%"
    assert rate(kb, "all-goods", "2025-08-10").describe() == "15% all-in (MFN if higher)"


def test_the_ieepa_tariffs_end_and_section_122_replaces_them(kb) -> None:  # type: ignore[no-untyped-def]
    after = rate(kb, "all-goods", "2026-03-01")
    assert after.describe() == "MFN + 10%" and [m.id for m in after.applied] == ["us-s122-surcharge-10"]
    assert rate(kb, "passenger-vehicles", "2026-03-01").total == 15  # Section 232 goods stay at 15% all-in


def chart_steps(svg: str) -> list[tuple[date, float]]:
    """Read a chart back: each horizontal run of the polyline as (from day, level)."""
    root = ElementTree.fromstring(svg)
    first, until, top = date.fromisoformat(root.get("data-first")), date.fromisoformat(root.get("data-until")), float(root.get("data-top"))
    line = root.find("{http://www.w3.org/2000/svg}polyline")
    points = [tuple(map(float, p.split(","))) for p in line.get("points").split()]
    span = (until - first).days
    left, right, top_px, bottom_px = 56, 720 - 16, 28, 260 - 40
    steps = []
    for (x1, y1), (x2, y2) in zip(points[::2], points[1::2]):
        day = first + timedelta(days=round((x1 - left) / (right - left) * span))
        steps.append((day, round(top * (bottom_px - y1) / (bottom_px - top_px), 1)))
    return steps


def test_chart_and_table_agree(real_site: Project, kb) -> None:  # type: ignore[no-untyped-def]
    page = (real_site.site / "tariffs" / "japan" / "index.html").read_text(encoding="utf-8")
    for category in ("passenger-vehicles", "all-goods", "beef"):
        svg = (real_site.site / "tariffs" / f"japan-{category}.svg").read_text(encoding="utf-8")
        assert f'src="../japan-{category}.svg"' in page
        section = page[page.index(f'id="{category}"'):]
        section = section[:section.index("</table>")]
        rows = re.findall(r"<tr>\s*<td>(\d+ \w+ \d{4})</td>\s*<td><strong>(.*?)</strong>", section)
        table = [(date.fromisoformat(_iso(day)), re.sub("<[^>]+>", "", text)) for day, text in rows]
        expected = [(s.day, s.describe()) for s in history(kb, "japan", category)]
        assert table == expected
        read_back = chart_steps(svg)
        assert [day for day, _ in read_back] == [day for day, _ in table] or all(
            abs((a - b).days) <= 1 for (a, _), (b, _) in zip(read_back, table))
        assert [level for _, level in read_back] == [round(s.level, 1) for s in history(kb, "japan", category)]


def _iso(text: str) -> str:
    from datetime import datetime

    return datetime.strptime(text, "%d %B %Y").date().isoformat()


def test_measure_page_shows_its_own_rate_over_time(real_site: Project) -> None:
    page = (real_site.site / "measures" / "us-ieepa-reciprocal-japan-24" / "index.html").read_text(encoding="utf-8")
    section = page[page.index('id="rate-over-time"'):]
    assert re.search(r"9 April 2025</td>\s*<td>In force</td>\s*<td>24%", section)
    assert re.search(r"10 April 2025</td>\s*<td>Paused</td>\s*<td>none", section)
