"""Rendering: pure functions from a KnowledgeBase to generated pages and files; nothing here knows MkDocs."""

from .pages import Generated
from .site import Site

__all__ = ["Generated", "Site"]
