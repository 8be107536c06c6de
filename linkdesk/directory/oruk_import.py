"""Importing a directory, all or nothing: ORUK JSON, HSDS tabular CSV, the flat template, merged by id.

The whole import is one transaction: a cancel or an error rolls everything back. Local
notes, favourites, verification and archiving belong to the link worker and survive.
"""

from __future__ import annotations

import threading
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from sqlalchemy import delete, select
from sqlalchemy.dialects.sqlite import insert

from linkdesk.store import audit
from linkdesk.store.base import utc_now

from .bundle import ERROR, Bundle, Owners, Skip, fingerprint
from .errors import ImportCancelled, ImportFailed
from .indexer import reindex
from .models import TABLES, Attribute, Service, standard_fields
from .readers import add_json_service, flat_bundle, json_services, tabular_bundle

Progress = Callable[[int, int], None]
# Rows a re-imported service owns outright, replaced wholesale (locations are shared, so upserted).
_OWNED = ("phones", "schedules", "service_areas", "languages", "cost_options", "contacts", "service_at_locations")
_BATCH = 200


@dataclass
class ImportResult:
    new: int = 0
    updated: int = 0
    unchanged: int = 0
    skipped: list[Skip] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    def summary(self) -> str:
        return (f"{self.new} new, {self.updated} updated, {self.unchanged} unchanged, "
                f"{len(self.skipped)} skipped")


def read_source(path: Path) -> Bundle:
    """Any supported file or folder as a bundle; raises ImportFailed naming what is wrong."""
    if not path.exists():
        raise ImportFailed(f"{path} does not exist.")
    if path.is_dir():
        csvs = {p.stem: p.read_bytes() for p in path.iterdir() if p.suffix.lower() == ".csv"}
        if any(stem.lower() in ("services", "service") for stem in csvs):
            return tabular_bundle(csvs)
        files = sorted(p for p in path.iterdir() if p.suffix.lower() == ".json")
        if not files:
            raise ImportFailed(f"{path} holds no ORUK JSON files and no services.csv.")
        bundle = Bundle()
        for file in files:
            for number, raw in enumerate(json_services(file.read_bytes(), file.name), start=1):
                add_json_service(bundle, raw, f"{file.name} item {number}")
        return bundle
    suffix = path.suffix.lower()
    if suffix == ".zip":
        try:
            with zipfile.ZipFile(path) as archive:
                csvs = {Path(name).stem: archive.read(name) for name in archive.namelist()
                        if name.lower().endswith(".csv") and not name.startswith("__MACOSX")}
        except zipfile.BadZipFile:
            raise ImportFailed(f"{path.name} is not a readable zip file.") from None
        return tabular_bundle(csvs)
    if suffix == ".json":
        return json_bundle(json_services(path.read_bytes(), path.name), path.name)
    if suffix == ".csv":
        return flat_bundle(path.read_bytes(), path.name)
    raise ImportFailed(f"{path.name}: LinkDesk imports .json, .csv, .zip files or folders.")


def json_bundle(records: list, name: str) -> Bundle:
    bundle = Bundle()
    for number, raw in enumerate(records, start=1):
        add_json_service(bundle, raw, f"{name} item {number}")
    return bundle


def import_path(store, path, progress: Progress | None = None, cancel: threading.Event | None = None) -> ImportResult:
    """Import a file, folder or zip. Call from a worker thread; progress(done, total) reports along the way."""
    path = Path(path)
    return import_bundle(store, read_source(path), source_feed=str(path), progress=progress, cancel=cancel)


def import_records(store, records: list, source_feed: str, progress: Progress | None = None,
                   cancel: threading.Event | None = None) -> ImportResult:
    """Import ORUK service records already parsed from JSON (the feed uses this)."""
    return import_bundle(store, json_bundle(records, source_feed), source_feed, progress, cancel)


def _check(cancel: threading.Event | None) -> None:
    if cancel is not None and cancel.is_set():
        raise ImportCancelled()


def import_bundle(store, bundle: Bundle, source_feed: str, progress: Progress | None = None,
                  cancel: threading.Event | None = None) -> ImportResult:
    result = ImportResult(skipped=list(bundle.skips), notes=list(bundle.notes))
    owners = Owners(bundle)
    total = len(bundle.service_order) * 2
    report = progress or (lambda done, total: None)
    report(0, total)
    with store.session() as session:
        existing = {row.id: row.source_hash for row in session.execute(select(Service.id, Service.source_hash))}
        to_write: list[tuple[str, list[tuple[str, str]], str]] = []
        for done, service_id in enumerate(bundle.service_order, start=1):
            rows = owners.rows(service_id)
            service = bundle.tables["services"][service_id]
            label = f"service {service_id} ({service.get('name')})"
            error = next((bundle.tables[t][i][ERROR] for t, i in rows if ERROR in bundle.tables[t][i]), None)
            if error:
                result.skipped.append(Skip(label, error))
                continue
            digest = fingerprint(bundle, rows)
            if service_id in existing and existing[service_id] == digest:
                result.unchanged += 1
            else:
                to_write.append((service_id, rows, digest))
                if service_id in existing:
                    result.updated += 1
                else:
                    result.new += 1
            if done % _BATCH == 0:
                _check(cancel)
                report(done // 2, total)
        written = [service_id for service_id, _, _ in to_write]
        replaced = [service_id for service_id in written if service_id in existing]
        for start in range(0, len(replaced), 500):
            chunk = replaced[start:start + 500]
            for table in _OWNED:
                model = TABLES[table]
                session.execute(delete(model).where(model.service_id.in_(chunk)))
            session.execute(delete(Attribute).where(Attribute.link_id.in_(chunk)))
        _check(cancel)
        _write_rows(session, bundle, to_write, source_feed)
        report(total // 2, total)
        for start in range(0, len(written), _BATCH):
            _check(cancel)
            reindex(session, written[start:start + _BATCH])
            report(total // 2 + min(start + _BATCH, len(written)) * total // 2 // max(len(written), 1), total)
        _check(cancel)
        audit.record(session, "import", "service", None,
                     f"directory import: {result.summary()}")
    report(total, total)
    return result


def _write_rows(session, bundle: Bundle, to_write, source_feed: str) -> None:
    per_table: dict[str, dict[str, dict]] = {table: {} for table in TABLES}
    now = utc_now()
    for service_id, rows, digest in to_write:
        for table, row_id in rows:
            per_table[table][row_id] = bundle.tables[table][row_id]
        per_table["services"][service_id] = dict(bundle.tables["services"][service_id], source_hash=digest,
                                                 source_feed=source_feed, updated_at=now)
    for table, rows in per_table.items():
        if not rows:
            continue
        model = TABLES[table]
        fields = standard_fields(model)
        if table == "services":
            fields = fields + ["source_hash", "source_feed", "updated_at"]
        values = [{name: row.get(name) for name in fields} for row in rows.values()]
        statement = insert(model)
        updates = {name: statement.excluded[name] for name in fields if name != "id"}
        if table == "services":
            # New services start with the link worker's fields empty; existing ones keep theirs.
            for row in values:
                row.update(local_notes="", favourite=False, archived=False, added_at=now)
            statement = statement.on_conflict_do_update(index_elements=["id"], set_=updates)
        else:
            statement = statement.on_conflict_do_update(index_elements=["id"], set_=updates)
        for start in range(0, len(values), 2000):
            session.execute(statement, values[start:start + 2000])
