"""Rendering: pure functions from a KnowledgeBase to generated pages and files; nothing here knows MkDocs."""

from .pages import Generated, render
from .site import Site

__all__ = ["Generated", "Site", "render"]
