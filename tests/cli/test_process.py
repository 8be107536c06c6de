"""`python -m linkdesk` as IT staff run it: real exit codes, one error line, never a traceback."""

import os
import subprocess
import sys

import pytest

from linkdesk.store import TEST_KDF, create_store

from ..conftest import PASSPHRASE
from ..helpers import error_line, fingerprint, run_linkdesk


@pytest.fixture
def folder(tmp_path):
    create_store(tmp_path / "store", PASSPHRASE, kdf=TEST_KDF, cache_mib=8).close()
    return tmp_path / "store"


def test_check_in_a_real_process_gives_each_documented_exit_code(folder, tmp_path):
    ok = run_linkdesk("check", "--data-dir", str(folder), passphrase=PASSPHRASE)
    assert (ok.returncode, ok.stderr) == (0, ""), ok.stderr
    assert "All checks passed." in ok.stdout

    wrong = run_linkdesk("--data-dir", str(folder), "check", passphrase="not the passphrase")
    assert wrong.returncode == 3
    assert "does not unlock" in error_line(wrong.stderr)

    no_passphrase = run_linkdesk("check", "--data-dir", str(folder))
    assert no_passphrase.returncode == 2
    error_line(no_passphrase.stderr)

    from_stdin = run_linkdesk("check", "--passphrase-stdin", "--data-dir", str(folder), stdin=PASSPHRASE + "\n")
    assert from_stdin.returncode == 0, from_stdin.stderr

    (folder / "linkdesk.db").write_bytes(b"\x00" * 1000)
    before = fingerprint(folder)
    damaged = run_linkdesk("check", "--data-dir", str(folder), passphrase=PASSPHRASE)
    assert damaged.returncode == 4
    assert "truncated" in error_line(damaged.stderr)
    assert fingerprint(folder) == before

    missing = run_linkdesk("audit", "--data-dir", str(tmp_path / "nothing here"), passphrase=PASSPHRASE)
    assert missing.returncode == 1
    assert "no LinkDesk store" in error_line(missing.stderr)


def test_a_mistyped_command_is_a_usage_error_without_a_traceback(tmp_path):
    result = run_linkdesk("chekc", "--data-dir", str(tmp_path))
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert [line for line in result.stderr.splitlines() if line.startswith("linkdesk: error:")]
    assert list(tmp_path.iterdir()) == []


def test_passphrase_change_in_a_real_process_reads_both_lines_of_stdin(folder):
    changed = run_linkdesk("passphrase", "--data-dir", str(folder), "--passphrase-stdin",
                           stdin=f"{PASSPHRASE}\nنہیں، بالکل نہیں\n")
    assert changed.returncode == 0, changed.stderr
    assert run_linkdesk("check", "--data-dir", str(folder), passphrase="نہیں، بالکل نہیں").returncode == 0
    assert run_linkdesk("check", "--data-dir", str(folder), passphrase=PASSPHRASE).returncode == 3


def test_output_piped_into_a_reader_that_stops_early_ends_without_a_traceback(folder):
    """`linkdesk audit | head -1`: the reader has gone before linkdesk writes."""
    env = {key: value for key, value in os.environ.items() if key not in ("DISPLAY", "WAYLAND_DISPLAY")}
    env["LINKDESK_PASSPHRASE"] = PASSPHRASE
    process = subprocess.Popen([sys.executable, "-m", "linkdesk", "audit", "--data-dir", str(folder)],
                               stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env)
    process.stdout.close()  # long before the passphrase is checked and the first line written
    stderr = process.stderr.read().decode()
    assert process.wait(timeout=120) == 1
    assert stderr == ""
