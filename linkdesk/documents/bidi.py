"""Right-to-left rules: a paragraph's direction and the visual order of the pieces of a line.

A simplified Unicode bidirectional algorithm (UAX #9) working on pieces of text (words
or single-font parts of words) rather than on characters, because HarfBuzz already puts
the letters inside each piece in visual order. It covers what link workers type: Urdu or
Arabic sentences with English names, phone numbers and dates in them, and English
sentences with Urdu or Arabic names in them. No explicit embeddings or isolates.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence

LTR, RTL = "ltr", "rtl"
# Piece classes: strong left-to-right, strong right-to-left, number, neutral.
L, R, NUMBER, NEUTRAL = "L", "R", "EN", "N"


def char_class(char: str) -> str:
    kind = unicodedata.bidirectional(char)
    if kind == "L":
        return L
    if kind in ("R", "AL"):
        return R
    if kind in ("EN", "AN"):
        return NUMBER
    return NEUTRAL


def piece_class(text: str) -> str:
    """A piece is as strong as its first strong character; digits alone make it a number."""
    number = False
    for char in text:
        kind = char_class(char)
        if kind in (L, R):
            return kind
        number = number or kind == NUMBER
    return NUMBER if number else NEUTRAL


def base_direction(text: str) -> str:
    """RTL when most strongly directional letters are right-to-left (Urdu with an English name in it)."""
    left = right = 0
    for char in text:
        kind = char_class(char)
        left += kind == L
        right += kind == R
    return RTL if right > left else LTR


def levels(classes: Sequence[str], direction: str) -> list[int]:
    """Embedding level of each piece (0 or 2 left-to-right, 1 right-to-left) on a line."""
    base = R if direction == RTL else L
    resolved = list(classes)
    # A number after left-to-right text (or at the start of a left-to-right line) reads as
    # left-to-right text; anywhere else it keeps its own level (rule W7).
    strong = base
    for index, kind in enumerate(resolved):
        if kind in (L, R):
            strong = kind
        elif kind == NUMBER and strong == L:
            resolved[index] = L
    # Neutrals between two pieces of one direction take it, otherwise the paragraph's (N1, N2).
    # Deliberate departure from UAX #9: a space between two numbers keeps them in reading
    # order, so "0121 496 0000" inside Urdu prints as a number someone can dial.
    numbers = list(resolved)
    for index, kind in enumerate(numbers):
        if kind != NEUTRAL:
            continue
        before = next((k for k in reversed(numbers[:index]) if k != NEUTRAL), base)
        after = next((k for k in numbers[index + 1:] if k != NEUTRAL), base)
        if before == after == NUMBER:
            resolved[index] = NUMBER
            continue
        before, after = (R if k == NUMBER else k for k in (before, after))
        resolved[index] = before if before == after else base
    table = {L: 0, R: 1, NUMBER: 2} if base == L else {L: 2, R: 1, NUMBER: 2}
    return [table[kind] for kind in resolved]


def visual_order(line_levels: Sequence[int]) -> list[int]:
    """Indices of the pieces from left to right (rule L2: reverse each run at or above a level)."""
    order = list(range(len(line_levels)))
    if not order:
        return order
    highest = max(line_levels)
    lowest_odd = min((level for level in line_levels if level % 2), default=highest + 1)
    for level in range(highest, lowest_odd - 1, -1):
        index = 0
        while index < len(order):
            if line_levels[order[index]] >= level:
                end = index
                while end < len(order) and line_levels[order[end]] >= level:
                    end += 1
                order[index:end] = reversed(order[index:end])
                index = end
            else:
                index += 1
    return order
