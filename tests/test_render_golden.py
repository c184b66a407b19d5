"""Golden render tests: for each kind, one fixture record in (tests/fixtures/mini with tests/fixtures/claims laid
over it: the first record of the kind by id), the HTML of its page's main section out (from the title to the
Related, Referenced by or Sources heading, whichever comes first), one readable file per kind in
tests/golden/render/. A layout change shows up as a readable diff; refresh them with KB_UPDATE_GOLDEN=1 make test
(or KB_UPDATE_GOLDEN=1 make unit) after checking that the change is the one meant."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

from kbsite import KnowledgeBase, build
from kbsite.models import KINDS
from kbsite.render import Site
from kbsite.render.pages import record_uri
from test_claims import claims_kb

GOLDEN = Path(__file__).resolve().parent / "golden" / "render"
_END = re.compile(r'<h2 id="(?:related|referenced-by|sources)"')


@pytest.fixture(scope="module")
def rendered(tmp_path_factory: pytest.TempPathFactory) -> tuple[KnowledgeBase, dict[str, str]]:
    kb = build(claims_kb(tmp_path_factory.mktemp("golden")))
    return kb, {uri: page.html for uri, page in Site(kb).pages.items()}


def main_section(html: str) -> str:
    end = _END.search(html)
    return (html[: end.start()] if end else html).rstrip() + "\n"


@pytest.mark.parametrize("kind", list(KINDS))
def test_each_kind_renders_as_its_golden_file(rendered: tuple[KnowledgeBase, dict[str, str]], kind: str) -> None:
    kb, pages = rendered
    assert kb.by_kind[kind], f"the fixtures have no {kind}: add one to tests/fixtures/mini"
    record = min(kb.by_kind[kind], key=lambda r: r.id)
    got = main_section(pages[record_uri(record)])
    golden = GOLDEN / f"{kind}.html"
    if os.environ.get("KB_UPDATE_GOLDEN") == "1":
        golden.parent.mkdir(parents=True, exist_ok=True)
        golden.write_text(got, encoding="utf-8")
    assert golden.is_file(), f"{golden} is missing: run KB_UPDATE_GOLDEN=1 make unit"
    assert got == golden.read_text(encoding="utf-8"), f"{kind} renders differently from {golden}"
