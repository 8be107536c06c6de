"""Exports validate against the standard's schema and import back without loss."""

import json

import jsonschema
import pytest

from linkdesk.directory.generator import synthetic_services
from linkdesk.directory.oruk_export import export_csv, export_json, export_services
from linkdesk.directory.oruk_import import import_path, import_records
from linkdesk.directory.services import ServiceDraft, SessionDraft, add_service
from linkdesk.store import TEST_KDF, create_store

from .conftest import HSDS_EXAMPLES, SERVICE_SCHEMA


def strict(node):
    """additionalProperties: false everywhere, as the standard checks its own examples."""
    if isinstance(node, dict):
        if "properties" in node:
            node["additionalProperties"] = False
        for value in node.values():
            strict(value)
    elif isinstance(node, list):
        for value in node:
            strict(value)
    return node


@pytest.fixture
def full_store(store):
    import_path(store, HSDS_EXAMPLES / "service_full.json")
    import_records(store, list(synthetic_services(20)), "generated")
    add_service(store, ServiceDraft(name="Chair Yoga", organisation="Moseley Movers", categories=["physical-activity"],
                                    postcode="B13 8AA", address_1="1 Alcester Road", city="Birmingham",
                                    sessions=[SessionDraft(byday="FR", opens_at="10:00", closes_at="11:00")],
                                    cost_amount=2, cost_description="per session"))
    return store


def test_each_exported_service_validates_against_the_standard(full_store):
    validator = jsonschema.Draft202012Validator(strict(json.loads(SERVICE_SCHEMA.read_text())))
    records = export_services(full_store)
    assert len(records) == 22
    for record in records:
        errors = [error.message for error in validator.iter_errors(record)]
        assert errors == [], record["name"]


def test_a_record_with_an_unknown_field_would_fail_the_check(full_store):
    validator = jsonschema.Draft202012Validator(strict(json.loads(SERVICE_SCHEMA.read_text())))
    record = export_services(full_store)[0]
    record["local_notes"] = "private"
    assert not validator.is_valid(record)


@pytest.mark.parametrize("export, name", [(export_json, "out.json"), (export_csv, "csv"), (export_csv, "out.zip")])
def test_export_then_import_into_an_empty_store_is_lossless(full_store, tmp_path, export, name):
    written = export(full_store, tmp_path / name)
    empty = create_store(tmp_path / "second", "another passphrase 1", kdf=TEST_KDF, cache_mib=8)
    try:
        result = import_path(empty, written)
        assert (result.new, result.skipped) == (22, [])
        assert export_services(empty) == export_services(full_store)
    finally:
        empty.close()
