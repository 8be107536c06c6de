"""`linkdesk init/check/passphrase/backup/restore/audit` in-process: output, exit codes, one-line errors."""

import io
import sys
from datetime import date, timedelta

import pytest

from linkdesk.cli import main
from linkdesk.store import TEST_KDF, WrongPassphrase, create_store, open_store
from linkdesk.store.backup import list_automatic_backups
from linkdesk.store.engine import PAGE_SIZE
from linkdesk.store.keys import MIN_MEMORY_KIB, read_header
from linkdesk.store.settings import IDLE_LOCK_MINUTES, read_setting, store_id, write_setting
from linkdesk.store.store import DB_NAME

from ..conftest import PASSPHRASE
from ..helpers import error_line, fingerprint


@pytest.fixture
def folder(tmp_path):
    """A closed store made with cheap KDF parameters (init itself is tested once, below)."""
    store = create_store(tmp_path / "store", PASSPHRASE, kdf=TEST_KDF, cache_mib=8)
    write_setting(store, IDLE_LOCK_MINUTES, "9")
    store.close()
    return tmp_path / "store"


@pytest.fixture
def run(capsys, monkeypatch):
    """run(*args, stdin=None, env=None) -> (exit code, stdout, stderr), with no terminal attached."""

    def run(*args, stdin="", **env):
        monkeypatch.setattr(sys, "stdin", io.StringIO(stdin))
        for name, value in env.items():
            monkeypatch.setenv(name, value)
        code = main([str(arg) for arg in args])
        captured = capsys.readouterr()
        for name in env:
            monkeypatch.delenv(name)
        return code, captured.out, captured.err

    return run


def _setting(folder, passphrase=PASSPHRASE):
    store = open_store(folder, passphrase, cache_mib=8)
    try:
        return read_setting(store, IDLE_LOCK_MINUTES)
    finally:
        store.close()


def _store_id(folder):
    store = open_store(folder, PASSPHRASE, cache_mib=8)
    try:
        return store_id(store)
    finally:
        store.close()


# -- init -------------------------------------------------------------------------------


@pytest.mark.slow
def test_init_creates_a_calibrated_store_and_refuses_to_overwrite_it(run, tmp_path):
    folder = tmp_path / "new store"
    code, out, err = run("init", "--data-dir", folder, LINKDESK_PASSPHRASE=PASSPHRASE)
    assert (code, err) == (0, "")
    assert f"Created a new LinkDesk store in {folder}" in out
    assert "cannot be recovered" in out
    assert read_header(folder / "linkdesk.key").current.params.memory_kib >= MIN_MEMORY_KIB

    before = fingerprint(folder)
    code, out, err = run("init", "--data-dir", folder, LINKDESK_PASSPHRASE="another passphrase")
    assert code == 1
    assert "already holds a LinkDesk store" in error_line(err)
    assert fingerprint(folder) == before

    code, out, err = run("--data-dir", folder, "check", stdin=PASSPHRASE + "\n")
    assert code == 2  # no --passphrase-stdin and no terminal: nothing to read a passphrase from
    code, out, err = run("--data-dir", folder, "--passphrase-stdin", "check", stdin=PASSPHRASE + "\n")
    assert (code, err) == (0, "")


def test_init_refuses_a_short_passphrase_and_creates_nothing(run, tmp_path):
    code, out, err = run("init", "--data-dir", tmp_path / "store", "--passphrase-stdin", stdin="short\n")
    assert code == 2
    assert "at least 10 characters" in error_line(err)
    assert not (tmp_path / "store").exists() or list((tmp_path / "store").iterdir()) == []


# -- check ------------------------------------------------------------------------------


@pytest.mark.parametrize("where", ["before", "after"])
def test_check_passes_on_a_healthy_store_with_data_dir_before_or_after_the_command(run, folder, where):
    args = ["--data-dir", folder, "check"] if where == "before" else ["check", "--data-dir", folder]
    before = fingerprint(folder)
    code, out, err = run(*args, LINKDESK_PASSPHRASE=PASSPHRASE)
    assert (code, err) == (0, "")
    assert "Integrity check: ok" in out and "Encryption check: ok" in out
    assert out.strip().endswith("All checks passed.")
    assert fingerprint(folder) == before  # checking is read-only


def test_check_with_the_wrong_passphrase_exits_3(run, folder):
    code, out, err = run("check", "--data-dir", folder, LINKDESK_PASSPHRASE="not the passphrase")
    assert code == 3
    assert "does not unlock" in error_line(err)
    assert "not the passphrase" not in err


@pytest.mark.parametrize(
    "damage, wording",
    [
        (lambda folder: (folder / DB_NAME).write_bytes(b""), "empty"),
        (lambda folder: (folder / "linkdesk.key").unlink(), "key header"),
        (lambda folder: (folder / DB_NAME).write_bytes((folder / DB_NAME).read_bytes()[:PAGE_SIZE]), "damaged"),
    ],
    ids=["zero-length", "no key header", "truncated"],
)
def test_check_of_a_damaged_store_exits_4_with_one_line(run, folder, damage, wording):
    damage(folder)
    before = fingerprint(folder)
    code, out, err = run("check", "--data-dir", folder, LINKDESK_PASSPHRASE=PASSPHRASE)
    assert code == 4
    line = error_line(err)
    assert wording in line and str(folder) in line and "backup" in line
    assert fingerprint(folder) == before


def test_check_of_a_folder_with_no_store_fails_plainly(run, tmp_path):
    code, out, err = run("check", "--data-dir", tmp_path, LINKDESK_PASSPHRASE=PASSPHRASE)
    assert code == 1
    assert "There is no LinkDesk store" in error_line(err)


def test_no_passphrase_and_no_terminal_is_a_usage_error(run, folder):
    before = fingerprint(folder)
    code, out, err = run("check", "--data-dir", folder)
    assert code == 2
    assert "LINKDESK_PASSPHRASE" in error_line(err)
    code, out, err = run("check", "--data-dir", folder, "--passphrase-stdin", stdin="")
    assert code == 2
    assert "line 1" in error_line(err)
    assert fingerprint(folder) == before


# -- passphrase -------------------------------------------------------------------------


def test_passphrase_takes_the_new_one_from_the_environment(run, folder):
    code, out, err = run("passphrase", "--data-dir", folder,
                         LINKDESK_PASSPHRASE=PASSPHRASE, LINKDESK_NEW_PASSPHRASE="Zażółć gęślą jaźń")
    assert (code, err) == (0, "")
    assert "passphrase was changed" in out
    with pytest.raises(WrongPassphrase):
        open_store(folder, PASSPHRASE)
    assert _setting(folder, "Zażółć gęślą jaźń") == "9"


def test_passphrase_takes_both_from_stdin(run, folder):
    code, out, err = run("--passphrase-stdin", "passphrase", "--data-dir", folder,
                         stdin=f"{PASSPHRASE}\nnew: it's \"quoted\" ; 100%\n")
    assert (code, err) == (0, "")
    assert _setting(folder, "new: it's \"quoted\" ; 100%") == "9"


@pytest.mark.parametrize(
    "stdin, code, wording",
    [
        (f"{PASSPHRASE}\n", 2, "line 2"),
        (f"{PASSPHRASE}\nshort\n", 2, "at least 10 characters"),
        ("wrong passphrase\nanother new one\n", 3, "does not unlock"),
    ],
    ids=["no second line", "weak new passphrase", "wrong current passphrase"],
)
def test_a_failed_passphrase_change_leaves_the_old_passphrase_working(run, folder, stdin, code, wording):
    result, out, err = run("passphrase", "--data-dir", folder, "--passphrase-stdin", stdin=stdin)
    assert result == code
    assert wording in error_line(err)
    assert read_header(folder / "linkdesk.key").pending is None
    assert _setting(folder) == "9"


# -- backup and restore -----------------------------------------------------------------


def test_backup_to_a_named_folder_and_refusal_of_an_occupied_one(run, folder, tmp_path):
    code, out, err = run("backup", tmp_path / "usb", "--data-dir", folder, LINKDESK_PASSPHRASE=PASSPHRASE)
    assert (code, err) == (0, "")
    assert f"Verified backup written to {tmp_path / 'usb'}" in out
    assert _setting(tmp_path / "usb") == "9"

    before = fingerprint(tmp_path / "usb")
    code, out, err = run("backup", tmp_path / "usb", "--data-dir", folder, LINKDESK_PASSPHRASE=PASSPHRASE)
    assert code == 1
    assert "not an empty folder" in error_line(err)
    assert fingerprint(tmp_path / "usb") == before


def test_backup_without_a_destination_goes_to_the_automatic_folder(run, folder):
    code, out, err = run("backup", "--data-dir", folder, LINKDESK_PASSPHRASE=PASSPHRASE)
    assert (code, err) == (0, "")
    [entry] = list_automatic_backups(folder / "backups", _store_id(folder))
    assert str(entry.path) in out
    assert _setting(entry.path) == "9"


def test_restore_round_trip_keeps_the_replaced_store(run, folder, tmp_path):
    run("backup", tmp_path / "saved", "--data-dir", folder, LINKDESK_PASSPHRASE=PASSPHRASE)
    store = open_store(folder, PASSPHRASE, cache_mib=8)
    write_setting(store, IDLE_LOCK_MINUTES, "30")
    store.close()

    code, out, err = run("restore", tmp_path / "saved", "--data-dir", folder, LINKDESK_PASSPHRASE=PASSPHRASE)
    assert (code, err) == (0, "")
    assert "kept in" in out
    assert _setting(folder) == "9"
    [aside] = folder.glob("replaced-*")
    assert _setting(aside) == "30"


def test_restore_with_the_wrong_passphrase_or_a_missing_backup_changes_nothing(run, folder, tmp_path):
    run("backup", tmp_path / "saved", "--data-dir", folder, LINKDESK_PASSPHRASE=PASSPHRASE)
    before = fingerprint(folder)
    code, out, err = run("restore", tmp_path / "saved", "--data-dir", folder, LINKDESK_PASSPHRASE="wrong one!")
    assert code == 3
    error_line(err)
    code, out, err = run("restore", tmp_path / "nowhere", "--data-dir", folder, LINKDESK_PASSPHRASE=PASSPHRASE)
    assert code == 1
    assert "no LinkDesk store" in error_line(err)
    assert fingerprint(folder) == before


# -- audit ------------------------------------------------------------------------------


def test_audit_prints_the_log_newest_first_and_filters_by_date(run, folder):
    run("backup", "--data-dir", folder, LINKDESK_PASSPHRASE=PASSPHRASE)
    code, out, err = run("audit", "--data-dir", folder, LINKDESK_PASSPHRASE=PASSPHRASE)
    assert (code, err) == (0, "")
    actions = [line.split("\t")[2] for line in out.splitlines()]
    assert actions[-1] == "create store"
    assert "backup" in actions and actions.count("unlock") >= 2

    yesterday = (date.today() - timedelta(days=1)).isoformat()
    tomorrow = (date.today() + timedelta(days=1)).isoformat()
    code, out_since, err = run("audit", "--since", yesterday, "--data-dir", folder, LINKDESK_PASSPHRASE=PASSPHRASE)
    assert code == 0 and "create store" in out_since
    code, out_future, err = run("audit", "--since", tomorrow, "--data-dir", folder, LINKDESK_PASSPHRASE=PASSPHRASE)
    assert (code, out_future) == (0, "")


def test_audit_with_a_bad_date_is_a_usage_error(run, folder):
    code, out, err = run("audit", "--since", "25/11/2026", "--data-dir", folder, LINKDESK_PASSPHRASE=PASSPHRASE)
    assert code == 2
    assert "2026-11-25" in error_line(err)
