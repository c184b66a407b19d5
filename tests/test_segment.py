"""The Japanese search terms and the worker step they need (hooks/kbsite/render/segment.py)."""

from __future__ import annotations

from pathlib import Path

import material


from kbsite.render import segment

WORKERS = Path(material.__file__).parent / "templates/assets/javascripts/workers"


def test_a_query_for_a_word_inside_a_kanji_run_is_a_prefix_of_a_term() -> None:
    found = segment.terms("<p>米国の対日相互関税（24%）、ラトニック商務長官と赤澤亮正</p>").split()
    assert {"相互関税", "関税", "ラトニック", "赤澤亮正"} <= set(found)
    assert any(term.startswith("赤澤") for term in found)
    assert "p" not in found and "の" not in found  # markup and particles are not terms


def test_pages_about_a_thing_rank_first() -> None:
    assert segment.with_terms({"location": "people/ryosei-akazawa/", "title": "赤澤亮正", "text": ""})["boost"] > 1
    assert "boost" not in segment.with_terms({"location": "claims/x/", "title": "赤澤は", "text": ""})
