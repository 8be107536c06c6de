"""Addresses in one line, UK postcodes (district and area) and whether coordinates are possible."""

from __future__ import annotations

import re
from dataclasses import dataclass

_POSTCODE = re.compile(r"^([A-Z]{1,2}[0-9][A-Z0-9]?) ?([0-9][A-Z]{2})$")
_OUTWARD = re.compile(r"^([A-Z]{1,2})([0-9][A-Z0-9]?)?$")


def normalise_postcode(text: str | None) -> str:
    """"b303ej" -> "B30 3EJ"; anything that is not a full UK postcode comes back trimmed, upper-cased."""
    compact = re.sub(r"\s+", "", (text or "").upper())
    match = _POSTCODE.match(compact)
    return f"{match[1]} {match[2]}" if match else (text or "").strip().upper()


@dataclass(frozen=True)
class PostcodePlace:
    district: str  # outward code, "B30"
    area: str  # letters, "B"


def postcode_place(text: str | None) -> PostcodePlace | None:
    """District and area of a full postcode ("B30 3EJ") or of an outward code alone ("B30")."""
    compact = re.sub(r"\s+", "", (text or "").upper())
    match = _POSTCODE.match(compact)
    outward = match[1] if match else compact
    found = _OUTWARD.match(outward)
    if not found or not found[2]:
        return None
    return PostcodePlace(outward, found[1])


def parse_place_filter(text: str) -> tuple[str, str]:
    """What a user typed as a place filter: ("district", "B30") or ("area", "B")."""
    compact = re.sub(r"\s+", "", text.upper())
    place = postcode_place(compact)
    if place is not None:
        return "district", place.district
    if re.fullmatch(r"[A-Z]{1,2}", compact):
        return "area", compact
    raise ValueError(f"{text!r} is not a postcode district (like B30) or area (like B)")


def address_line(address_1=None, address_2=None, city=None, postal_code=None, location_name=None) -> str:
    """"Cotteridge Church Hall, 24 Pershore Road, Birmingham B30 3EJ" without empty or repeated parts."""
    parts: list[str] = []
    for part in (location_name, address_1, address_2, city):
        part = (part or "").strip()
        if part and part.lower() not in (existing.lower() for existing in parts):
            parts.append(part)
    line = ", ".join(parts)
    postcode = normalise_postcode(postal_code)
    if postcode:
        line = f"{line} {postcode}" if line else postcode
    return line


def check_coordinates(latitude, longitude) -> tuple[float | None, float | None, str]:
    """Coordinates to keep, and a note when they were dropped because no place has them.

    (0, 0) is treated as missing: it is what a blank spreadsheet cell often becomes.
    """
    if latitude is None and longitude is None:
        return None, None, ""
    if latitude is None or longitude is None:
        return None, None, "only one of latitude and longitude was given; both were dropped"
    if not (-90 <= latitude <= 90 and -180 <= longitude <= 180):
        return None, None, f"impossible coordinates ({latitude:g}, {longitude:g}) were dropped"
    if latitude == 0 and longitude == 0:
        return None, None, "coordinates (0, 0) were dropped as missing"
    return latitude, longitude, ""
