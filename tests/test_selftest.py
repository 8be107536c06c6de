"""`linkdesk --self-test`: what IT sees when an installation works, and when it does not."""

import os
import subprocess
import sys

import pytest

from linkdesk import selftest
from linkdesk.cli import main

STORE_CHECKS = (
    "Encryption library",
    "Create an encrypted store",
    "Write, lock, unlock and read back",
    "Wrong passphrase refused",
    "Store checks",
    "Verified backup",
    "Data encrypted on disk",
    "Application icon",
    "User interface libraries",
)


def _pdf_line(output: str) -> str:
    return next(line for line in output.splitlines() if "PDF with every bundled font" in line)


def test_self_test_passes_and_reports_every_check(capsys):
    assert main(["--self-test"]) == 0
    output = capsys.readouterr().out
    for name in STORE_CHECKS:
        assert f"  ok      {name}" in output, name
    assert "FAILED" not in output
    assert output.rstrip().endswith("Self-test passed.")


def test_pdf_check_is_honest_about_what_this_build_can_do(capsys):
    main(["--self-test"])
    line = _pdf_line(capsys.readouterr().out)
    if not selftest.pdf_rendering_available():
        assert "n/a" in line and "PDF rendering not available in this build" in line
    else:
        assert line.lstrip().startswith("ok")
        from linkdesk.documents.fonts import ALL_FACES

        assert f"{len(ALL_FACES)} fonts loaded" in line and "embedded fonts" in line


def test_a_pdf_that_cannot_be_written_fails_the_pdf_check(tmp_path):
    if not selftest.pdf_rendering_available():
        pytest.skip("this build has no PDF rendering")
    result = selftest.pdf_check(tmp_path / "no such folder" / "self-test.pdf")
    assert result.status == selftest.FAILED
    assert "no such folder" in result.detail
    assert not (tmp_path / "no such folder").exists()


def test_self_test_as_a_command_with_no_display_leaves_nothing_behind(tmp_path):
    scratch = tmp_path / "tmp"
    scratch.mkdir()
    env = {key: value for key, value in os.environ.items()
           if key not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")}
    env.update(TMPDIR=str(scratch), TEMP=str(scratch), TMP=str(scratch))
    done = subprocess.run([sys.executable, "-m", "linkdesk", "--self-test"], env=env, cwd=tmp_path,
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "Self-test passed." in done.stdout
    assert "Traceback" not in done.stderr
    assert list(scratch.iterdir()) == []


def test_a_failing_check_is_reported_and_later_store_checks_are_not_run(tmp_path, capsys):
    blocked = tmp_path / "not-a-folder"
    blocked.write_text("a file where the test store's folder should go")
    results = selftest.run_checks(blocked)
    by_name = {result.name: result for result in results}
    assert by_name["Encryption library"].status == selftest.OK
    assert by_name["Create an encrypted store"].status == selftest.FAILED
    assert by_name["Verified backup"].detail == "not run: the test store could not be made"
    assert not selftest.passed(results)
    selftest.print_report(results, sys.stdout)
    output = capsys.readouterr().out
    assert "  FAILED  Create an encrypted store: " in output
    assert output.rstrip().endswith("FAILED. Self-test failed.")
    assert blocked.read_text() == "a file where the test store's folder should go"


def test_pdf_problems_are_named(tmp_path):
    missing = tmp_path / "missing.pdf"
    assert selftest.pdf_problem(missing) == "no PDF file was written"
    text = tmp_path / "text.pdf"
    text.write_text("hello")
    assert selftest.pdf_problem(text) == "the file written is not a PDF"
    cut = tmp_path / "cut.pdf"
    cut.write_bytes(b"%PDF-1.4\n" + b"0" * 4000)
    assert selftest.pdf_problem(cut) == "the PDF written is incomplete"
    tiny = tmp_path / "tiny.pdf"
    tiny.write_bytes(b"%PDF-1.4\n%%EOF\n")
    assert "suspiciously small" in selftest.pdf_problem(tiny)
