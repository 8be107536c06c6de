"""Exporting the directory as ORUK 3.0 JSON (one nested record per service) or the HSDS tabular CSV package.

Local notes, favourites and verification are the link worker's own and are not exported.
Every row keeps its link fields (service_id, location_id...), which the standard allows on
nested records too, so an export imported into an empty store gives back the same directory.
"""

from __future__ import annotations

import csv
import io
import json
import zipfile
from datetime import date, datetime
from pathlib import Path

from sqlalchemy import select

from linkdesk.files import reason, write_atomically
from linkdesk.store import audit

from .errors import ExportFailed
from .models import TABLES, standard_fields


def _value(value):
    if isinstance(value, datetime):
        return value.isoformat(timespec="milliseconds" if value.microsecond else "seconds") + "Z"
    if isinstance(value, date):
        return value.isoformat()
    return value


def _load(session) -> dict[str, dict[str, dict]]:
    tables = {}
    for table, model in TABLES.items():
        fields = standard_fields(model)
        columns = [model.__table__.c[name] for name in fields]
        tables[table] = {row.id: {name: _value(getattr(row, name)) for name in fields}
                         for row in session.execute(select(*columns))}
    return tables


def _group(rows: dict[str, dict], column: str) -> dict[str, list[dict]]:
    grouped: dict[str, list[dict]] = {}
    for row in rows.values():
        if row.get(column):
            grouped.setdefault(row[column], []).append(row)
    return grouped


def _clean(row: dict) -> dict:
    return {key: value for key, value in row.items() if value is not None}


class _Nester:
    """Builds nested ORUK service records from the flat tables."""

    def __init__(self, tables: dict[str, dict[str, dict]]):
        self.t = tables
        self.g = {(table, column): _group(tables[table], column)
                  for table, column in [
                      ("phones", "service_id"), ("phones", "location_id"), ("phones", "contact_id"),
                      ("phones", "service_at_location_id"), ("schedules", "service_id"),
                      ("schedules", "location_id"), ("schedules", "service_at_location_id"),
                      ("contacts", "service_id"), ("contacts", "location_id"), ("contacts", "service_at_location_id"),
                      ("languages", "service_id"), ("languages", "location_id"), ("languages", "phone_id"),
                      ("service_areas", "service_id"), ("cost_options", "service_id"),
                      ("service_at_locations", "service_id"), ("addresses", "location_id"),
                      ("accessibility", "location_id"), ("attributes", "link_id")]}

    def _many(self, table: str, column: str, value: str, build=None) -> list[dict]:
        rows = self.g[(table, column)].get(value, [])
        return [(build or _clean)(row) for row in rows]

    def phone(self, row: dict) -> dict:
        record = _clean(row)
        languages = self._many("languages", "phone_id", row["id"])
        return {**record, "languages": languages} if languages else record

    def contact(self, row: dict) -> dict:
        record = _clean(row)
        phones = self._many("phones", "contact_id", row["id"], self.phone)
        return {**record, "phones": phones} if phones else record

    def location(self, row: dict) -> dict:
        record = _clean(row)
        for key, table, build in (("addresses", "addresses", None), ("accessibility", "accessibility", None),
                                  ("phones", "phones", self.phone), ("contacts", "contacts", self.contact),
                                  ("schedules", "schedules", None), ("languages", "languages", None)):
            items = self._many(table, "location_id", row["id"], build)
            if items:
                record[key] = items
        return record

    def link(self, row: dict) -> dict:
        record = _clean(row)
        for key, build in (("contacts", self.contact), ("phones", self.phone), ("schedules", None)):
            items = self._many(key, "service_at_location_id", row["id"], build)
            if items:
                record[key] = items
        location = self.t["locations"].get(row.get("location_id"))
        if location is not None:
            record["location"] = self.location(location)
        return record

    def attribute(self, row: dict) -> dict:
        record = _clean(row)
        term = self.t["taxonomy_terms"].get(row.get("taxonomy_term_id"))
        if term is not None:
            term_record = _clean(term)
            taxonomy = self.t["taxonomies"].get(term.get("taxonomy_id"))
            if taxonomy is not None:
                term_record["taxonomy_detail"] = _clean(taxonomy)
            record["taxonomy_term"] = term_record
        return record

    def service(self, row: dict) -> dict:
        record = _clean(row)
        sid = row["id"]
        organisation = self.t["organizations"].get(row.get("organization_id"))
        if organisation is not None:
            record["organization"] = {**_clean(organisation), "description": organisation.get("description") or ""}
        for key, table, build in (("phones", "phones", self.phone), ("schedules", "schedules", None),
                                  ("service_areas", "service_areas", None),
                                  ("service_at_locations", "service_at_locations", self.link),
                                  ("languages", "languages", None), ("cost_options", "cost_options", None),
                                  ("contacts", "contacts", self.contact)):
            items = self._many(table, "service_id", sid, build)
            if items:
                record[key] = items
        attributes = self._many("attributes", "link_id", sid, self.attribute)
        if attributes:
            record["attributes"] = attributes
        return record


def export_services(store) -> list[dict]:
    """Every service as a nested ORUK 3.0 record, sorted by name."""
    with store.session() as session:
        tables = _load(session)
    nester = _Nester(tables)
    services = sorted(tables["services"].values(), key=lambda row: (row["name"].casefold(), row["id"]))
    return [nester.service(row) for row in services]


def export_json(store, dest: Path) -> Path:
    """Write a JSON array of services to dest (a .json file, or services.json inside a folder)."""
    dest = Path(dest)
    records = export_services(store)
    data = json.dumps(records, ensure_ascii=False, indent=2).encode("utf-8")
    try:
        if dest.is_dir() or dest.suffix.lower() != ".json":
            dest.mkdir(parents=True, exist_ok=True)
            dest = dest / "services.json"
        write_atomically(dest, data)
    except OSError as error:
        raise ExportFailed(dest, reason(error)) from error
    store.audit("export", "service", None, f"directory exported as ORUK JSON: {len(records)} services")
    return dest


def export_csv(store, dest: Path) -> Path:
    """Write the tabular package: a folder of CSV files, or a .zip of them (each file whole or not at all)."""
    dest = Path(dest)
    with store.session() as session:
        tables = _load(session)
    files = {}
    for table, rows in tables.items():
        buffer = io.StringIO(newline="")
        writer = csv.DictWriter(buffer, fieldnames=standard_fields(TABLES[table]))
        writer.writeheader()
        for row in rows.values():
            writer.writerow({key: "" if value is None else value for key, value in row.items()})
        files[f"{table}.csv"] = buffer.getvalue().encode("utf-8")
    try:
        if dest.suffix.lower() == ".zip":
            packed = io.BytesIO()
            with zipfile.ZipFile(packed, "w", zipfile.ZIP_DEFLATED) as archive:
                for name, content in files.items():
                    archive.writestr(name, content)
            write_atomically(dest, packed.getvalue())
        else:
            dest.mkdir(parents=True, exist_ok=True)
            for name, content in files.items():
                write_atomically(dest / name, content)
    except OSError as error:
        raise ExportFailed(dest, reason(error)) from error
    with store.session() as session:
        audit.record(session, "export", "service", None,
                     f"directory exported as HSDS tabular CSV: {len(tables['services'])} services")
    return dest
