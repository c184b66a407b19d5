"""How enum values read to people ("in-force" -> "In force"): one mapping for the pages and the timeline."""

from __future__ import annotations

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


def label(value: object) -> str:
    """An enum value as a reader sees it ("in-force" -> "In force")."""
    key = str(value)
    return LABELS.get(key, key.replace("-", " ").capitalize())
