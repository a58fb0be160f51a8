"""Demo data: a realistic, synthetic programme (six branches, participants
from many cultures and scripts, events, duos in every stage with their
meetings, check-ins, evaluations and outcomes). Same seed, same data.

    is_empty(session) -> bool
    generate(engine, participants=2000, seed=1, today=date, progress=None) -> DemoSummary
"""

from .generate import DemoSummary, generate, is_empty

__all__ = ["DemoSummary", "generate", "is_empty"]
