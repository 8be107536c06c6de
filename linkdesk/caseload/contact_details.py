"""UK postcodes, email addresses and UK phone numbers: checking and tidying what was typed."""

from __future__ import annotations

import re

# Outward code (B1, B30, WS13, EC1A, W1D) then inward code (a digit and two letters that
# Royal Mail never uses C, I, K, M, O or V in). GIR 0AA is the one historic exception.
_POSTCODE = re.compile(r"^([A-Z]{1,2}[0-9][A-Z0-9]?)([0-9][ABD-HJLNP-UW-Z]{2})$")
_EMAIL = re.compile(
    r"^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@"
    r"(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+[A-Za-z]{2,63}$"
)
_PHONE_PUNCTUATION = re.compile(r"[\s\-().]")


class InvalidContactDetail(ValueError):
    """The postcode, email or phone number cannot be right; the message says why."""


def normalise_postcode(text: str) -> str:
    """'b302jx' -> 'B30 2JX'; raises InvalidContactDetail for anything that is not a UK postcode."""
    compact = re.sub(r"\s+", "", text or "").upper()
    if compact == "GIR0AA":
        return "GIR 0AA"
    # NHS pseudo-postcodes: ZZ99 3VZ is "no fixed abode", ZZ99 3WZ "address not known".
    if re.fullmatch(r"ZZ99[0-9][A-Z]{2}", compact):
        return f"{compact[:4]} {compact[4:]}"
    match = _POSTCODE.match(compact)
    if match is None:
        raise InvalidContactDetail("This is not a UK postcode (it should look like B30 2JX).")
    return f"{match.group(1)} {match.group(2)}"


def normalise_email(text: str) -> str:
    """The address with surrounding spaces removed and its domain in lower case."""
    text = (text or "").strip()
    if text.count("@") != 1 or not _EMAIL.match(text) or ".." in text or text.startswith("."):
        raise InvalidContactDetail("This is not an email address (it should look like name@example.org).")
    local, domain = text.split("@")
    if len(local) > 64 or local.endswith("."):
        raise InvalidContactDetail("This is not an email address (it should look like name@example.org).")
    return f"{local}@{domain.lower()}"


def normalise_phone(text: str) -> str:
    """A UK number in its usual spaced form ('07700 900123', '0121 496 0123').

    Accepts +44 and 0044 in front, and spaces, dashes, dots and brackets anywhere.
    """
    raw = _PHONE_PUNCTUATION.sub("", text or "")
    for prefix in ("+44", "0044"):
        if raw.startswith(prefix):
            national = raw[len(prefix):]
            # "+44 (0)121 ..." is a common way of writing it; the bracketed 0 is not dialled.
            raw = national if national.startswith("0") else "0" + national
    if raw.startswith("00") or raw.startswith("+"):
        raise InvalidContactDetail("Only UK phone numbers can be kept here (starting 01, 02, 03, 07 or 08).")
    if not raw.isascii() or not raw.isdigit():
        raise InvalidContactDetail("A phone number has only digits (spaces, dashes, brackets and +44 are fine).")
    if not raw.startswith("0") or raw[1:2] not in ("1", "2", "3", "5", "7", "8"):
        raise InvalidContactDetail("A UK phone number starts 01, 02, 03, 05, 07 or 08.")
    # A few rural 01 numbers have 10 digits; every other UK number has 11.
    if len(raw) != 11 and not (len(raw) == 10 and raw.startswith("01")):
        raise InvalidContactDetail(f"A UK phone number has 11 digits; this has {len(raw)}.")
    return format_phone(raw)


def format_phone(digits: str) -> str:
    if digits.startswith("02"):
        return f"{digits[:3]} {digits[3:7]} {digits[7:]}"
    if digits.startswith(("011", "0121", "0131", "0141", "0151", "0161", "0171", "0181", "0191")) \
            or digits.startswith(("03", "05", "08")):
        return f"{digits[:4]} {digits[4:7]} {digits[7:]}"
    return f"{digits[:5]} {digits[5:]}"
