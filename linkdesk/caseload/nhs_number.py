"""NHS numbers: the modulus 11 check digit, tolerant input, and the 3-3-4 display form."""

from __future__ import annotations

import re

# People type NHS numbers with spaces, dashes or dots between the groups; nothing else.
_SEPARATORS = re.compile(r"[\s\-.]")


class InvalidNhsNumber(ValueError):
    """The text is not a valid NHS number; the message says why in plain English."""


def check_digit(first_nine: str) -> int | None:
    """The modulus 11 check digit for nine digits, or None when no tenth digit can make them valid."""
    total = sum(int(digit) * weight for digit, weight in zip(first_nine, range(10, 1, -1)))
    remainder = 11 - total % 11
    if remainder == 11:
        return 0
    if remainder == 10:
        return None
    return remainder


def normalise(text: str) -> str:
    """Ten digits with no separators; raises InvalidNhsNumber saying what is wrong."""
    digits = _SEPARATORS.sub("", text or "")
    if not digits:
        raise InvalidNhsNumber("Enter the NHS number, or leave it empty.")
    if not digits.isascii() or not digits.isdigit():
        raise InvalidNhsNumber("An NHS number has only digits (spaces and dashes are fine).")
    if len(digits) != 10:
        raise InvalidNhsNumber(f"An NHS number has 10 digits; this has {len(digits)}.")
    expected = check_digit(digits[:9])
    if expected is None or expected != int(digits[9]):
        raise InvalidNhsNumber("This is not a valid NHS number: check each digit (the last one does not match).")
    return digits


def is_valid(text: str) -> bool:
    try:
        normalise(text)
    except InvalidNhsNumber:
        return False
    return True


def format_nhs_number(digits: str | None) -> str:
    """'9434765919' -> '943 476 5919'; empty for None. Unexpected text is shown unchanged."""
    if not digits:
        return ""
    if len(digits) != 10 or not digits.isdigit():
        return digits
    return f"{digits[:3]} {digits[3:6]} {digits[6:]}"


def complete(first_nine: str) -> str | None:
    """The full valid number starting with these nine digits, or None (used for fictional test numbers)."""
    digit = check_digit(first_nine)
    return None if digit is None else f"{first_nine}{digit}"
