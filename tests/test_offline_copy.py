"""The offline copy's link on the home and about pages: its size and date, and a note instead inside the copy."""

from __future__ import annotations

import pytest

from conftest import KB, Project
from kbsite import build
from kbsite.render import Site
from kbsite.render.offline import MARKER, size

DAY = '<time datetime="2026-12-01">1 December 2026</time>'  # kb/config.yml's as_of


@pytest.fixture(scope="module")
def kb():  # type: ignore[no-untyped-def]
    return build(KB)


def home(kb, directory_urls: bool = True) -> str:  # type: ignore[no-untyped-def]
    return Site(kb, directory_urls=directory_urls).pages["index.md"].html


def test_the_home_page_links_to_the_zip_with_its_size_and_date(kb, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.delenv("OFFLINE", raising=False)
    monkeypatch.setenv("KB_OFFLINE_BYTES", "5738242")
    html = home(kb)
    assert (
        f'<a href="site-offline.zip" download>Download the offline copy</a> (a zip file, 5.7 MB, with the facts checked up to {DAY})'
        in html
    )


def test_without_a_size_the_link_gives_the_date_alone(kb, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.delenv("OFFLINE", raising=False)
    monkeypatch.delenv("KB_OFFLINE_BYTES", raising=False)
    assert f"Download the offline copy</a> (a zip file, with the facts checked up to {DAY})" in home(kb)


def test_inside_the_offline_copy_a_note_replaces_the_link(kb, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("OFFLINE", "true")
    monkeypatch.setenv("KB_OFFLINE_BYTES", "5738242")
    site = Site(kb, directory_urls=False)
    for html in (site.pages["index.md"].html, site.annotate(f"<h2>Offline</h2>\n{MARKER}\n", lambda uri: "index.html")):
        assert "site-offline.zip" not in html
        assert f"This is the offline copy of the site, with the facts checked up to {DAY}" in html


def test_the_about_page_links_one_folder_up(kb, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.delenv("OFFLINE", raising=False)
    monkeypatch.setenv("KB_OFFLINE_BYTES", "850400")
    html = Site(kb).annotate(f"<p>x</p>\n{MARKER}\n", lambda uri: "../" if uri == "index.md" else "../x/")
    assert '<a href="../site-offline.zip" download>Download the offline copy</a> (a zip file, 850 kB,' in html


def test_the_built_about_page_has_the_link(real_site: Project) -> None:
    about = (real_site.site / "about" / "index.html").read_text(encoding="utf-8")
    assert '<a href="../site-offline.zip" download>Download the offline copy</a>' in about and DAY in about
    assert MARKER not in about


def test_sizes_read_as_browsers_show_them() -> None:
    assert (size(5_738_242), size(850_400), size(120)) == ("5.7 MB", "850 kB", "1 kB")
