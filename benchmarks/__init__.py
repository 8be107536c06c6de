"""Benchmarks for the budgets in DESIGN.md: one script per budget, `python -m benchmarks` runs them all.

Speed is measured here, never asserted in tests. A script reports each figure it measures
against a budget with `result()`, so the runner can gather them into one table.
"""

from __future__ import annotations

RESULT_PREFIX = "RESULT | "


def result(what: str, figure: str, budget: str, within: bool | None) -> None:
    """Print one budget line: what was measured, the figure, the budget, and the verdict."""
    verdict = "n/a" if within is None else ("within" if within else "OVER")
    print(f"{RESULT_PREFIX}{what} | {figure} | {budget} | {verdict}", flush=True)
