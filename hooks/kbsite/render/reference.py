"""The field reference: every field of every record kind, in words, generated from the models."""

from __future__ import annotations

import types
import typing
from collections.abc import Iterator

from pydantic import BaseModel

from ..models import nested_part
from ..types import Localized, Markdown, PartialDate, Ref


def reference_fields(model: type[BaseModel], prefix: str = "") -> Iterator[tuple[str, str, bool, str]]:
    """(dotted name, type in words, required, description) of every field of a kind, nested parts included."""
    for name, field in model.model_fields.items():
        yield (
            f"{prefix}{name}",
            _type_words(field.annotation),
            field.is_required(),
            " ".join((field.description or "").split()),
        )
        nested = nested_part(field.annotation)
        if nested is not None:
            yield from reference_fields(nested, f"{prefix}{name}.")


def _type_words(annotation: object) -> str:
    """A field's type as contributors read it: "list of person ids", "date", "one of: a, b"."""
    origin, args = typing.get_origin(annotation), typing.get_args(annotation)
    if origin is typing.Annotated:
        return _type_words(args[0])
    if origin in (typing.Union, types.UnionType):
        return " or ".join(_type_words(arg) for arg in args if arg is not type(None))
    if origin is list:
        return f"list of {_type_words(args[0])}"
    if origin is typing.Literal:
        return "one of: " + ", ".join(str(a) for a in args)
    if isinstance(annotation, type):
        if issubclass(annotation, Ref):
            return " or ".join(annotation.kinds) + " id"
        if issubclass(annotation, PartialDate):
            return "date"
        if issubclass(annotation, Markdown):
            return "Markdown text (or {en, ja})"
        if issubclass(annotation, Localized):
            return "text (or {en, ja})"
        if issubclass(annotation, BaseModel):
            return "source id or citation" if annotation.__name__ == "Citation" else f"{annotation.__name__} (below)"
        return {"str": "text", "int": "whole number", "float": "number", "bool": "true or false"}.get(
            annotation.__name__, annotation.__name__
        )
    return str(annotation)
