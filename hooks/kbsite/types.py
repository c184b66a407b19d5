"""Value types shared by the record kinds: ids, typed references, partial dates, prose, links, time zones."""

from __future__ import annotations

import calendar
import hashlib
import re
import zoneinfo
from dataclasses import dataclass
from datetime import date
from functools import cache
from collections.abc import Mapping
from types import MappingProxyType
from typing import Annotated, Any, ClassVar, Literal
from urllib.parse import urlsplit

from .i18n import current as current_language
from pydantic import AfterValidator, GetCoreSchemaHandler, GetJsonSchemaHandler, StringConstraints
from pydantic_core import core_schema

ID_PATTERN = r"^[a-z0-9]+(-[a-z0-9]+)*$"
DATE_PATTERN = r"^[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?$"

Id = Annotated[str, StringConstraints(pattern=ID_PATTERN)]
"""A record id: lower-case words joined by hyphens, equal to the file name."""

Confidence = Literal["high", "medium", "low"]

MAX_TEXT = 2_000
"""The most characters one plain-text field may hold (a name, a title, a quoted sentence)."""
MAX_PROSE = 8_000
"""The most characters one Markdown field may hold: a few paragraphs. Markdown's cost grows faster than the text."""
MAX_PROSE_LINES = 200
"""The most lines one Markdown field may hold (Python-Markdown re-reads a block's lines for each line that ends it)."""
MAX_OPEN_BRACKETS = 10
"""How many '[' or '(' of one Markdown field may stay unclosed: Python-Markdown reads to the end of the text for each."""
MAX_BRACKET_DEPTH = 5
"""How deep brackets and parentheses may nest in one Markdown field (each level is read again)."""
YEARS = (1900, 2100)
"""The years a date of the knowledge base can mean."""

Verbatim = Annotated[str, StringConstraints(min_length=1, max_length=MAX_TEXT, strip_whitespace=False)]
"""Plain text kept word for word in every language (a quotation, a source's own title, a legal citation)."""

TRANSLATIONS = ("ja",)
"""The languages a reader-facing text may be translated into; English is the text itself."""
DIGEST_PATTERN = r"^[0-9a-f]{8}$"


def digest(english: str) -> str:
    """The fingerprint of an English text that a translation records as the text it was made from."""
    return hashlib.sha256(english.encode()).hexdigest()[:8]


class Localized(str):
    """Reader-facing text: the string is the English; ``translations`` holds the other languages' texts and
    ``made_from`` the digest of the English each was translated from (a changed English makes it stale)."""

    translations: Mapping[str, str] = MappingProxyType({})
    made_from: Mapping[str, str] = MappingProxyType({})

    def __new__(
        cls, english: str, translations: Mapping[str, str] | None = None, made_from: Mapping[str, str] | None = None
    ) -> Localized:
        text = super().__new__(cls, english)
        if translations:
            text.translations = dict(translations)
        if made_from:
            text.made_from = dict(made_from)
        return text

    def __reduce__(self) -> tuple[Any, ...]:
        return type(self), (str(self), dict(self.translations), dict(self.made_from))

    def status(self, language: str) -> Literal["translated", "stale", "missing"]:
        """Whether this text has a translation into ``language`` made from its present English."""
        if language not in self.translations:
            return "missing"
        made_from = self.made_from.get(language)
        return "stale" if made_from is not None and made_from != digest(self) else "translated"

    def into(self, language: str) -> Localized:
        """The text a reader of ``language`` sees: its translation, else the English (marked by ``status``)."""
        if language == "en" or language not in self.translations:
            return self
        return type(self)(self.translations[language], {"en": str(self)})

    @classmethod
    def _checked_text(cls, value: str) -> str:
        return value

    @classmethod
    def _text_schema(cls) -> core_schema.CoreSchema:
        return core_schema.str_schema(min_length=1, max_length=MAX_TEXT, strict=True)

    @classmethod
    def __get_pydantic_core_schema__(cls, source: Any, handler: GetCoreSchemaHandler) -> core_schema.CoreSchema:
        text = core_schema.no_info_after_validator_function(cls._checked_text, cls._text_schema())
        fields = {"en": core_schema.typed_dict_field(text, required=True)}
        for language in TRANSLATIONS:
            fields[language] = core_schema.typed_dict_field(text, required=False)
            fields[f"{language}_of"] = core_schema.typed_dict_field(
                core_schema.str_schema(pattern=DIGEST_PATTERN, strict=True), required=False
            )
        translated = core_schema.typed_dict_schema(fields, extra_behavior="forbid")
        return core_schema.tagged_union_schema(
            {
                PLAIN: core_schema.no_info_after_validator_function(cls, text),
                TRANSLATED: core_schema.no_info_after_validator_function(cls._from_mapping, translated),
            },
            discriminator=lambda value: TRANSLATED if isinstance(value, dict) else PLAIN,
        )

    @classmethod
    def _from_mapping(cls, value: dict[str, str]) -> Localized:
        return cls(
            value["en"],
            {language: value[language] for language in TRANSLATIONS if language in value},
            {language: value[f"{language}_of"] for language in TRANSLATIONS if f"{language}_of" in value},
        )

    @classmethod
    def __get_pydantic_json_schema__(
        cls, schema: core_schema.CoreSchema, handler: GetJsonSchemaHandler
    ) -> dict[str, Any]:
        text = cls._text_json_schema()
        translated: dict[str, Any] = {
            "type": "object",
            "properties": {"en": {**text, "description": "The English text."}},
            "required": ["en"],
            "additionalProperties": False,
        }
        for language in TRANSLATIONS:
            translated["properties"][language] = {**text, "description": f"The text in {LANGUAGE_NAMES[language]}."}
            translated["properties"][f"{language}_of"] = {
                "type": "string",
                "pattern": DIGEST_PATTERN,
                "description": "The fingerprint of the English this translation was made from (make translated).",
            }
        return {"anyOf": [text, translated]}

    @classmethod
    def _text_json_schema(cls) -> dict[str, Any]:
        return {"type": "string", "minLength": 1, "maxLength": MAX_TEXT}


PLAIN, TRANSLATED = "plain", "translated"
"""The two forms a translatable field takes, as pydantic names them in an error's location (dropped there)."""
LANGUAGE_NAMES = {"en": "English", "ja": "Japanese"}

Text = Localized
"""Plain reader-facing text, shown escaped: a string (English) or ``{en: ..., ja: ...}``."""


class Ref(str):
    """The id of another record, typed by the kinds it may name; one generic check resolves them all."""

    kinds: ClassVar[tuple[str, ...]] = ()

    @staticmethod
    @cache
    def to(*kinds: str) -> type[Ref]:
        """The reference type that must name a record of one of ``kinds``."""
        name = "".join(kind.title() for kind in kinds) + "Ref"
        return type(name, (Ref,), {"kinds": kinds})

    @classmethod
    def __get_pydantic_core_schema__(cls, source: Any, handler: GetCoreSchemaHandler) -> core_schema.CoreSchema:
        return core_schema.no_info_after_validator_function(
            cls, core_schema.str_schema(pattern=ID_PATTERN, strict=True)
        )

    @classmethod
    def __get_pydantic_json_schema__(
        cls, schema: core_schema.CoreSchema, handler: GetJsonSchemaHandler
    ) -> dict[str, Any]:
        return {"type": "string", "pattern": ID_PATTERN, "x-kb-reference": list(cls.kinds)}


class Markdown(Localized):
    """Prose written in Markdown: rendered, then sanitized; links may only be http(s) or other pages. A string
    (English) or ``{en: ..., ja: ...}``."""

    @classmethod
    def _text_schema(cls) -> core_schema.CoreSchema:
        return core_schema.str_schema(min_length=1, strict=True)

    @classmethod
    def _text_json_schema(cls) -> dict[str, Any]:
        return {"type": "string", "minLength": 1, "maxLength": MAX_PROSE, "contentMediaType": "text/markdown"}

    _LINK = re.compile(
        r"\]\([ \t\n]*<?([^)\s>]+)|<([a-zA-Z][a-zA-Z0-9+.-]*:[^<>\s]*)>"
        r"|^[ \t]*\[[^\]\n]+\]:[ \t]*<?([^\s<>]+)>?[ \t]*$",
        re.M,
    )
    """Link targets: inline links, autolinks and reference definitions. Written so that no part can match what the
    next part starts with: each attempt ends at the line, the '<' or the ')' it meets, and the scan is linear."""

    @classmethod
    def _checked_text(cls, value: str) -> str:
        problem = prose_budget(value)
        if problem:
            raise ValueError(problem)
        if "](" not in value and "<" not in value and "]:" not in value:  # no link can match: most prose
            return value
        for match in cls._LINK.finditer(value):
            target = next(group for group in match.groups() if group)
            scheme = urlsplit(target).scheme.lower()
            if scheme not in ("", "http", "https"):
                raise ValueError(f"links may only use http or https, found {target!r}")
        return value


_BRACKET = re.compile(r"\\.|[\[\]()]", re.S)


def prose_budget(value: str) -> str | None:
    """Why a Markdown text would cost more to render than its length says, else None: too long, too many lines,
    brackets or parentheses left open or nested deep (Python-Markdown reads to the end of the text for each)."""
    if len(value) > MAX_PROSE:
        return f"expected at most {MAX_PROSE:,} characters of Markdown, found {len(value):,}; split it or shorten it"
    lines = value.count("\n") + 1
    if lines > MAX_PROSE_LINES:
        return f"expected at most {MAX_PROSE_LINES} lines of Markdown, found {lines:,}"
    if "[" not in value and "(" not in value:
        return None
    deepest = unclosed = 0
    open_brackets: list[str] = []
    still_open = {"[": 0, "(": 0}
    for token in _BRACKET.findall(value):  # only the brackets and escapes: prose has few
        if token == "[" or token == "(":
            open_brackets.append(token)
            still_open[token] += 1
            deepest = max(deepest, len(open_brackets))
        elif token == "]" or token == ")":
            opener = "[" if token == "]" else "("
            if still_open[opener]:  # what was opened after it is closed by nothing
                while (last := open_brackets.pop()) != opener:
                    still_open[last] -= 1
                    unclosed += 1
                still_open[opener] -= 1
    unclosed += len(open_brackets)
    if unclosed > MAX_OPEN_BRACKETS:
        return (
            f"{unclosed:,} brackets or parentheses are never closed (at most {MAX_OPEN_BRACKETS}); "
            "write \\[ or \\( for one that is text"
        )
    if deepest - unclosed > MAX_BRACKET_DEPTH:  # the unclosed ones are counted above; the rest nest this deep at least
        return f"brackets or parentheses nest {deepest - unclosed:,} deep (at most {MAX_BRACKET_DEPTH})"
    return None


def _http_url(value: str) -> str:
    parts = urlsplit(value)
    if parts.scheme not in ("http", "https") or not parts.netloc or any(ch.isspace() for ch in value):
        raise ValueError(f"expected an http(s) URL such as 'https://example.org/page', found {value!r}")
    return value


Url = Annotated[str, AfterValidator(_http_url)]
"""An absolute http:// or https:// address."""


@cache
def _zones() -> frozenset[str]:
    return frozenset(zoneinfo.available_timezones())


def _time_zone(value: str) -> str:
    if value not in _zones():
        raise ValueError(f"expected an IANA time zone such as 'America/New_York' or 'Asia/Tokyo', found {value!r}")
    return value


TimeZone = Annotated[str, AfterValidator(_time_zone)]
"""An IANA time zone name (``America/New_York``, ``Asia/Tokyo``)."""

Clock = Annotated[str, StringConstraints(pattern=r"^([01][0-9]|2[0-3]):[0-5][0-9]$")]
"""A local time of day, ``HH:MM`` on a 24-hour clock (US legal effective times are ``00:01``)."""

MONTHS = tuple(calendar.month_name)


@dataclass(frozen=True, order=True)
class PartialDate:
    """A date known to the year, the month or the day, written ``2025``, ``2025-04`` or ``2025-04-16``."""

    year: int
    month: int = 0
    """0 when only the year is known."""
    day: int = 0
    """0 when only the year or the month is known."""

    @classmethod
    def parse(cls, text: Any) -> PartialDate:
        if isinstance(text, int) and not isinstance(text, bool) and 1000 <= text <= 9999:
            raise ValueError(f"write a year-only date in quotes, '{text}', so that it stays a date")
        if not isinstance(text, str) or not re.fullmatch(DATE_PATTERN, text):
            raise ValueError(f"expected a date as YYYY-MM-DD, YYYY-MM or 'YYYY', found {text!r}")
        parts = [int(part) for part in text.split("-")]
        year, month, day = (parts + [0, 0])[:3]
        if not YEARS[0] <= year <= YEARS[1]:
            raise ValueError(f"{text!r} is not a year the knowledge base can mean: expected {YEARS[0]} to {YEARS[1]}")
        if len(parts) > 1 and not 1 <= month <= 12:
            raise ValueError(f"{text!r} is not a real date: there is no month {month}")
        if len(parts) > 2:
            last = calendar.monthrange(year, month)[1]
            if not 1 <= day <= last:
                raise ValueError(f"{text!r} is not a real date: {MONTHS[month]} {year} has {last} days")
        return cls(year, month, day)

    @property
    def precision(self) -> Literal["year", "month", "day"]:
        return "day" if self.day else "month" if self.month else "year"

    @property
    def earliest(self) -> date:
        """The first day this date could mean."""
        return date(self.year, self.month or 1, self.day or 1)

    @property
    def latest(self) -> date:
        """The last day this date could mean."""
        month = self.month or 12
        return date(self.year, month, self.day or calendar.monthrange(self.year, month)[1])

    def __str__(self) -> str:
        """The ISO form it was written in."""
        return "-".join([f"{self.year:04d}", *(f"{p:02d}" for p in (self.month, self.day) if p)])

    def human(self) -> str:
        """'2025', 'April 2025' or '16 April 2025'; in Japanese '2025年', '2025年4月', '2025年4月16日'."""
        if current_language() == "ja":
            return f"{self.year}年" + (f"{self.month}月" if self.month else "") + (f"{self.day}日" if self.day else "")
        if self.day:
            return f"{self.day} {MONTHS[self.month]} {self.year}"
        return f"{MONTHS[self.month]} {self.year}" if self.month else str(self.year)

    def precedes(self, other: PartialDate) -> bool:
        """True when this date is certainly before ``other``, whatever days the precisions leave open."""
        return self.latest < other.earliest

    @classmethod
    def __get_pydantic_core_schema__(cls, source: Any, handler: GetCoreSchemaHandler) -> core_schema.CoreSchema:
        return core_schema.no_info_plain_validator_function(cls.parse, serialization=core_schema.to_string_ser_schema())

    @classmethod
    def __get_pydantic_json_schema__(
        cls, schema: core_schema.CoreSchema, handler: GetJsonSchemaHandler
    ) -> dict[str, Any]:
        return {"type": "string", "pattern": DATE_PATTERN, "examples": ["2025", "2025-04", "2025-04-16"]}
