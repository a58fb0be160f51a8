"""The matching board (steps 4 and 5)."""

from .board import MatchingScreen

__all__ = ["MatchingScreen"]
