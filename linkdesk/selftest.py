"""`linkdesk --self-test`: proves an installation works, end to end, in a throwaway store.

Meant for IT teams after deploying LinkDesk: it needs no network, no display and no
existing store, touches nothing outside a temporary folder, and prints one line per
check. The store uses the production key derivation floor (Argon2id, 64 MiB, 3 passes,
4 lanes) rather than calibrating: same algorithm and memory use as a real store, so
the Argon2 bindings are really exercised, without calibration's repeated timing runs.
"""

from __future__ import annotations

import importlib
import importlib.util
import sys
import tempfile
import traceback
from collections.abc import Callable
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import TextIO

from linkdesk import __version__
from linkdesk.store import KdfParams, Store, WrongPassphrase, create_store, open_store
from linkdesk.store import drafts
from linkdesk.store.backup import backup_store
from linkdesk.store.engine import SQLITE_MAGIC, sqlcipher_library_version
from linkdesk.store.store import DB_NAME, check_store

OK = "ok"
FAILED = "FAILED"
UNAVAILABLE = "n/a"

# Not a secret: it only ever opens the self-test's own temporary store.
SELF_TEST_PASSPHRASE = "self-test passphrase (not a secret)"
# Written, read back, then looked for in the raw file to prove it is encrypted on disk.
MARKER = "LinkDesk self-test marker: café, naïve, ✓"
DRAFT_KEY = "self-test"
ICON_FILES = ("linkdesk.svg", "linkdesk-16.png", "linkdesk-32.png", "linkdesk-48.png",
              "linkdesk-256.png", "linkdesk.ico")
PDF_MODULE = "linkdesk.documents.sample"


@dataclass(frozen=True)
class CheckResult:
    name: str
    status: str  # OK, FAILED or UNAVAILABLE
    detail: str = ""


class _CheckFailed(Exception):
    """A check found something wrong; the message says what, in plain English."""


class _Run:
    """The checks in order; later store checks need the store the earlier ones made."""

    def __init__(self, folder: Path):
        self.folder = folder
        self.store_folder = folder / "store"
        self.store: Store | None = None
        self.results: list[CheckResult] = []

    def check(self, name: str, body: Callable[[], str], needs_store: bool = False) -> None:
        if needs_store and self.store is None:
            self.results.append(CheckResult(name, FAILED, "not run: the test store could not be made"))
            return
        try:
            detail = body()
        except _CheckFailed as exc:
            self.results.append(CheckResult(name, FAILED, str(exc)))
        except Exception as exc:  # an install problem (missing library, file...) must be reported, not crash
            self.results.append(CheckResult(name, FAILED, _describe(exc)))
        else:
            self.results.append(CheckResult(name, OK, detail))

    # -- the checks -----------------------------------------------------------------

    def encryption_library(self) -> str:
        version = sqlcipher_library_version()
        if version.startswith("none"):
            raise _CheckFailed("the SQLite library in use has no encryption (SQLCipher is missing)")
        return f"SQLCipher {version}"

    def create(self) -> str:
        params = KdfParams()
        self.store = create_store(self.store_folder, SELF_TEST_PASSPHRASE, kdf=params, cache_mib=8)
        return (f"Argon2id {params.memory_kib // 1024} MiB, {params.time_cost} passes, "
                f"{params.parallelism} lanes; schema migrated")

    def write_and_read_back(self) -> str:
        drafts.park(self.store, {DRAFT_KEY: {"text": MARKER}})
        self.store.close()
        self.store = open_store(self.store_folder, SELF_TEST_PASSPHRASE, cache_mib=8)
        back = drafts.take(self.store).get(DRAFT_KEY)
        if back != {"text": MARKER}:
            raise _CheckFailed(f"read back {back!r} instead of what was written")
        drafts.park(self.store, {DRAFT_KEY: {"text": MARKER}})  # kept for the on-disk check
        return "written, store closed and unlocked again, read back unchanged"

    def wrong_passphrase(self) -> str:
        try:
            open_store(self.store_folder, SELF_TEST_PASSPHRASE + " wrong", cache_mib=8).close()
        except WrongPassphrase:
            return "refused"
        raise _CheckFailed("the store opened with a wrong passphrase")

    def store_checks(self) -> str:
        report = self.store.check()
        if not report.ok:
            raise _CheckFailed("; ".join(report.problems))
        return f"integrity, page authentication and schema ({report.schema_revision}) ok"

    def backup(self) -> str:
        target = backup_store(self.store, self.folder / "backup")
        report = check_store(target, SELF_TEST_PASSPHRASE)
        if not report.ok:
            raise _CheckFailed("; ".join(report.problems))
        return "written, reopened and checked"

    def encrypted_on_disk(self) -> str:
        self.store.close()  # checkpoint the WAL so every written page is in the file
        self.store = None
        data = (self.store_folder / DB_NAME).read_bytes()
        if data.startswith(SQLITE_MAGIC):
            raise _CheckFailed("the database file is plain SQLite")
        if MARKER.encode("utf-8") in data or b"self-test marker" in data:
            raise _CheckFailed("text written to the store can be read in the file without the key")
        return f"{len(data) // 1024} KiB file holds no readable text"

    def icon(self) -> str:
        icons = resources.files("linkdesk").joinpath("resources", "icons")
        missing = [name for name in ICON_FILES if not icons.joinpath(name).is_file()]
        if missing:
            raise _CheckFailed("missing " + ", ".join(missing))
        return f"{len(ICON_FILES)} icon files present"

    def user_interface(self) -> str:
        # Importing loads the Qt libraries the window needs without opening a window.
        importlib.import_module("linkdesk.ui.app")
        qt = importlib.import_module("PySide6")
        return f"Qt for Python {qt.__version__} loads"


def run_checks(folder: Path) -> list[CheckResult]:
    """Run every check in `folder`, a new empty folder the caller throws away afterwards."""
    run = _Run(Path(folder))
    run.check("Encryption library", run.encryption_library)
    run.check("Create an encrypted store", run.create)
    run.check("Write, lock, unlock and read back", run.write_and_read_back, needs_store=True)
    run.check("Wrong passphrase refused", run.wrong_passphrase, needs_store=True)
    run.check("Store checks", run.store_checks, needs_store=True)
    run.check("Verified backup", run.backup, needs_store=True)
    run.check("Data encrypted on disk", run.encrypted_on_disk, needs_store=True)
    if run.store is not None:
        run.store.close()
    run.check("Application icon", run.icon)
    run.check("User interface libraries", run.user_interface)
    run.results.append(pdf_check(Path(folder) / "self-test.pdf"))
    return run.results


def pdf_check(path: Path) -> CheckResult:
    """Register every bundled font, then print the documents layer's sample plan to a PDF."""
    name = "PDF with every bundled font"
    if not pdf_rendering_available():
        return CheckResult(name, UNAVAILABLE, "PDF rendering not available in this build")
    try:
        from linkdesk.documents import fonts, sample

        for face in fonts.ALL_FACES:
            fonts.register(face)  # fails if a font file is missing from the installation
        sample.SampleDocument(pages=2).render_to(path)
    except Exception as exc:  # a missing font or library is exactly what this check is for
        return CheckResult(name, FAILED, _describe(exc))
    problem = pdf_problem(path)
    if problem:
        return CheckResult(name, FAILED, problem)
    # ReportLab writes font dictionaries uncompressed: one /FontFile2 per embedded TrueType font.
    embedded = path.read_bytes().count(b"/FontFile2")
    if not embedded:
        return CheckResult(name, FAILED, "the PDF has no embedded fonts")
    return CheckResult(name, OK, f"{len(fonts.ALL_FACES)} fonts loaded; sample plan printed with "
                                 f"{embedded} embedded fonts ({path.stat().st_size // 1024} KiB PDF)")


def pdf_rendering_available() -> bool:
    """Whether this build has the documents layer's sample renderer at all."""
    try:
        return importlib.util.find_spec(PDF_MODULE) is not None
    except ModuleNotFoundError:  # not even the documents package
        return False


def pdf_problem(path: Path) -> str:
    """Why `path` is not a complete PDF, or "" if it looks like one (header and end marker)."""
    if not path.is_file():
        return "no PDF file was written"
    data = path.read_bytes()
    if not data.startswith(b"%PDF-"):
        return "the file written is not a PDF"
    if b"%%EOF" not in data[-1024:]:
        return "the PDF written is incomplete"
    if len(data) < 1024:
        return f"the PDF written is suspiciously small ({len(data)} bytes)"
    return ""


def _describe(exc: BaseException) -> str:
    where = traceback.extract_tb(exc.__traceback__)[-1:] if exc.__traceback__ else []
    place = f" (in {Path(where[0].filename).name})" if where else ""
    return f"{type(exc).__name__}: {exc}{place}"


def print_report(results: list[CheckResult], out: TextIO) -> None:
    print(f"LinkDesk {__version__} self-test", file=out)
    for result in results:
        line = f"  {result.status:<7} {result.name}"
        print(f"{line}: {result.detail}" if result.detail else line, file=out)
    failed = [r for r in results if r.status == FAILED]
    unavailable = [r for r in results if r.status == UNAVAILABLE]
    passed = len(results) - len(failed) - len(unavailable)
    summary = f"{passed} of {len(results)} checks passed"
    if unavailable:
        summary += f", {len(unavailable)} not available in this build"
    if failed:
        summary += f", {len(failed)} FAILED. Self-test failed."
    else:
        summary += ". Self-test passed."
    print(summary, file=out)


def passed(results: list[CheckResult]) -> bool:
    """No check failed (a feature this build does not have is not a failure)."""
    return not any(result.status == FAILED for result in results)


def main(out: TextIO | None = None) -> int:
    """Run the self-test in a temporary folder; 0 if no check failed, 1 otherwise."""
    out = out or sys.stdout
    with tempfile.TemporaryDirectory(prefix="linkdesk-self-test-") as folder:
        results = run_checks(Path(folder))
    print_report(results, out)
    return 0 if passed(results) else 1
