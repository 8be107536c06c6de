"""Median time to render the 2-page multi-script sample document in each printed variant.

Run with `python -m benchmarks.documents_render [ROUNDS]`. Budget (DESIGN.md): a personalised
plan PDF in median <= 150 ms. Fonts are registered once per process, as in the app, so the
first render (which loads them) is reported separately and not counted in the median.
"""

from __future__ import annotations

import statistics
import sys
import time

from linkdesk.documents.sample import SampleDocument
from linkdesk.documents.styles import Variant

BUDGET_MS = 150.0


def _render_ms(variant: Variant) -> tuple[float, int]:
    start = time.perf_counter()
    document = SampleDocument(variant=variant, pages=2)
    data = document.render()
    return (time.perf_counter() - start) * 1000, len(data)


def main(rounds: int = 30) -> None:
    first, _ = _render_ms(Variant.STANDARD)
    print(f"documents render: first render, loading fonts: {first:.0f} ms")
    print(f"{'variant':<12}{'median':>9}{'p95':>9}{'size':>10}  budget {BUDGET_MS:.0f} ms")
    for variant in Variant:
        samples, size = [], 0
        for _ in range(rounds):
            elapsed, size = _render_ms(variant)
            samples.append(elapsed)
        ordered = sorted(samples)
        median = statistics.median(ordered)
        p95 = ordered[max(0, int(len(ordered) * 0.95) - 1)]
        verdict = "ok" if median <= BUDGET_MS else "OVER BUDGET"
        print(f"{variant.value:<12}{median:>7.1f}ms{p95:>7.1f}ms{size / 1024:>8.0f}kB  {verdict}")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 30)
