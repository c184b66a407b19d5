"""The record kinds: documented, strict, and published as JSON Schemas that are kept current."""

from __future__ import annotations

import json

import pytest
from pydantic import BaseModel, ValidationError

from conftest import KB
from kbsite.models import KINDS, Person
from kbsite.schemas import schema_texts, stale_schemas
from kbsite.types import PartialDate


def all_models() -> set[type[BaseModel]]:
    seen: set[type[BaseModel]] = set()

    def visit(model: type[BaseModel]) -> None:
        if model in seen:
            return
        seen.add(model)
        for field in model.model_fields.values():
            for nested in _models_in(field.annotation):
                visit(nested)

    for model in KINDS.values():
        visit(model)
    return seen


def _models_in(annotation: object) -> list[type[BaseModel]]:
    import typing

    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return [annotation]
    return [m for arg in typing.get_args(annotation) for m in _models_in(arg)]


@pytest.mark.parametrize("model", sorted(all_models(), key=lambda m: m.__name__), ids=lambda m: m.__name__)
def test_every_field_is_described(model: type[BaseModel]) -> None:
    assert model.__doc__
    undocumented = [name for name, field in model.model_fields.items() if not field.description]
    assert not undocumented, f"{model.__name__}: add a docstring under {undocumented}"


def test_schemas_in_kb_are_current() -> None:
    assert not stale_schemas(KB / "schemas"), "run `make schemas` and commit kb/schemas/"


def test_schemas_are_valid_json_with_every_field() -> None:
    for name, text in schema_texts().items():
        schema = json.loads(text)
        kind = name.removesuffix(".schema.json")
        assert set(schema["properties"]) == set(KINDS[kind].model_fields)
        assert schema["additionalProperties"] is False


def test_records_are_frozen_and_strict() -> None:
    person = Person.model_validate({"id": "a", "name": "A", "sources": ["s"], "confidence": "high"})
    with pytest.raises(ValidationError):
        person.name = "B"  # type: ignore[misc]
    for bad in ({"name": 12}, {"confidence": "HIGH"}, {"nationality": 5}, {"roles": [{"title": "x", "former": "no"}]}):
        with pytest.raises(ValidationError):
            Person.model_validate({"id": "a", "name": "A", "sources": ["s"], "confidence": "high", **bad})


@pytest.mark.parametrize(
    ("text", "human", "precision"),
    [("2025", "2025", "year"), ("2025-04", "April 2025", "month"), ("2025-04-16", "16 April 2025", "day")],
)
def test_partial_dates(text: str, human: str, precision: str) -> None:
    date = PartialDate.parse(text)
    assert (str(date), date.human(), date.precision) == (text, human, precision)


def test_partial_date_order_respects_precision() -> None:
    april, mid_april, may = PartialDate.parse("2025-04"), PartialDate.parse("2025-04-16"), PartialDate.parse("2025-05")
    assert not april.precedes(mid_april) and not mid_april.precedes(april)
    assert april.precedes(may) and mid_april.precedes(may)
    for bad in ("2025-02-29", "2025-13", "25-04-16", "2025-4-1"):
        with pytest.raises(ValueError):
            PartialDate.parse(bad)
