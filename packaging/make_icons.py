"""Renders the application icon's PNG, ICO and ICNS files from the SVG master (build-time tool).

Run it after editing linkdesk/resources/icons/linkdesk.svg:

    python packaging/make_icons.py

Qt SVG draws the master at each size (so small sizes are drawn, not shrunk from a big
bitmap); Pillow, a build-time tool only, packs the Windows .ico and the macOS .icns.
"""

from __future__ import annotations

import io
import os
import sys
from pathlib import Path

from PIL import Image

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")  # no display needed to render

from PySide6.QtCore import QBuffer, QIODevice, Qt  # noqa: E402
from PySide6.QtGui import QGuiApplication, QImage, QPainter  # noqa: E402
from PySide6.QtSvg import QSvgRenderer  # noqa: E402

ICONS = Path(__file__).resolve().parent.parent / "linkdesk" / "resources" / "icons"
MASTER = ICONS / "linkdesk.svg"
PNG_SIZES = (16, 24, 32, 48, 64, 128, 256, 512)
ICO_SIZES = (16, 24, 32, 48, 64, 128, 256)  # 256 is the largest an .ico holds
ICNS_SIZES = (16, 32, 64, 128, 256, 512, 1024)


def render(renderer: QSvgRenderer, size: int) -> Image.Image:
    image = QImage(size, size, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    renderer.render(painter)
    painter.end()
    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    return Image.open(io.BytesIO(bytes(buffer.data()))).convert("RGBA")


def main() -> int:
    app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])  # noqa: F841 (Qt needs one)
    renderer = QSvgRenderer(str(MASTER))
    if not renderer.isValid():
        print(f"error: {MASTER} is not a valid SVG", file=sys.stderr)
        return 1
    images = {size: render(renderer, size) for size in sorted(set(PNG_SIZES + ICO_SIZES + ICNS_SIZES))}
    for size in PNG_SIZES:
        images[size].save(ICONS / f"linkdesk-{size}.png", optimize=True)
    largest_ico = images[ICO_SIZES[-1]]
    largest_ico.save(ICONS / "linkdesk.ico", format="ICO", sizes=[(s, s) for s in ICO_SIZES],
                     append_images=[images[s] for s in ICO_SIZES[:-1]])
    images[1024].save(ICONS / "linkdesk.icns", format="ICNS",
                      append_images=[images[s] for s in ICNS_SIZES[:-1]])
    print(f"Wrote {len(PNG_SIZES)} PNGs, linkdesk.ico and linkdesk.icns to {ICONS}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
