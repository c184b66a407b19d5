"""Real `mkdocs build --strict` runs: the repository's site, a broken knowledge base, and hostile text."""

from __future__ import annotations

import json
import re
from markupsafe import escape
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

from conftest import Project
from kbsite import build
from kbsite.models import KINDS

from conftest import KB


class Links(HTMLParser):
    """Collects the tags, href/src attributes, inline script text and the <title> of a page."""

    def __init__(self) -> None:
        super().__init__()
        self.urls: list[str] = []
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.title = ""
        self.scripts = ""
        self.data_blocks: list[str] = []
        """JSON-LD: data the browser never runs (a test checks it parses and cannot close its element)."""
        self._in: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._in = tag
        if tag == "script" and dict(attrs).get("type") == "application/ld+json":
            self._in = "data"
            self.data_blocks.append("")
        self.tags.append((tag, dict(attrs)))
        for name, value in attrs:
            if name in ("href", "src") and value:
                self.urls.append(value)

    def handle_data(self, data: str) -> None:
        if self._in == "title":
            self.title += data
        if self._in == "script":
            self.scripts += data
        if self._in == "data":
            self.data_blocks[-1] += data

    def handle_endtag(self, tag: str) -> None:
        self._in = None


def parse(path: Path) -> Links:
    links = Links()
    links.feed(path.read_text(encoding="utf-8"))
    return links


def test_every_record_has_its_page(real_site: Project) -> None:
    kb = build(KB)
    assert len(kb.records) > 100
    for record in kb.records.values():
        page = real_site.site / record.plural / record.id / "index.html"
        assert page.is_file(), f"no page for {record.kind} {record.id}"
        assert f"<h1>{escape(record.label)}</h1>" in page.read_text(encoding="utf-8")
    for model in KINDS.values():
        assert (real_site.site / model.plural / "index.html").is_file()


def test_every_internal_link_resolves(real_site: Project) -> None:
    checked = 0
    for page in real_site.site.rglob("*.html"):
        if page.name == "404.html":  # served for any missing path, so the theme links it from the site root
            continue
        for url in parse(page).urls:
            parts = urlsplit(url)
            if parts.scheme or url.startswith(("#", "//", "mailto:")):
                continue
            if parts.path.endswith("site-offline.zip"):
                continue  # the offline copy, which the publish workflow puts beside the site
            target = (page.parent / unquote(parts.path)).resolve()
            if target.is_dir():
                target = target / "index.html"
            assert target.exists(), f"{page.relative_to(real_site.site)} links to missing {url}"
            checked += 1
    assert checked > 1000


def test_record_page_shows_sources_links_and_backlinks(real_site: Project) -> None:
    html = (real_site.site / "people" / "ryosei-akazawa" / "index.html").read_text(encoding="utf-8")
    assert "赤澤亮正" in html
    assert "Referenced by" in html and "Met in" in html and "Sources" in html
    assert re.search(r'href="https?://[^"]+"', html)
    assert "kb/people/ryosei-akazawa.yml" in html  # the edit link opens the YAML, not generated Markdown


def _search_sections(html: str) -> list[tuple[str | None, str, str]]:
    """What Material's search plugin reads from a page: (anchor, title words, text words) per section."""
    from material.plugins.search.plugin import Parser

    parser = Parser()
    parser.feed(html)
    parser.close()
    return [(s.id, " ".join("".join(s.title).split()), " ".join("".join(s.text).split())) for s in parser.data]


def test_search_indexes_the_same_sections_and_words_as_the_full_html() -> None:
    """The search plugin reads a lighter view of each generated page; a reader's search must not notice."""
    from kbsite.render import Site

    site = Site(build(KB))
    for uri, page in site.pages.items():
        assert _search_sections(page.searchable) == _search_sections(page.html), uri
        assert len(page.searchable) <= len(page.html)
    assert (
        sum(len(page.searchable) for page in site.pages.values())
        < sum(len(page.html) for page in site.pages.values()) / 2
    )


def test_search_index_lists_the_sections_of_a_record_page(real_site: Project) -> None:
    index = json.loads((real_site.site / "search" / "search_index.json").read_text(encoding="utf-8"))
    entries = {doc["location"]: doc for doc in index["docs"] if doc["location"].startswith("people/ryosei-akazawa/")}
    assert entries["people/ryosei-akazawa/"]["title"] == "Ryosei Akazawa"
    assert "赤澤亮正" in entries["people/ryosei-akazawa/"]["text"]
    sources = next(doc for location, doc in entries.items() if location.endswith("#sources"))
    assert sources["title"] == "Sources" and "<a " not in sources["text"] and "http" not in sources["text"]


def test_generated_pages_keep_their_nav_labels_and_table_of_contents(real_site: Project) -> None:
    """MkDocs converts no Markdown for generated pages: the nav label, title and TOC still come out right."""
    page = (real_site.site / "meetings" / "index.html").read_text(encoding="utf-8")
    nav = page[page.index('<nav class="md-nav md-nav--primary"') :]
    assert re.search(r">\s*Meetings\s*<", nav)  # the label mkdocs.yml gives
    assert "<title>Meetings and negotiation rounds - " in page  # the page's own title
    person = (real_site.site / "people" / "ryosei-akazawa" / "index.html").read_text(encoding="utf-8")
    toc = person[person.index('<nav class="md-nav md-nav--secondary"') :]
    toc = toc[: toc.index("</nav>")]
    # the key facts stand under the title, outside the table of contents, which starts with the first section
    assert re.findall(r'href="#([a-z-]+)"', toc)[:2] == ["roles", "quotes"] and 'href="#sources"' in toc


def test_record_pages_stay_out_of_the_nav(real_site: Project) -> None:
    home = (real_site.site / "index.html").read_text(encoding="utf-8")
    nav = home[home.index('<nav class="md-nav md-nav--primary"') :]
    assert "people/ryosei-akazawa/" not in nav and "people/" in nav


def test_broken_kb_aborts_with_every_problem_and_leaves_the_site_alone(mini_project: Project) -> None:
    first = mini_project.mkdocs_build()
    assert first.returncode == 0, first.stderr
    before = sorted(p.relative_to(mini_project.site) for p in mini_project.site.rglob("*"))
    mini_project.write("kb/people/broken.yml", "id: broken\nname: [A\n")
    mini_project.write("kb/people/mistyped.yml", "id: mistyped\nname: A\nconfidence: hihg\nsources: [nope]\n")
    result = mini_project.mkdocs_build()
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert "kb/people/broken.yml:3:1: YAML syntax error" in result.stderr
    assert "kb/people/mistyped.yml:3:1: confidence: expected one of" in result.stderr
    assert "kb/people/mistyped.yml:4:11: sources.0.source: no source has the id 'nope'" in result.stderr  # same run
    assert "3 problems found in the knowledge base." in result.stderr
    assert sorted(p.relative_to(mini_project.site) for p in mini_project.site.rglob("*")) == before


HOSTILE = '<script>alert("x")</script><img src=x onerror=alert(1)>'


def test_hostile_text_never_reaches_the_html_as_markup(mini_project: Project) -> None:
    mini_project.write(
        "kb/people/hostile.yml",
        "\n".join(
            [
                "id: hostile",
                f"name: '{HOSTILE} Name'",
                "aliases: ['[x](javascript:alert(1))']",
                f"summary: 'Hello {HOSTILE} and <a href=\"javascript:alert(2)\">a link</a> [md](http://ok.example/) <iframe src=x>'",
                "roles:",
                f"  - title: '{HOSTILE}'",
                "sources: [reuters-2025-04-16]",
                "confidence: high",
                "",
            ]
        ),
    )
    result = mini_project.mkdocs_build()
    assert result.returncode == 0, result.stderr
    for page in mini_project.site.rglob("*.html"):
        markup = parse(page)
        assert "alert" not in markup.scripts, page
        for block in markup.data_blocks:
            assert "<" not in block and isinstance(json.loads(block), dict), page
        for tag, attrs in markup.tags:
            assert tag not in ("iframe", "img"), (page, tag)
            assert not any(name.startswith("on") for name in attrs), (page, tag, attrs)
        assert not any(url.lower().startswith("javascript:") for url in markup.urls), page
    page = mini_project.site / "people" / "hostile" / "index.html"
    html = page.read_text(encoding="utf-8")
    assert "&lt;script&gt;" in html  # shown as text, not dropped
    assert parse(page).title.startswith(HOSTILE)  # the title reads as the text it is...
    assert "<title>&lt;script&gt;" in html  # ...because it is escaped in the markup
    assert 'href="http://ok.example/"' in html


def test_markdown_links_to_javascript_are_refused_at_validation(mini_project: Project) -> None:
    mini_project.write(
        "kb/people/bad.yml",
        "id: bad\nname: A\nsummary: '[x](javascript:alert(1))'\nsources: [reuters-2025-04-16]\nconfidence: high\n",
    )
    result = mini_project.mkdocs_build()
    assert result.returncode == 1 and "summary: links may only use http or https" in result.stderr
