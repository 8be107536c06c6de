"""The importer's working form: ORUK records as flat tables keyed by id, however they arrived.

Nested JSON services and tabular CSV files both become a Bundle; the merge then works on
one shape. Values are converted to the column types here, and a value that cannot be read
marks its row, so the service it belongs to is skipped with a reason naming the field.
"""

from __future__ import annotations

import hashlib
import json
import uuid
from dataclasses import dataclass, field
from datetime import date, datetime

from sqlalchemy import Boolean, Date, DateTime, Float, Integer

from .models import TABLES, standard_fields
from .places import check_coordinates
from .text import html_to_text, parse_date, parse_datetime, parse_number, parse_time

NAMESPACE = uuid.UUID("0f6a5d8e-3b0e-4c7c-8d7e-6f2b1c9a7e55")
ENUMS = {
    ("services", "status"): ("active", "inactive", "defunct", "temporarily closed"),
    ("locations", "location_type"): ("physical", "postal", "virtual"),
    ("addresses", "address_type"): ("physical", "postal", "virtual"),
    ("schedules", "freq"): ("WEEKLY", "MONTHLY"),
    ("schedules", "wkst"): ("MO", "TU", "WE", "TH", "FR", "SA", "SU"),
}
DEFAULTS = {("services", "status"): "active", ("locations", "location_type"): "physical",
            ("addresses", "address_type"): "physical"}
TIME_FIELDS = {"opens_at", "closes_at"}
ERROR = "__error__"

_KINDS: dict[str, dict[str, str]] = {}
for _table, _model in TABLES.items():
    _KINDS[_table] = {}
    for _column in _model.__table__.columns:
        _type = _column.type
        _KINDS[_table][_column.name] = (
            "date" if isinstance(_type, Date) else "datetime" if isinstance(_type, DateTime)
            else "int" if isinstance(_type, Integer) else "float" if isinstance(_type, Float)
            else "bool" if isinstance(_type, Boolean) else "time" if _column.name in TIME_FIELDS else "text")


@dataclass
class Skip:
    record: str
    reason: str

    def __str__(self) -> str:
        return f"{self.record}: {self.reason}"


@dataclass
class Bundle:
    tables: dict[str, dict[str, dict]] = field(default_factory=lambda: {name: {} for name in TABLES})
    service_order: list[str] = field(default_factory=list)
    skips: list[Skip] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    def put(self, table: str, raw: dict, links: dict | None = None, fallback_id: str = "") -> str:
        """Add a record (merging with one already seen under the same id); returns its id."""
        row = convert(table, raw, self.notes)
        for name, value in (links or {}).items():
            if not row.get(name):
                row[name] = value
        if not row.get("id"):
            row["id"] = str(uuid.uuid5(NAMESPACE, f"{table}:{fallback_id}"))
        existing = self.tables[table].get(row["id"])
        if existing is None:
            self.tables[table][row["id"]] = row
        else:
            for name, value in row.items():
                if existing.get(name) in (None, "") and value not in (None, ""):
                    existing[name] = value
        return row["id"]


def _text(value) -> str | None:
    if value is None:
        return None
    if isinstance(value, (dict, list)):
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    text = str(value)
    return html_to_text(text) if "<" in text or "&" in text else text.strip()


def convert(table: str, raw: dict, notes: list[str]) -> dict:
    """The standard's fields of one record, typed; unknown fields are ignored."""
    row: dict = {}
    kinds = _KINDS[table]
    label = f"{table[:-1] if table.endswith('s') else table} {raw.get('id') or raw.get('name') or '(no id)'}"
    for name in standard_fields(TABLES[table]):
        value = raw.get(name)
        if isinstance(value, str) and not value.strip():
            value = None
        try:
            kind = kinds[name]
            if kind == "date":
                value = parse_date(value)
            elif kind == "datetime":
                value = parse_datetime(value)
            elif kind == "time":
                value = parse_time(value)
            elif kind in ("int", "float"):
                number = parse_number(value)
                value = None if number is None else (int(number) if kind == "int" else number)
            else:
                value = _text(value)
        except (ValueError, OverflowError) as exc:
            row[ERROR] = f"{label}, field {name}: {exc}"
            value = None
        row[name] = value
    for (enum_table, name), allowed in ENUMS.items():
        if enum_table == table and row.get(name) is not None:
            value = row[name].upper() if name in ("freq", "wkst") else row[name].lower()
            if value not in allowed:
                notes.append(f"{label}: {name} {row[name]!r} is not one the standard knows; "
                             f"{'left blank' if (table, name) not in DEFAULTS else 'used ' + DEFAULTS[(table, name)]}")
                value = DEFAULTS.get((table, name))
            row[name] = value
    for (enum_table, name), default in DEFAULTS.items():
        if enum_table == table and row.get(name) is None:
            row[name] = default
    if table == "locations":
        row["latitude"], row["longitude"], note = check_coordinates(row.get("latitude"), row.get("longitude"))
        if note:
            notes.append(f"{label}: {note}")
    return row


def _index(rows: dict[str, dict], column: str) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for row_id, row in rows.items():
        if row.get(column):
            found.setdefault(row[column], []).append(row_id)
    return found


class Owners:
    """Which rows of a bundle belong to each service (for fingerprints, skipping and writing)."""

    LINKS = {
        "service_id": ("phones", "schedules", "service_areas", "languages", "cost_options", "contacts",
                       "service_at_locations"),
        "service_at_location_id": ("schedules", "phones", "contacts"),
        "location_id": ("addresses", "accessibility", "phones", "contacts", "schedules", "languages"),
        "contact_id": ("phones",),
        "phone_id": ("languages",),
    }

    def __init__(self, bundle: Bundle):
        self.bundle = bundle
        self.by = {(table, column): _index(bundle.tables[table], column)
                   for column, tables in self.LINKS.items() for table in tables}
        self.attributes = _index(bundle.tables["attributes"], "link_id")

    def rows(self, service_id: str) -> list[tuple[str, str]]:
        tables = self.bundle.tables
        found: list[tuple[str, str]] = [("services", service_id)]
        service = tables["services"][service_id]
        if service.get("organization_id") in tables["organizations"]:
            found.append(("organizations", service["organization_id"]))
        queue = [("service_id", service_id)]
        seen = set(found)
        while queue:
            column, value = queue.pop()
            for table in self.LINKS[column]:
                for row_id in self.by[(table, column)].get(value, ()):
                    if (table, row_id) in seen:
                        continue
                    seen.add((table, row_id))
                    found.append((table, row_id))
                    if table == "service_at_locations":
                        queue.append(("service_at_location_id", row_id))
                        location_id = tables[table][row_id].get("location_id")
                        if location_id in tables["locations"] and ("locations", location_id) not in seen:
                            seen.add(("locations", location_id))
                            found.append(("locations", location_id))
                            queue.append(("location_id", location_id))
                    elif table == "contacts":
                        queue.append(("contact_id", row_id))
                    elif table == "phones":
                        queue.append(("phone_id", row_id))
        for attribute_id in self.attributes.get(service_id, ()):
            found.append(("attributes", attribute_id))
            term_id = tables["attributes"][attribute_id].get("taxonomy_term_id")
            term = tables["taxonomy_terms"].get(term_id)
            if term is not None:
                found.append(("taxonomy_terms", term_id))
                if term.get("taxonomy_id") in tables["taxonomies"]:
                    found.append(("taxonomies", term["taxonomy_id"]))
        return found


def _plain(value):
    return value.isoformat() if isinstance(value, (date, datetime)) else value


def fingerprint(bundle: Bundle, rows: list[tuple[str, str]]) -> str:
    content = sorted((table, sorted((k, _plain(v)) for k, v in bundle.tables[table][row_id].items()))
                     for table, row_id in rows)
    return hashlib.sha256(json.dumps(content, default=str).encode()).hexdigest()
