"""The Japanese catalogue covers the interface: every string the templates pass to ``_()`` and the Python code to
``t()`` has a Japanese entry, and every entry keeps the values ({placeholders}) and the markup of its English, so a
Japanese page never shows an English sentence or loses a link. The English names of the kinds that the templates
print through ``_(value)`` (index titles, column headers, timeline categories, relation names) count too."""

from __future__ import annotations

import ast
import re
import string
from collections import Counter
from pathlib import Path
from typing import get_args

import jinja2
import yaml
import pytest
from jinja2.ext import extract_from_ast

from kbsite.i18n import CATALOGUES, catalogue
from kbsite.models import KINDS
from kbsite.render.tariffs import AXIS
from kbsite.types import Confidence
from kbsite.validate import _reference_fields

HOOKS = Path(__file__).resolve().parent.parent / "hooks" / "kbsite"
TEMPLATES = HOOKS / "templates"
_TAG = re.compile(r"</?[a-zA-Z][^>]*>")


def _where(path: Path, line: int) -> str:
    return f"{path.relative_to(HOOKS.parent.parent)}:{line}"


def template_strings() -> dict[str, str]:
    """Every literal the templates translate, with where it first appears. Parsed with Jinja itself, so that a
    literal spread over lines, or with escaped quotes, reads exactly as the page gets it. Whole Japanese
    templates (``*.ja.*``) have nothing to translate."""
    env = jinja2.Environment()
    found: dict[str, str] = {}
    for path in sorted(TEMPLATES.glob("*.j2")):
        if ".ja." in path.name:
            continue
        tree = env.parse(path.read_text(encoding="utf-8"))
        for line, _, message in extract_from_ast(tree, gettext_functions=("_",), babel_style=False):
            text = message[0] if isinstance(message, tuple) else message
            if isinstance(text, str):
                found.setdefault(text, _where(path, line))
    return found


def code_strings() -> dict[str, str]:
    """Every literal the Python code passes to ``t()``."""
    found: dict[str, str] = {}
    for path in sorted(HOOKS.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Name)
                and node.func.id == "t"
                and node.args
                and isinstance(node.args[0], ast.Constant)
                and isinstance(node.args[0].value, str)
            ):
                found.setdefault(node.args[0].value, _where(path, node.lineno))
    return found


def kind_strings() -> dict[str, str]:
    """The English the kinds define and the templates print through ``_(value)``, with the confidence levels
    and what a tariff chart plots (as its column header, and lower-cased in the sentence under a section)."""
    found: dict[str, str] = {level: "a confidence level (types.py)" for level in get_args(Confidence)}
    for quantity in AXIS:
        found[quantity] = found[quantity[0].lower() + quantity[1:]] = "what a tariff chart plots (render/tariffs.py)"
    for kind, model in KINDS.items():
        values = [
            model.index_title,
            model.name_header,
            model.timeline_filter,
            (model.__doc__ or "").strip(),
            *(column.header for column in model.index_columns),
            *(category.label for category in model.timeline_categories),
            *model.reverse.values(),
        ]
        for value in values:
            if value:
                found.setdefault(value, f"the {kind} kind (models.py)")
        for name in _reference_fields(model):  # graph.py names a backlink after the field where reverse does not
            relation = model.reverse.get(name, f"{model.plural.title()} ({name.replace('_', ' ')})")
            found.setdefault(relation, f"the {kind} kind's backlinks (graph.py)")
    return found


def _missing(strings: dict[str, str]) -> list[str]:
    japanese = catalogue("ja")
    return [f"{where}: {text!r}" for text, where in strings.items() if text not in japanese]


def test_the_templates_translate_something() -> None:
    strings = template_strings()
    assert "Sources" in strings and "What each side says" in strings, "the templates no longer go through _()"


def test_every_template_string_has_japanese() -> None:
    missing = _missing(template_strings())
    assert not missing, "not in hooks/kbsite/i18n/ja/*.yml:\n" + "\n".join(missing)


def test_every_kind_name_the_templates_print_has_japanese() -> None:
    missing = _missing(kind_strings())
    assert not missing, "not in hooks/kbsite/i18n/ja/*.yml:\n" + "\n".join(missing)


def test_every_code_string_has_japanese() -> None:
    strings = code_strings()
    if not strings:
        pytest.skip("no t() calls in hooks/kbsite yet")
    missing = _missing(strings)
    assert not missing, "not in hooks/kbsite/i18n/ja/*.yml:\n" + "\n".join(missing)


def _placeholders(text: str) -> Counter[str]:
    return Counter(name for _, name, _, _ in string.Formatter().parse(text) if name is not None)


def test_every_translation_keeps_the_values_and_markup_of_its_english() -> None:
    wrong = []
    for english, japanese in catalogue("ja").items():
        if _placeholders(japanese) != _placeholders(english):
            wrong.append(f"{english!r}: values {dict(_placeholders(english))} became {dict(_placeholders(japanese))}")
        if Counter(_TAG.findall(japanese)) != Counter(_TAG.findall(english)):
            wrong.append(f"{english!r}: markup {_TAG.findall(english)} became {_TAG.findall(japanese)}")
        if not japanese.strip():
            wrong.append(f"{english!r}: empty translation")
    assert not wrong, "\n".join(wrong)


def test_no_string_is_translated_two_ways() -> None:
    """Each helper writes a catalogue file of its own; a string two files translate differently would read as
    whichever file loads last."""
    seen: dict[str, tuple[str, str]] = {}
    clashes = []
    for path in sorted((CATALOGUES / "ja").glob("*.yml")):
        for english, japanese in (yaml.safe_load(path.read_text(encoding="utf-8")) or {}).items():
            if english in seen and seen[english][1] != japanese:
                clashes.append(
                    f"{english!r}: {seen[english][0]} says {seen[english][1]!r}, {path.name} says {japanese!r}"
                )
            seen.setdefault(english, (path.name, japanese))
    assert not clashes, "\n".join(clashes)
