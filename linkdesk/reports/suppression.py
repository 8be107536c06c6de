"""Small-number suppression for equality tables, with secondary suppression so totals give nothing away.

A count from 1 to 4 is shown as "fewer than 5". If the hidden cells could still be worked
out from the total (one hidden cell; or cells whose hidden sum allows only one answer,
such as two cells hiding 2 = 1 + 1), the smallest visible non-zero cell is hidden as well,
and when nothing is left to hide, the total is hidden too. Zero stays visible: it
identifies nobody.
"""

from __future__ import annotations

from dataclasses import dataclass

THRESHOLD = 5
FEWER_THAN = f"fewer than {THRESHOLD}"
SUPPRESSED = "suppressed"


@dataclass(frozen=True)
class Count:
    label: str
    value: int | None  # None when hidden
    shown: str  # "12", "fewer than 5" or "suppressed"

    @classmethod
    def plain(cls, label: str, value: int) -> Count:
        return cls(label, value, str(value))


def _can_be_worked_out(hidden: dict[int, int], secondary: set[int]) -> bool:
    """Whether the hidden cells' values follow from their sum (the total minus what is shown).

    A primary cell is known to be 1 to 4, a secondary one at least 5 (else it would say
    "fewer than 5"); the values are determined when the sum is the least or the most
    those ranges allow, or when only one cell is hidden.
    """
    if len(hidden) < 2:
        return bool(hidden)
    total = sum(hidden.values())
    least = sum(THRESHOLD if index in secondary else 1 for index in hidden)
    most = None if secondary else (THRESHOLD - 1) * len(hidden)
    return total == least or total == most


def suppress(counts: list[tuple[str, int]]) -> tuple[tuple[Count, ...], Count]:
    """The rows and the total of one breakdown, with small numbers hidden safely."""
    values = [value for _, value in counts]
    hidden = {index: value for index, value in enumerate(values) if 0 < value < THRESHOLD}
    secondary: set[int] = set()
    hide_total = False
    while _can_be_worked_out(hidden, secondary):
        candidates = [index for index, value in enumerate(values) if value > 0 and index not in hidden]
        if not candidates:
            hide_total = True
            break
        smallest = min(candidates, key=lambda index: (values[index], index))
        hidden[smallest] = values[smallest]
        secondary.add(smallest)
    rows = []
    for index, (label, value) in enumerate(counts):
        if index in secondary:
            rows.append(Count(label, None, SUPPRESSED))
        elif index in hidden:
            rows.append(Count(label, None, FEWER_THAN))
        else:
            rows.append(Count.plain(label, value))
    grand = sum(values)
    if hide_total or 0 < grand < THRESHOLD:
        total = Count("Total", None, FEWER_THAN if grand < THRESHOLD else SUPPRESSED)
    else:
        total = Count.plain("Total", grand)
    return tuple(rows), total
