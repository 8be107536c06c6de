"""The Windows installer script: per-user, versioned by the build, and never touching the store.

Inno Setup cannot run here, so these tests read the script the way ISCC would read its
sections; the real installer must still be tried on Windows (docs/INSTALL.md says so).
"""

import re
from pathlib import Path

from linkdesk.paths import default_data_dir

ROOT = Path(__file__).resolve().parents[2]
ISS = ROOT / "packaging" / "windows" / "linkdesk.iss"
BUILD_PS1 = ROOT / "packaging" / "build_windows.ps1"


def _sections() -> dict[str, list[str]]:
    sections: dict[str, list[str]] = {}
    current = None
    for raw in ISS.read_text(encoding="utf-8").splitlines():
        line = raw.strip()
        if not line or line.startswith(";") or line.startswith("#"):
            continue
        match = re.fullmatch(r"\[(\w+)\]", line)
        if match:
            current = sections.setdefault(match.group(1), [])
        elif current is not None:
            current.append(line)
    return sections


def _setup() -> dict[str, str]:
    return dict(line.split("=", 1) for line in _sections()["Setup"])


def test_installs_for_the_current_user_without_admin_rights():
    setup = _setup()
    assert setup["PrivilegesRequired"] == "lowest"
    assert setup["DefaultDirName"] == r"{localappdata}\Programs\LinkDesk"
    assert "PrivilegesRequiredOverridesAllowed" not in setup


def test_version_comes_from_the_build():
    assert _setup()["AppVersion"] == "{#AppVersion}"
    assert "#error" in ISS.read_text()  # compiling without a version is refused
    assert '"/DAppVersion=$Version"' in BUILD_PS1.read_text()


def test_start_menu_entry_and_an_optional_desktop_icon_open_the_windowed_app():
    icons = _sections()["Icons"]
    assert any(line.startswith('Name: "{autoprograms}\\LinkDesk"') for line in icons)
    desktop = [line for line in icons if "{autodesktop}" in line]
    assert len(desktop) == 1 and "Tasks: desktopicon" in desktop[0]
    assert all('Filename: "{app}\\linkdesk.exe"' in line for line in icons)
    tasks = _sections()["Tasks"]
    assert any('Name: "desktopicon"' in line and "unchecked" in line for line in tasks)
    spec = (ROOT / "packaging" / "linkdesk.spec").read_text()
    assert 'name="linkdesk", console=False' in spec


def test_nothing_outside_the_program_folder_is_ever_deleted():
    # The store (%LOCALAPPDATA%\LinkDesk\store) is a sibling of {localappdata}\Programs\LinkDesk.
    assert default_data_dir().name == "store" and default_data_dir().parent.name == "LinkDesk"
    sections = _sections()
    assert "UninstallDelete" not in sections
    assert "Code" not in sections
    for line in sections.get("InstallDelete", []):
        name = re.search(r'Name: "([^"]+)"', line).group(1)
        assert name.startswith("{app}\\"), line
    assert "{localappdata}\\LinkDesk" not in ISS.read_text().replace("{localappdata}\\LinkDesk\\store", "")
