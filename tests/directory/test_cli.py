"""`linkdesk directory import|export|search` against a real store folder."""

import json

import pytest

from linkdesk.cli import main
from linkdesk.directory.readers import write_flat_template
from linkdesk.store import TEST_KDF, create_store

from .conftest import HSDS_EXAMPLES

PASSPHRASE = "cli passphrase 12"


@pytest.fixture
def folder(tmp_path, monkeypatch):
    create_store(tmp_path / "store", PASSPHRASE, kdf=TEST_KDF).close()
    monkeypatch.setenv("LINKDESK_PASSPHRASE", PASSPHRASE)
    return tmp_path / "store"


def run(folder, *args) -> int:
    return main(["directory", *args, "--data-dir", str(folder)])


def test_import_search_and_export(folder, tmp_path, capsys):
    assert run(folder, "import", str(HSDS_EXAMPLES / "service_full.json")) == 0
    out = capsys.readouterr().out
    assert "1 new, 0 updated, 0 unchanged, 0 skipped" in out and "impossible coordinates" in out
    template = tmp_path / "flat.csv"
    write_flat_template(template)
    assert run(folder, "import", str(template)) == 0
    capsys.readouterr()
    assert run(folder, "search", "walk", "--day", "tuesday", "--free", "--json") == 0
    [found] = json.loads(capsys.readouterr().out)
    assert found["name"] == "Cotteridge Walking Group" and found["cost"] == "Free"
    assert run(folder, "search", "", "--category", "physical activity") == 0
    assert "Cotteridge Walking Group" in capsys.readouterr().out
    assert run(folder, "export", str(tmp_path / "out.json"), "--format", "oruk-json") == 0
    assert len(json.loads((tmp_path / "out.json").read_text())) == 2
    assert run(folder, "export", str(tmp_path / "csv"), "--format", "oruk-csv") == 0
    assert (tmp_path / "csv" / "services.csv").exists()


def test_bad_input_gives_one_line_and_an_exit_code(folder, tmp_path, capsys):
    assert run(folder, "search", "x", "--day", "blursday") == 2
    assert run(folder, "search", "x", "--category", "nonsense") == 2
    broken = tmp_path / "broken.json"
    broken.write_text("{", encoding="utf-8")
    assert run(folder, "import", str(broken)) == 1
    errors = capsys.readouterr().err.strip().splitlines()
    assert len(errors) == 3 and all(line.startswith("linkdesk: error: ") for line in errors)
    assert "blursday" in errors[0] and "not valid JSON" in errors[2]
