"""Linux desktop integration: the .desktop entry, AppStream metainfo and icons agree with each other."""

import configparser
import re
import shutil
import struct
import subprocess
import xml.etree.ElementTree as ET
from importlib.metadata import version
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
LINUX = ROOT / "packaging" / "linux"
ICONS = ROOT / "linkdesk" / "resources" / "icons"
APP_ID = "org.linkdesk.LinkDesk"
DESKTOP = LINUX / f"{APP_ID}.desktop"
METAINFO = LINUX / f"{APP_ID}.metainfo.xml"
PNG_SIZES = (16, 24, 32, 48, 64, 128, 256, 512)


def _desktop_entry() -> configparser.SectionProxy:
    parser = configparser.ConfigParser(interpolation=None)
    parser.optionxform = str  # keys are case-sensitive in desktop entries
    parser.read(DESKTOP, encoding="utf-8")
    return parser["Desktop Entry"]


def _spec_executables() -> list[str]:
    return re.findall(r'EXE\([^)]*name="([^"]+)"', (ROOT / "packaging" / "linkdesk.spec").read_text())


def test_desktop_entry_launches_the_windowed_app_with_our_icon():
    entry = _desktop_entry()
    assert entry["Type"] == "Application"
    assert entry["Name"] == "LinkDesk"
    assert entry["Icon"] == APP_ID
    assert entry["Terminal"] == "false"
    assert entry["Exec"].split()[0] in _spec_executables()
    assert entry["Exec"].split()[0] == "linkdesk"
    assert "Office" in entry["Categories"].split(";")


def test_metainfo_names_the_desktop_entry_and_the_current_version():
    component = ET.parse(METAINFO).getroot()
    assert component.get("type") == "desktop-application"
    assert component.findtext("id") == APP_ID
    assert component.find("launchable").text == DESKTOP.name
    assert component.find("icon").text == _desktop_entry()["Icon"]
    assert component.findtext("metadata_license") == "CC0-1.0"
    assert component.findtext("project_license") == "MIT"
    assert component.findtext("name") == "LinkDesk"
    assert component.find("description/p") is not None
    newest = component.find("releases/release")
    assert newest.get("version") == version("linkdesk"), "add a <release> for the new version"


@pytest.mark.skipif(shutil.which("desktop-file-validate") is None, reason="desktop-file-utils not installed")
def test_desktop_entry_passes_desktop_file_validate():
    done = subprocess.run(["desktop-file-validate", str(DESKTOP)], capture_output=True, text=True)
    assert done.returncode == 0 and not done.stdout.strip(), done.stdout


@pytest.mark.skipif(shutil.which("appstreamcli") is None, reason="appstream not installed")
def test_metainfo_passes_appstreamcli_validate():
    done = subprocess.run(["appstreamcli", "validate", "--no-net", str(METAINFO)], capture_output=True, text=True)
    assert done.returncode == 0, done.stdout
    assert "W:" not in done.stdout and "E:" not in done.stdout, done.stdout


def _png_size(path: Path) -> tuple[int, int]:
    data = path.read_bytes()[:24]
    assert data[:8] == b"\x89PNG\r\n\x1a\n", f"{path.name} is not a PNG"
    return struct.unpack(">II", data[16:24])


def test_every_png_icon_has_the_size_its_name_says():
    for size in PNG_SIZES:
        assert _png_size(ICONS / f"linkdesk-{size}.png") == (size, size)


def test_windows_icon_holds_every_size_windows_asks_for():
    data = (ICONS / "linkdesk.ico").read_bytes()
    reserved, kind, count = struct.unpack("<HHH", data[:6])
    assert (reserved, kind) == (0, 1)
    # In an ICONDIRENTRY a width or height of 0 means 256.
    sizes = {(data[6 + 16 * i] or 256) for i in range(count)}
    assert {16, 24, 32, 48, 256} <= sizes


def test_macos_icon_is_an_icns_file_with_a_retina_size():
    data = (ICONS / "linkdesk.icns").read_bytes()
    assert data[:4] == b"icns"
    assert struct.unpack(">I", data[4:8])[0] == len(data)
    assert b"ic10" in data  # 512x512@2x


def test_the_svg_master_is_nhs_blue():
    svg = ET.parse(ICONS / "linkdesk.svg").getroot()
    assert svg.get("viewBox") == "0 0 512 512"
    assert "#005EB8" in (ICONS / "linkdesk.svg").read_text()
