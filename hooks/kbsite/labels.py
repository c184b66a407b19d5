"""How enum values read to people ("in-force" -> "In force"): one mapping for the pages and the timeline; and
phrases, the words of a fact made once and read in the language of whichever page shows them."""

from __future__ import annotations

from dataclasses import dataclass

from .i18n import t
from .types import PartialDate

LABELS = {
    "ieepa": "IEEPA",
    "section-232": "Section 232",
    "section-301": "Section 301",
    "section-122": "Section 122",
    "mfn": "MFN (normal rate)",
    "in-force": "In force",
    "mou": "MOU",
    "fta": "FTA",
    "trq-arrangement": "TRQ arrangement",
    "us": "US",
    "jp": "Japan",
    "wto": "WTO",
    "in-person": "In person",
    "in-effect": "In effect",
    "think-tank": "Think tank",
    "executive-office": "Executive office",
    "international-organization": "International organization",
    "primary-legal": "Primary legal text",
    "news-wire": "News wire",
    "social-post": "Social media post",
    "customs-guidance": "Customs guidance",
    "official-statement": "Official statement",
    "additive": "Added on top of MFN",
    "floor": "All-in floor (tops MFN up to the rate)",
    "base": "Normal (MFN) rate",
}
"""How enum values read on the page where a plain capitalisation would read badly."""


def english(value: object) -> str:
    """An enum value's label in English, the key of its translation."""
    key = str(value)
    return LABELS.get(key, key.replace("-", " ").capitalize())


def label(value: object) -> str:
    """An enum value as a reader sees it ("in-force" -> "In force"), in the current language."""
    return t(english(value))


@dataclass(frozen=True)
class Phrase:
    """Words made before the language of the page is known (the timeline is built once per knowledge base), put
    into the current language each time they are read: ``str(phrase)``. ``english`` is the catalogue key; each
    value is record text (kept as it is), a date (written at its precision) or another phrase."""

    english: str
    values: tuple[tuple[str, str | PartialDate | Phrase], ...] = ()

    @classmethod
    def of(cls, english: str, /, **values: str | PartialDate | Phrase) -> Phrase:
        return cls(english, tuple(values.items()))

    @classmethod
    def label(cls, value: object) -> Phrase:
        """An enum value's label, as :func:`label` reads it."""
        return cls(english(value))

    def __str__(self) -> str:
        if not self.values:
            return t(self.english)
        return t(self.english, **{k: v.human() if isinstance(v, PartialDate) else str(v) for k, v in self.values})
