"""Small-number suppression for equality tables: no count from 1 to 4 can be shown or worked back.

A breakdown's total is public (it is the number of people referred, which the report
gives elsewhere), so hidden cells are judged by what a reader can do with the total, the
counts still shown and this rule, which is published in docs/REPORTS.md:

1. A count from 1 to 4 is shown as "fewer than 5" (a primary cell). Zero stays visible.
2. If the primary cells could be worked out from the total (one of them alone, or all of
   them 1 or all of them 4, the only sums that allow one answer), the smallest count still
   shown is hidden as well ("suppressed"), once.
3. A reader then knows the suppressed cell is at least 5 and no more than the counts still
   shown, and, from step 2, which primary values made it necessary. If the primary cells
   still allow only one answer, the whole breakdown is withheld: every category is
   replaced by one line saying that some groups have fewer than 5 people.

Step 2 hides one cell only: which further cells a longer search hid would depend on the
hidden values, and a reader who knows the rule could use that to narrow them down.
"""

from __future__ import annotations

from dataclasses import dataclass

THRESHOLD = 5
FEWER_THAN = f"fewer than {THRESHOLD}"
SUPPRESSED = "suppressed"
NOT_SHOWN = "not shown"
WITHHELD = f"Fewer than {THRESHOLD} people in some groups"
_SMALLEST, _LARGEST = 1, THRESHOLD - 1  # the values a "fewer than 5" cell can have


@dataclass(frozen=True)
class Count:
    label: str
    value: int | None  # None when hidden
    shown: str  # "12", "fewer than 5", "suppressed" or "not shown"

    @classmethod
    def plain(cls, label: str, value: int) -> Count:
        return cls(label, value, str(value))


def feasible_range(hidden: int, total: int) -> tuple[int, int]:
    """The values each of `hidden` "fewer than 5" cells can take when together they make `total`."""
    return (max(_SMALLEST, total - _LARGEST * (hidden - 1)), min(_LARGEST, total - _SMALLEST * (hidden - 1)))


def primaries_determined(hidden: int, total: int) -> bool:
    """Whether `hidden` cells of 1 to 4 summing to `total` allow only one value for some cell.

    True when one cell is hidden, or the sum is the least (all 1) or the most (all 4).
    """
    lowest, highest = feasible_range(hidden, total)
    return lowest == highest


def _ceiling(values: list[int], shown: set[int], secondary: int) -> int | None:
    """The most the secondary cell can be, as a reader knows the rule: it was the smallest count shown.

    Ties went to the first listed, so a cell listed before it and still shown is larger.
    """
    limits = [values[index] - (index < secondary) for index in shown if values[index] > 0]
    return min(limits) if limits else None


def secondary_safe(primaries: int, hidden_sum: int, ceiling: int | None) -> bool:
    """Whether the primary cells allow more than one answer next to one suppressed cell.

    The suppressed cell is from 5 to `ceiling`. With one primary cell, it may be anything
    from 1 to 4; with several, the rule's step 2 tells the reader they are all 1 or all 4.
    """
    top = hidden_sum if ceiling is None else ceiling
    sums = range(_SMALLEST, _LARGEST + 1) if primaries == 1 else (primaries * _SMALLEST, primaries * _LARGEST)
    possible = [small for small in sums if THRESHOLD <= hidden_sum - small <= top]
    return len(possible) > 1


def suppress(counts: list[tuple[str, int]]) -> tuple[tuple[Count, ...], Count]:
    """The rows and the total of one breakdown; the total always shows, the rows only what is safe."""
    values = [value for _, value in counts]
    grand = sum(values)
    total = Count.plain("Total", grand)
    primary = {index for index, value in enumerate(values) if 0 < value < THRESHOLD}
    secondary = None
    if primary and primaries_determined(len(primary), sum(values[index] for index in primary)):
        candidates = [index for index, value in enumerate(values) if value > 0 and index not in primary]
        if not candidates:
            return (Count(WITHHELD, None, NOT_SHOWN),), total
        secondary = min(candidates, key=lambda index: (values[index], index))
        shown = set(range(len(values))) - primary - {secondary}
        hidden_sum = grand - sum(values[index] for index in shown)
        if not secondary_safe(len(primary), hidden_sum, _ceiling(values, shown, secondary)):
            return (Count(WITHHELD, None, NOT_SHOWN),), total
    rows = []
    for index, (label, value) in enumerate(counts):
        if index == secondary:
            rows.append(Count(label, None, SUPPRESSED))
        elif index in primary:
            rows.append(Count(label, None, FEWER_THAN))
        else:
            rows.append(Count.plain(label, value))
    return tuple(rows), total
