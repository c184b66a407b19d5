"""The page scripts on the Japanese edition, in a browser, on the offline copy opened from file://: the facets,
the timeline filters and the tariff-line lookup write Japanese (counts in 件, dates as 2025年9月20日) and the
lookup gives the same rates as on the English page; every word a script writes is handed over in Japanese."""

from __future__ import annotations

import json
import re
from pathlib import Path

from playwright.sync_api import Page, expect

from conftest import Project

ASSETS = Path(__file__).resolve().parents[2] / "docs" / "assets"
LOOKUP = "tariffs/lookup/index.html?code=870323&date=2025-09-20&from=japan"
_LITERAL = r'"(?:[^"\\]|\\.)*"'


def url(site: Project, path: str) -> str:
    path, _, query = path.partition("?")
    return (site.site / path).as_uri() + (f"?{query}" if query else "")


def script_strings(script: str) -> set[str]:
    """The English strings a script passes to say() (literally, or as a constant of concatenated literals)."""
    text = (ASSETS / script).read_text(encoding="utf-8")
    constants = {
        name: "".join(json.loads(part) for part in re.findall(_LITERAL, body))
        for name, body in re.findall(rf"var ([A-Z_]+) = ((?:{_LITERAL}\s*\+?\s*)+);", text)
    }
    call = r'\bsay(?:Nodes)?\((?:words,\s*|el\("\w+"\),\s*)?'
    found = {json.loads(literal) for literal in re.findall(call + f"({_LITERAL})", text)}
    found |= {constants[name] for name in re.findall(call + r"([A-Z_]+)\b", text)}
    return found


def handed_over(page: Page, selector: str) -> dict[str, str]:
    return json.loads(page.locator(selector).get_attribute("data-kb-words") or "{}")


def test_the_measure_facets_count_in_japanese(offline_site: Project, page: Page) -> None:
    page.goto(url(offline_site, "ja/measures/index.html"))
    form = page.locator("form.kb-facets")
    expect(form).to_be_visible()
    total = page.locator("table tbody tr").count()
    count = page.locator(".kb-facets-count")
    expect(count).to_have_text(f"{total}件中{total}件を表示")
    status = page.locator("select[data-facet=status]")
    expect(status.locator("option").first).to_have_text("すべて")
    in_force = status.locator("option[value=in-force]")
    expect(in_force).to_have_text(re.compile(r"^発効中（\d+）$"))
    shown = int(re.search(r"（(\d+)）", in_force.text_content() or "").group(1))  # type: ignore[union-attr]
    status.select_option(value="in-force")
    expect(page.locator("table tbody tr:visible")).to_have_count(shown)
    expect(count).to_have_text(f"{total}件中{shown}件を表示")
    words = handed_over(page, "form.kb-facets")
    assert script_strings("facets.js") <= words.keys()
    assert page.errors == [] and page.foreign == []  # type: ignore[attr-defined]


def test_the_timeline_filters_count_in_japanese(offline_site: Project, page: Page) -> None:
    page.goto(url(offline_site, "ja/timeline/index.html"))
    total = page.locator(".kb-entry").count()
    expect(page.locator(".kb-count")).to_have_text(f"{total}件中{total}件")
    assert script_strings("timeline.js") <= handed_over(page, "form.kb-filters").keys()
    assert page.errors == [] and page.foreign == []  # type: ignore[attr-defined]


def percentages(text: str) -> list[str]:
    return re.findall(r"\d+(?:\.\d+)?%", text)


def test_the_lookup_answers_in_japanese_with_the_english_rates(offline_site: Project, page: Page) -> None:
    page.goto(url(offline_site, LOOKUP), wait_until="load")
    result = page.locator(".kb-lookup-result")
    expect(result.locator(".kb-lookup-duty")).to_contain_text("Total duty 15%, MFN included")
    english_duty = result.locator(".kb-lookup-duty").inner_text()
    english_rates = result.locator("table").first.locator("td").all_inner_texts()

    page.goto(url(offline_site, f"ja/{LOOKUP}"), wait_until="load")
    expect(result.locator("h2")).to_have_text("HTS 8703.23.01.10")
    duty = result.locator(".kb-lookup-duty")
    expect(duty).to_contain_text("2025年9月20日、日本から：")
    expect(duty).to_contain_text("MFN税率を含む関税の合計は15%です")
    assert percentages(duty.inner_text()) == percentages(english_duty)  # the same total, MFN rate and rest
    assert "Total duty" not in duty.inner_text()
    expect(page.locator(".kb-lookup-status")).to_have_text(re.compile(r"^\d+件の品目が該当します。$"))
    expect(result.locator("h3").first).to_have_text("適用される措置")
    applied = result.locator("table").first
    expect(applied.locator("th")).to_have_text(["措置", "この品目の税率"])
    assert percentages(" ".join(applied.locator("td").all_inner_texts())) == percentages(" ".join(english_rates))
    not_applied = result.locator("table").nth(1)
    expect(result.locator("h3").nth(1)).to_have_text("適用されない措置")
    expect(not_applied.locator("th")).to_have_text(["措置", "理由"])
    expect(not_applied).to_contain_text("この品目には代わりに")  # an exemption, in favour of the Section 232 duty
    assert "instead" not in not_applied.inner_text() and "exempt" not in not_applied.inner_text()
    history = result.locator("table").nth(2)
    expect(history.locator("th")).to_have_text(["開始", "終了", "関税", "措置"])
    expect(history).to_contain_text("2025年9月16日")
    words = handed_over(page, "#kb-lookup")
    assert script_strings("lookup.js") <= words.keys()

    # a reduced rate no source gives: the engine's "not recorded", in Japanese, is still recognised
    page.goto(url(offline_site, "ja/tariffs/lookup/index.html?code=3004101010&date=2026-10-01&from=european-union"))
    expect(result.locator(".kb-lookup-duty")).to_contain_text("2026年10月1日、欧州連合（EU）から：記録なし：")
    assert page.errors == [] and page.foreign == []  # type: ignore[attr-defined]
