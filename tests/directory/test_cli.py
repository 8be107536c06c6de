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


def test_an_export_or_template_that_cannot_be_written_gives_one_line_and_leaves_nothing(folder, tmp_path, capsys):
    blocker = tmp_path / "notes.txt"
    blocker.write_text("a file where a folder is wanted")
    (tmp_path / "taken.zip").mkdir()  # a folder where the zip should go
    assert run(folder, "export", str(blocker / "out.json"), "--format", "oruk-json") == 1
    assert run(folder, "export", str(blocker / "csv"), "--format", "oruk-csv") == 1
    assert run(folder, "export", str(tmp_path / "taken.zip"), "--format", "oruk-csv") == 1
    assert run(folder, "template", str(blocker / "flat.csv")) == 1
    errors = capsys.readouterr().err.strip().splitlines()
    assert len(errors) == 4 and all(line.startswith("linkdesk: error: ") for line in errors)
    assert all("could not be saved to" in line for line in errors)
    assert "The flat CSV template" in errors[3]
    assert sorted(path.name for path in tmp_path.iterdir()) == ["notes.txt", "store", "taken.zip"]
    assert list((tmp_path / "taken.zip").iterdir()) == []  # no temporary file left behind


def test_an_export_replaces_an_earlier_file_of_that_name(folder, tmp_path):
    out = tmp_path / "out.json"
    out.write_text("yesterday's export")
    assert run(folder, "export", str(out), "--format", "oruk-json") == 0
    assert json.loads(out.read_text()) == []
    assert sorted(path.name for path in tmp_path.iterdir()) == ["out.json", "store"]


def test_the_template_never_replaces_a_file(folder, tmp_path, capsys):
    """A template is filled in by hand: saving another over it would lose that work."""
    filled = tmp_path / "flat.csv"
    filled.write_text("name\nMy filled-in walking group\n")
    assert run(folder, "template", str(filled)) == 1
    assert "already exists" in capsys.readouterr().err
    assert filled.read_text() == "name\nMy filled-in walking group\n"
