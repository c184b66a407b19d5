"""Rendering: pure functions from a KnowledgeBase to {Markdown path: text}; nothing here knows MkDocs."""

from .pages import render

__all__ = ["render"]
