"""Reading PDFs back for the document tests: text, the font each piece of text used, pixels."""

from __future__ import annotations

import io
from collections import defaultdict

import pypdf
import pypdfium2


def reader(data: bytes) -> pypdf.PdfReader:
    return pypdf.PdfReader(io.BytesIO(data))


def page_texts(data: bytes) -> list[str]:
    return [page.extract_text() for page in reader(data).pages]


def text_by_font(data: bytes) -> dict[str, str]:
    """Everything drawn in each font (by base font name without the subset tag), all pages."""
    found: dict[str, str] = defaultdict(str)

    def visit(text, cm, tm, font, size):
        if font is not None and text.strip():
            found[str(font.get("/BaseFont", "")).split("+")[-1]] += text

    for page in reader(data).pages:
        page.extract_text(visitor_text=visit)
    return dict(found)


def font_sizes(data: bytes) -> list[float]:
    """The font size of every piece of text actually drawn, on every page."""
    sizes = []
    for page in reader(data).pages:
        content = pypdf.generic.ContentStream(page.get_contents(), page.pdf)
        size = None
        for operands, operator in content.operations:
            if operator == b"Tf":
                size = float(operands[1])
            elif operator in (b"Tj", b"TJ", b"'", b'"'):
                sizes.append(size)
    return sizes


def pixels(data: bytes, page: int = 0, dpi: int = 72):
    """The page as a greyscale Pillow image, one pixel per point at 72 dpi."""
    document = pypdfium2.PdfDocument(data)
    image = document[page].render(scale=dpi / 72, grayscale=True).to_pil().convert("L")
    document.close()
    return image


def ink_box(image, threshold: int = 128) -> tuple[int, int, int, int] | None:
    """Bounding box (left, top, right, bottom) of the dark pixels."""
    return image.point(lambda value: 255 if value < threshold else 0).getbbox()


def char_boxes(data: bytes, page: int = 0) -> list[tuple[str, tuple[float, float, float, float]]]:
    """Each character pdfium finds, with its box (left, bottom, right, top) in points."""
    document = pypdfium2.PdfDocument(data)
    text_page = document[page].get_textpage()
    boxes = [(text_page.get_text_range(index, 1), text_page.get_charbox(index))
             for index in range(text_page.count_chars())]
    document.close()
    return boxes
