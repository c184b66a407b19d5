"""Pydantic's validation errors reworded for contributors: what was expected, what was found, and a hint
("expected one of 'high', 'medium', 'low', found 'hihg'; did you mean 'high'?")."""

from __future__ import annotations

import difflib
import re
from typing import Any

from pydantic import BaseModel
from pydantic_core import ErrorDetails

from .models import nested_part
from .types import ID_PATTERN, PLAIN, TRANSLATED, TRANSLATIONS
from .yamlfile import Loc


def field_path(loc: Loc) -> str:
    return ".".join(str(part) for part in loc)


def suggest(word: str, choices: list[str]) -> str:
    match = difflib.get_close_matches(word, choices, n=1, cutoff=0.6)
    return f"; did you mean {match[0]!r}?" if match else ""


def a_noun(noun: str) -> str:
    return f"{'an' if noun[0] in 'aeiou' else 'a'} {noun}"


def _shown(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


def message(error: ErrorDetails, model: type[BaseModel]) -> str:
    """A pydantic error, rephrased to say what was expected and what was found."""
    kind, loc, value = error["type"], error["loc"], error.get("input")
    if TRANSLATED in loc and kind == "extra_forbidden":
        keys = ["en", *(key for language in TRANSLATIONS for key in (language, f"{language}_of"))]
        close = difflib.get_close_matches(str(loc[-1]), keys, n=1, cutoff=0.5)
        hint = f"; did you mean {close[0]!r}?" if close else ""
        return f"unknown language{hint} (a translated text takes {', '.join(keys)})"
    if TRANSLATED in loc and kind == "string_pattern_mismatch":
        return f"expected the 8-character fingerprint that `make translated` writes, found {_shown(value)}"
    if PLAIN in loc and kind == "string_type" and not isinstance(value, (int, float, bool)):
        return f"expected text, or a mapping of languages ({{en: ..., ja: ...}}), found {_shown(value)}"
    if kind == "extra_forbidden":
        owner = _owner(model, loc[:-1])
        known = sorted(owner.model_fields) if owner else []
        return f"unknown field{suggest(str(loc[-1]), known)}" + (
            "" if suggest(str(loc[-1]), known) else f" (known fields: {', '.join(known)})"
        )
    if kind == "missing":
        return "required field is missing"
    if kind == "literal_error":
        expected = error["ctx"]["expected"]
        options = re.findall(r"'([^']*)'", expected)
        return f"expected one of {expected}, found {_shown(value)}{suggest(str(value), options)}"
    if kind == "string_pattern_mismatch" and error["ctx"]["pattern"] == ID_PATTERN:
        return f"expected an id of lower-case words joined by hyphens (scott-bessent), found {_shown(value)}"
    if kind == "string_pattern_mismatch":
        return f"does not have the expected form ({_describe(model, loc)}), found {_shown(value)}"
    if kind == "string_too_long":
        return f"expected at most {error['ctx']['max_length']:,} characters, found {len(str(value)):,}"
    if kind == "too_short":
        least = error["ctx"]["min_length"]
        return (
            f"expected at least {least} item{'s' if least != 1 else ''}, found none"
            if not value
            else (f"expected at least {least} items, found {len(value)}")
        )
    if kind in ("string_type", "int_type", "float_type", "bool_type", "list_type", "model_type", "dict_type"):
        wanted = {
            "string_type": "text",
            "int_type": "a whole number",
            "float_type": "a number",
            "bool_type": "true or false",
            "list_type": "a list",
            "model_type": "a mapping",
            "dict_type": "a mapping",
        }[kind]
        hint = ""
        if kind == "string_type" and isinstance(value, (int, float, bool)):
            hint = "; put it in quotes to make it text"
        if kind == "bool_type" and isinstance(value, str):
            hint = "; only true and false are booleans"
        if kind in ("int_type", "float_type") and isinstance(value, str):
            hint = "; write the number without quotes"
        return f"expected {wanted}, found {_shown(value)}{hint}"
    message = str(error["msg"]).removeprefix("Value error, ")
    if kind == "value_error":  # our own validators say what they found
        return message
    return f"{message[0].lower()}{message[1:]}, found {_shown(value)}"


def _describe(model: type[BaseModel], loc: Loc) -> str:
    """The first sentence of a field's docstring, which shows an example of the expected form."""
    names = [part for part in loc if isinstance(part, str)]
    owner = _owner(model, loc[:-1]) if names else None
    field = owner.model_fields.get(names[-1]) if owner and names else None
    return (
        (field.description or "").split("\n")[0].rstrip(".").replace("``", "'") if field else "see the field reference"
    )


def _owner(model: type[BaseModel], loc: Loc) -> type[BaseModel] | None:
    """The nested model a field path ends in, for naming its known fields."""
    current: Any = model
    for part in loc:
        if isinstance(part, int) or current is None:
            continue
        field = current.model_fields.get(part) if isinstance(current, type) and issubclass(current, BaseModel) else None
        current = nested_part(field.annotation) if field else None
    return current if isinstance(current, type) and issubclass(current, BaseModel) else None
