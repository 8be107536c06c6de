"""`linkdesk patients import | list | export | template` against a real store folder, and their failures."""

import json
import os

import pytest

from linkdesk.caseload import practices
from linkdesk.cli import main
from linkdesk.store import TEST_KDF, create_store, open_store

from ..helpers import error_line, run_linkdesk

PASSPHRASE = "cli passphrase 12"


@pytest.fixture
def folder(tmp_path, monkeypatch):
    store = create_store(tmp_path / "store", PASSPHRASE, kdf=TEST_KDF)
    practices.add_practice(store, "Cotteridge Health Centre", "M89001", "Bournville and Northfield PCN")
    store.close()
    monkeypatch.setenv("LINKDESK_PASSPHRASE", PASSPHRASE)
    return tmp_path / "store"


def run(folder, *args) -> int:
    return main(["patients", *args, "--data-dir", str(folder)])


def test_template_import_list_and_export(folder, tmp_path, capsys):
    template = tmp_path / "referrals.csv"
    assert run(folder, "template", str(template)) == 0
    assert run(folder, "import", str(template)) == 0
    assert "Imported 1 referrals: 1 new patients, 0 already on the caseload." in capsys.readouterr().out
    assert run(folder, "list", "--json") == 0
    [row] = json.loads(capsys.readouterr().out)
    assert (row["display_name"], row["nhs_number"], row["status"], row["practice"]) == (
        "Aisha Rahman", "999 100 0003", "received", "Cotteridge Health Centre")
    assert run(folder, "list", "--search", "b30 2jx") == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].startswith("id\tname\tNHS number") and "Aisha Rahman" in lines[1]
    assert run(folder, "list", "--search", "nobody") == 0
    assert len(capsys.readouterr().out.splitlines()) == 1
    assert run(folder, "export", str(row["patient_id"]), str(tmp_path / "sar")) == 0
    assert sorted(path.suffix for path in (tmp_path / "sar").iterdir()) == [".json", ".pdf"]
    store = open_store(folder, PASSPHRASE)
    try:
        from linkdesk.store.audit import read_events
        details = [event.detail for event in read_events(store)]
    finally:
        store.close()
    assert "caseload list of 1 patients on the command line" in details
    assert "subject access: JSON and PDF" in details


def test_a_bad_file_lists_every_problem_and_imports_nothing(folder, tmp_path, capsys):
    bad = tmp_path / "bad.csv"
    bad.write_text("first_name,last_name,date_of_birth,referral_date,referral_source\n"
                   "Ana,Ionescu,31/04/1975,10/11/2026,GP\n"
                   ",Nowak,01/01/1980,10/11/2026,carrier pigeon\n", encoding="utf-8")
    assert run(folder, "import", str(bad)) == 1
    captured = capsys.readouterr()
    assert captured.out.splitlines() == [
        "row 2, date_of_birth: 31/04/1975 is not a real date (check the day and the month).",
        "row 3, first_name: Enter the first name.",
        "row 3, referral_source: 'carrier pigeon' is not one of: GP, Practice nurse, Other clinician, Self-referral, "
        "Local agency: council, Local agency: housing, Local agency: DWP, Local agency: police, "
        "Local agency: voluntary sector, Hospital, Other",
    ]
    assert captured.err.strip() == "linkdesk: error: nothing was imported: 3 problems (listed above)"
    assert run(folder, "list", "--json") == 0
    assert json.loads(capsys.readouterr().out) == []


def test_usage_mistakes_exit_with_one_line(folder, tmp_path, capsys):
    assert run(folder, "export", "7", str(tmp_path / "sar")) == 1
    assert capsys.readouterr().err.strip() == "linkdesk: error: There is no patient with id 7."
    assert run(folder, "list", "--status", "lost") == 2
    template = tmp_path / "t.csv"
    template.write_text("keep me")
    assert run(folder, "template", str(template)) == 1
    assert template.read_text() == "keep me"


def test_a_real_process_says_one_line_for_a_missing_file(folder, tmp_path):
    finished = run_linkdesk("patients", "import", str(tmp_path / "nope.csv"), "--data-dir", str(folder),
                            passphrase=PASSPHRASE)
    assert finished.returncode == 1
    assert error_line(finished.stderr) == "linkdesk: error: nothing was imported: 1 problem (listed above)"
    assert "there is no file" in finished.stdout


def test_a_template_that_cannot_be_written_is_one_line_and_leaves_nothing(folder, tmp_path, capsys):
    missing = tmp_path / "no such folder" / "referrals.csv"
    assert run(folder, "template", str(missing)) == 1
    assert error_line(capsys.readouterr().err) == (
        f"linkdesk: error: could not write {missing}: its folder does not exist")
    assert not missing.parent.exists()
    blocker = tmp_path / "a file"
    blocker.write_text("keep me")
    assert run(folder, "template", str(blocker / "referrals.csv")) == 1
    assert error_line(capsys.readouterr().err).endswith("part of the path is a file, not a folder")
    assert blocker.read_text() == "keep me"


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() == 0,
                    reason="needs a POSIX user other than root (root writes into read-only folders)")
def test_a_template_in_a_read_only_folder_is_one_line(folder, tmp_path, capsys):
    locked = tmp_path / "locked"
    locked.mkdir()
    locked.chmod(0o500)
    try:
        assert run(folder, "template", str(locked / "referrals.csv")) == 1
        assert error_line(capsys.readouterr().err).endswith("you do not have permission to write there")
        assert list(locked.iterdir()) == []
    finally:
        locked.chmod(0o700)


def test_an_export_that_cannot_be_written_is_one_line(folder, tmp_path, capsys):
    template = tmp_path / "referrals.csv"
    assert run(folder, "template", str(template)) == 0
    assert run(folder, "import", str(template)) == 0
    capsys.readouterr()
    blocker = tmp_path / "a file"
    blocker.write_text("keep me")
    assert run(folder, "export", "1", str(blocker)) == 1
    assert error_line(capsys.readouterr().err) == (
        f"linkdesk: error: {blocker} is a file; give a folder to write the two files into.")
    assert run(folder, "export", "1", str(blocker / "sar")) == 1
    assert "The export could not be written to" in error_line(capsys.readouterr().err)
    assert blocker.read_text() == "keep me"


def test_a_real_process_says_one_line_for_a_template_in_a_missing_folder(folder, tmp_path):
    finished = run_linkdesk("patients", "template", str(tmp_path / "nowhere" / "t.csv"), "--data-dir", str(folder),
                            passphrase=PASSPHRASE)
    assert finished.returncode == 1
    assert "its folder does not exist" in error_line(finished.stderr)
