#!/usr/bin/env bash
# Builds the Linux one-folder bundle in a clean virtualenv, then checks the bundle itself.
#
#   packaging/build_linux.sh            (from anywhere; needs Python 3.11+ and PyPI access)
#
# Result: dist/linux/LinkDesk/ (run ./linkdesk or ./linkdesk-cli) and
# dist/linux/LinkDesk-<version>-linux-<arch>.tar.gz. Fails (exit 1) unless the built
# bundle's own `--version` matches the package version and its `--self-test` passes.
# Environment: PYTHON (default python3), LINKDESK_BUILD_DIR (default build/linux).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
PYTHON="${PYTHON:-python3}"
BUILD="${LINKDESK_BUILD_DIR:-$ROOT/build/linux}"
DIST="$ROOT/dist/linux"
VENV="$BUILD/venv"
started=$SECONDS

step() { printf '\n== %s\n' "$*"; }
fail() { printf 'build_linux.sh: error: %s\n' "$*" >&2; exit 1; }

"$PYTHON" -c 'import sys; sys.exit(sys.version_info < (3, 11))' \
    || fail "$PYTHON is older than Python 3.11"

step "Clean virtualenv in $VENV"
rm -rf "$BUILD" "$DIST"
mkdir -p "$BUILD" "$DIST"
"$PYTHON" -m venv "$VENV"
"$VENV/bin/python" -m pip install --quiet --upgrade pip
# A real (not editable) install: the bundle must hold what a wheel would hold.
"$VENV/bin/python" -m pip install --quiet "$ROOT[build]"
version="$("$VENV/bin/python" -c 'import importlib.metadata as m; print(m.version("linkdesk"))')"
echo "LinkDesk $version, $("$VENV/bin/pyinstaller" --version | sed 's/^/PyInstaller /')"

step "PyInstaller"
(cd "$ROOT" && "$VENV/bin/pyinstaller" --noconfirm --clean --log-level WARN \
    --distpath "$DIST" --workpath "$BUILD/work" packaging/linkdesk.spec)
bundle="$DIST/LinkDesk"
[ -x "$bundle/linkdesk" ] && [ -x "$bundle/linkdesk-cli" ] || fail "the bundle has no linkdesk executables"

step "Desktop integration files (share/)"
# Laid out like /usr/share so a per-user install copies share/ into ~/.local/share (docs/INSTALL.md).
share="$bundle/share"
install -Dm644 "$ROOT/packaging/linux/org.linkdesk.LinkDesk.desktop" "$share/applications/org.linkdesk.LinkDesk.desktop"
install -Dm644 "$ROOT/packaging/linux/org.linkdesk.LinkDesk.metainfo.xml" "$share/metainfo/org.linkdesk.LinkDesk.metainfo.xml"
icons="$ROOT/linkdesk/resources/icons"
for size in 16 24 32 48 64 128 256 512; do
    install -Dm644 "$icons/linkdesk-$size.png" "$share/icons/hicolor/${size}x${size}/apps/org.linkdesk.LinkDesk.png"
done
install -Dm644 "$icons/linkdesk.svg" "$share/icons/hicolor/scalable/apps/org.linkdesk.LinkDesk.svg"
# Validators are optional here (Debian packages desktop-file-utils and appstream).
if command -v desktop-file-validate >/dev/null; then
    desktop-file-validate "$share/applications/org.linkdesk.LinkDesk.desktop"
fi
if command -v appstreamcli >/dev/null; then
    appstreamcli validate --no-net "$share/metainfo/org.linkdesk.LinkDesk.metainfo.xml"
fi

step "SQLCipher inside the bundle"
# sqlcipher3-binary links SQLCipher statically; only its own libcrypto copy may come along.
extension="$(find "$bundle" -path '*sqlcipher3/_sqlite3*.so' | head -n 1)"
[ -n "$extension" ] || fail "the sqlcipher3 extension is missing from the bundle"
ldd "$extension"
if ldd "$extension" | grep -E 'libsqlite3|libsqlcipher|not found'; then
    fail "the sqlcipher3 extension depends on a system SQLite library or a missing library"
fi

# The bundle must work with no display and no network, as on a locked-down machine.
export QT_QPA_PLATFORM=offscreen

step "Bundle: --version"
reported="$("$bundle/linkdesk-cli" --version)"
echo "$reported"
[ "$reported" = "LinkDesk $version" ] || fail "--version says '$reported', expected 'LinkDesk $version'"

step "Bundle: --self-test"
"$bundle/linkdesk-cli" --self-test || fail "the bundle's self-test failed"

step "Bundle: the window opens"
scratch="$(mktemp -d)"
trap 'rm -rf "$scratch"' EXIT
# LINKDESK_BENCH_EXIT_ON_SHOW makes the app print "shown <seconds>" once its window is up, then quit.
shown="$(LINKDESK_BENCH_EXIT_ON_SHOW=1 timeout 120 "$bundle/linkdesk" --data-dir "$scratch/store" 2>/dev/null)" \
    || fail "the windowed app did not start"
echo "$shown"
[[ "$shown" == shown* ]] || fail "the windowed app never showed its window"

step "Archive"
arch="$(uname -m)"
archive="$DIST/LinkDesk-$version-linux-$arch.tar.gz"
tar -C "$DIST" -czf "$archive" LinkDesk

echo
echo "Bundle:  $bundle ($(du -sh "$bundle" | cut -f1))"
echo "Archive: $archive ($(du -sh "$archive" | cut -f1))"
echo "Built and checked in $((SECONDS - started)) s."
