"""Record pages lead with the answer: the kind, a status badge for measures and the key facts come first, every
value in words, sources named "Publisher, date"."""

from __future__ import annotations

import re

import pytest

from conftest import KB
from kbsite import build
from kbsite.render import Site


@pytest.fixture(scope="module")
def pages() -> dict[str, str]:
    return {uri: page.html for uri, page in Site(build(KB)).pages.items() if hasattr(page, "html")}


def head(html: str) -> str:
    return html[: html.index("</header>")]


def test_a_measure_opens_with_its_status_badge_and_key_facts(pages: dict[str, str]) -> None:
    page = pages["measures/us-ieepa-reciprocal-japan-15-floor.md"]
    top = head(page)
    assert '<span class="kb-badge kb-badge--invalidated">Invalidated</span>' in top
    assert 'since <time datetime="2026-02-24">24 February 2026</time>' in top
    for fact in ("<dt>Rate</dt>", "<dt>Imposed by</dt>", "<dt>On goods from</dt>", "<dt>Legal authority</dt>"):
        assert fact in top
    # the summary follows the head
    assert page.index("</header>") < page.index("made Japan")


def test_every_measure_has_one_of_the_reader_badges(pages: dict[str, str]) -> None:
    words = {"Announced", "In force", "Paused", "Scheduled to end", "Ended", "Invalidated"}
    seen = set()
    for uri, html in pages.items():
        if uri.startswith("measures/") and not uri.endswith("index.md"):
            found = re.findall(r'<span class="kb-badge kb-badge--[a-z-]+">([^<]+)</span>', head(html))
            assert len(found) == 1 and found[0] in words, uri
            seen.add(found[0])
    assert {"In force", "Ended", "Invalidated"} <= seen


def test_values_read_as_words_not_raw_values(pages: dict[str, str]) -> None:
    meeting = head(pages["meetings/japan-us-tariff-talks-round-1.md"])
    assert "Numbering per" not in meeting and "Time zone" not in meeting
    assert "1 (numbered as in the Japanese government count)" in meeting
    for uri, html in pages.items():
        if uri.startswith(("tariffs/", "reference/", "schemas/")):
            continue  # the tariff tables belong to the tariff pages; the field reference names raw values
        for raw in ("America/New_York", "Asia/Tokyo", ">none<", "(source)", ">source</a>)"):
            assert raw not in html, (uri, raw)


def section(html: str, anchor: str) -> str:
    """A page's section from its heading to the next one of level 2 (empty when it has none)."""
    start = html.find(f'id="{anchor}"')
    if start < 0:
        return ""
    end = html.find("<h2", start)
    return html[start : end if end > 0 else len(html)]


def test_a_measure_states_each_status_change_once(pages: dict[str, str]) -> None:
    """Its History lists every status change; its Timeline only what other records say happened meanwhile."""
    from markupsafe import escape

    kb = build(KB)
    with_timeline = 0
    for measure in kb.by_kind["measure"]:
        html = pages[f"measures/{measure.id}.md"]
        history, timeline = section(html, "history"), section(html, "timeline")
        assert history.count("<tr><td>") == len(measure.status_history), measure.id
        for entry in kb.timeline_of[measure.id]:
            if entry.record_id == measure.id:
                assert str(escape(entry.text)) not in timeline, (measure.id, entry.text)
        with_timeline += bool(timeline)
    assert with_timeline  # other records' facts still show there
    page = pages["measures/us-ieepa-baseline-10.md"]
    assert "In force" in section(page, "history") and "Court of International Trade" in section(page, "timeline")


def test_products_are_listed_once(pages: dict[str, str]) -> None:
    for uri, html in pages.items():
        if uri.startswith("measures/") and not uri.endswith("index.md"):
            products = re.search(r"<dt>Products</dt><dd>(.*?)</dd>", html, re.S)
            assert products, uri
            names = re.findall(r">([^<>]+)</a>", products.group(1))
            assert len(names) == len(set(names)), uri


FENCE_WORDS = ("sh", "bash", "console", "yaml", "yml", "json", "python", "html", "toml", "ini")


def test_no_page_shows_a_fenced_code_language_word_as_text(real_site) -> None:  # type: ignore[no-untyped-def]
    """Fenced code blocks render as code blocks, in lists too: no "```" and no "sh make new ..." inline."""
    words = "|".join(FENCE_WORDS)
    inline = re.compile(rf"<code>(?:{words})\s", re.I)
    for path in real_site.site.rglob("*.html"):
        html = path.read_text(encoding="utf-8")
        if "<article" not in html:
            continue
        article = html[html.index("<article") : html.index("</article>")]
        assert "```" not in article, path
        assert not inline.search(article), (path, inline.search(article))
    contributing = (real_site.site / "contributing" / "index.html").read_text(encoding="utf-8")
    assert '<code class="language-sh">make new KIND=person' in contributing
    steps = re.search(r"<ol>(.*?)</ol>", contributing, re.S).group(1)
    assert steps.count("<li>") == 4 and "3. Run the check" not in steps


def test_licence_is_stated_in_the_footer_the_data_page_and_kb_json(real_site) -> None:  # type: ignore[no-untyped-def]
    import json

    home = (real_site.site / "index.html").read_text(encoding="utf-8")
    footer = home[home.index('<div class="md-copyright">') :]
    assert "CC BY 4.0" in footer and "MIT" in footer
    assert "Download the offline copy" in home and 'href="site-offline.zip"' in home
    assert "Download the offline copy" in (real_site.site / "about" / "index.html").read_text(encoding="utf-8")
    assert "CC BY 4.0" in (real_site.site / "data" / "index.html").read_text(encoding="utf-8")
    data = json.loads((real_site.site / "data" / "kb.json").read_text(encoding="utf-8"))
    assert data["license"]["content_and_data"] == "CC BY 4.0" and data["license"]["code"] == "MIT"
    from conftest import ROOT as root

    assert "MIT License" in (root / "LICENSE").read_text(encoding="utf-8")
    assert "CC BY 4.0" in (root / "LICENSE-CONTENT").read_text(encoding="utf-8")


def test_a_site_url_makes_the_sitemap_feed_and_calendar_links_absolute(real_site, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    import os

    from kbsite.render.exports import timeline_atom, timeline_ics

    kb = build(KB)
    monkeypatch.delenv("KB_SITE_URL", raising=False)
    assert 'href="https://' not in timeline_atom(kb).split("<entry>")[0].replace('href="https://creativecommons', "")
    monkeypatch.setenv("KB_SITE_URL", "https://example.org/kb")
    atom = timeline_atom(kb)
    assert 'href="https://example.org/kb/data/timeline.atom"' in atom
    assert 'href="https://example.org/kb/timeline/"' in atom
    assert "URL:https://example.org/kb/" in timeline_ics(kb)
    project = real_site
    env = {
        **os.environ,
        "KB_SITE_URL": "https://example.org/kb/",
        "PYTHONPATH": str(project.root / "hooks"),
        "NO_MKDOCS_2_WARNING": "1",
    }
    import subprocess
    import sys

    out = project.root / "site-with-url"
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(out)],
        cwd=project.root,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert result.returncode == 0, result.stderr
    sitemap = (out / "sitemap.xml").read_text(encoding="utf-8")
    assert "<loc>https://example.org/kb/people/ryosei-akazawa/</loc>" in sitemap
    [dataset] = json_ld((out / "data" / "index.html").read_text(encoding="utf-8"))
    assert dataset["url"] == "https://example.org/kb/data/"
    assert {d["contentUrl"] for d in dataset["distribution"]} >= {"https://example.org/kb/data/kb.json"}


def test_every_record_page_of_a_typed_kind_carries_json_ld_that_parses(pages: dict[str, str]) -> None:
    import json

    types = {
        "measures": "Legislation",
        "meetings": "Event",
        "events": "Event",
        "people": "Person",
        "organizations": "Organization",
        "glossary": "DefinedTerm",
    }
    seen = set()
    for uri, html in pages.items():
        blocks = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
        folder = uri.split("/")[0]
        if folder in types and not uri.endswith("index.md"):
            assert len(blocks) == 1, uri
            data = json.loads(blocks[0])
            assert data["@context"] == "https://schema.org" and data["@type"] == types[folder], uri
            assert data["name"], uri
            seen.add(folder)
        for block in blocks:
            json.loads(block)
    assert seen == set(types)
    measure = json.loads(
        re.search(r'ld\+json">(.*?)</script>', pages["measures/us-ieepa-reciprocal-japan-15-floor.md"]).group(1)
    )
    assert measure["legislationLegalForce"] == "NotInForce" and measure["legislationDate"] == "2025-09-04"


def json_ld(html: str) -> list[dict]:
    """Every JSON-LD object of a page; each must parse."""
    import json

    return [
        json.loads(block) for block in re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    ]


def test_every_built_page_s_json_ld_parses_and_the_data_page_is_a_dataset(real_site) -> None:  # type: ignore[no-untyped-def]
    site = real_site.site
    for path in site.rglob("*.html"):
        for data in json_ld(path.read_text(encoding="utf-8")):
            assert data["@context"] == "https://schema.org" and data["@type"], path
    [dataset] = json_ld((site / "data" / "index.html").read_text(encoding="utf-8"))
    assert dataset["@type"] == "Dataset" and dataset["name"] and dataset["description"]
    assert dataset["license"] == "https://creativecommons.org/licenses/by/4.0/"
    assert dataset["dateModified"] == "2026-12-01"  # kb/config.yml's as_of, not the day of the build
    downloads = dataset["distribution"]
    assert all(d["@type"] == "DataDownload" and d["encodingFormat"] for d in downloads)
    formats = {d["contentUrl"]: d["encodingFormat"] for d in downloads}
    assert formats["kb.json"] == "application/json" and formats["measures.csv"] == "text/csv"
    assert formats["timeline.ics"] == "text/calendar" and formats["timeline.atom"] == "application/atom+xml"
    # one download per file the page offers, each there beside the page (the lookup's own script is not one)
    offered = {path.name for path in (site / "data").iterdir() if path.suffix != ".html" and path.suffix != ".js"}
    assert set(formats) == offered


def test_previews_name_every_record_and_no_text_can_close_the_script() -> None:
    import json

    from kbsite.render.previews import previews_js

    kb = build(KB)
    text = previews_js(kb)
    assert text.startswith("window.kbPreviews = ") and "<" not in text
    data = json.loads(text[len("window.kbPreviews = ") :].rstrip().rstrip(";"))
    assert len(data) == sum(len(records) for records in kb.by_kind.values())
    title, kind, summary = data["people/ryosei-akazawa/"]
    assert title == "Ryosei Akazawa" and kind == "Person" and summary
    assert all(len(entry[2]) <= 241 for entry in data.values())
