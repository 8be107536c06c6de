"""The Linux bundle, built from a clean virtualenv by packaging/build_linux.sh and checked (CI only).

Building takes about a minute with a warm pip cache (several on a cold one), so it runs
only where the CI environment variable is set; run it locally with `CI=true pytest
tests/packaging`.
"""

import os
import subprocess
from importlib.metadata import version
from pathlib import Path

import pytest

from tests.test_selftest import STORE_CHECKS

ROOT = Path(__file__).resolve().parents[2]
BUNDLE = ROOT / "dist" / "linux" / "LinkDesk"
PASSPHRASE = "bundle test passphrase"

pytestmark = [
    pytest.mark.bundle,
    pytest.mark.skipif(not os.environ.get("CI"),
                       reason="builds the PyInstaller bundle (minutes): runs in CI, or locally with CI=true"),
]


@pytest.fixture(scope="module")
def build():
    done = subprocess.run(["bash", str(ROOT / "packaging" / "build_linux.sh")], cwd=ROOT,
                          capture_output=True, text=True, timeout=45 * 60)
    assert done.returncode == 0, f"build_linux.sh failed:\n{done.stdout[-6000:]}\n{done.stderr[-6000:]}"
    return done.stdout


def test_the_bundle_reports_the_package_version_and_passes_its_self_test(build):
    assert f"\nLinkDesk {version('linkdesk')}\n" in build
    for name in STORE_CHECKS:
        assert f"  ok      {name}" in build, name
    assert "Self-test passed." in build
    assert "FAILED" not in build


def test_the_bundle_opens_its_window_and_ships_desktop_files(build):
    assert "\nshown " in build
    share = BUNDLE / "share"
    assert (share / "applications" / "org.linkdesk.LinkDesk.desktop").is_file()
    assert (share / "metainfo" / "org.linkdesk.LinkDesk.metainfo.xml").is_file()
    assert (share / "icons" / "hicolor" / "256x256" / "apps" / "org.linkdesk.LinkDesk.png").is_file()
    archives = list((ROOT / "dist" / "linux").glob(f"LinkDesk-{version('linkdesk')}-linux-*.tar.gz"))
    assert len(archives) == 1


def test_the_bundled_command_line_keeps_its_exit_codes(build, tmp_path):
    cli = str(BUNDLE / "linkdesk-cli")
    store = str(tmp_path / "store")
    env = {**os.environ, "LINKDESK_PASSPHRASE": PASSPHRASE, "QT_QPA_PLATFORM": "offscreen"}

    created = subprocess.run([cli, "init", "--data-dir", store], env=env, capture_output=True, text=True,
                             timeout=300)
    assert created.returncode == 0, created.stderr
    checked = subprocess.run([cli, "check", "--data-dir", store], env=env, capture_output=True, text=True,
                             timeout=300)
    assert checked.returncode == 0, checked.stderr
    assert "All checks passed." in checked.stdout

    env["LINKDESK_PASSPHRASE"] = PASSPHRASE + " wrong"
    refused = subprocess.run([cli, "check", "--data-dir", store], env=env, capture_output=True, text=True,
                             timeout=300)
    assert refused.returncode == 3
    assert refused.stderr.startswith("linkdesk: error: ")
    assert "Traceback" not in refused.stderr
