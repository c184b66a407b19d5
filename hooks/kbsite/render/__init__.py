"""Rendering: pure functions from a KnowledgeBase to {Markdown path: text}; nothing here knows MkDocs."""

from .pages import render
from .site import Site

__all__ = ["Site", "render"]
