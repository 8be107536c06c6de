"""Real sample PDFs in all three variants, read back with pypdf and rendered with pdfium."""

from __future__ import annotations

import pytest
from linkdesk.documents.base import BaseRenderer, DocumentNotSaved, LogoUnreadable, Organisation
from linkdesk.documents.sample import LINES, PATIENT_NAME, URDU_WITH_NUMBERS, SampleDocument
from linkdesk.documents.styles import Variant, style_set

from .pdf import char_boxes, font_sizes, ink_box, page_texts, pixels, reader, text_by_font

VARIANTS = [variant.value for variant in Variant]


@pytest.fixture(scope="module")
def samples():
    rendered = {}
    for variant in VARIANTS:
        document = SampleDocument(variant=variant, pages=2)
        rendered[variant] = (document, document.render())
    return rendered


def body_area(document: BaseRenderer, image):
    """The part of page one below the organisation header and above the footer."""
    top = round(document.styles.margin + document.header_height() - 2)
    return image.crop((0, top, image.width, image.height - round(document.styles.margin)))


class OneParagraph(BaseRenderer):
    """A page holding one typed paragraph, for measuring where it lands."""

    title = "Test"

    def __init__(self, text: str, variant: str = "standard"):
        super().__init__(Organisation("Test Link Workers"), variant)
        self.text = text

    def story(self):
        return [self.typesetter.paragraph(self.text)]


@pytest.mark.parametrize("variant", VARIANTS)
def test_latin_polish_and_romanian_text_reads_back_exactly(samples, variant):
    text = "\n".join(page_texts(samples[variant][1]))
    for line in (PATIENT_NAME, "Zażółć gęślą jaźń. Spotkanie w Łódź.", "Știință, țară.",
                 "Walking group on Tuesday mornings at the park gates."):
        assert line in text


@pytest.mark.parametrize("variant", VARIANTS)
def test_each_script_is_printed_in_its_own_font(samples, variant):
    by_font = text_by_font(samples[variant][1])
    fonts = set(by_font)
    assert not any("Helvetica" in font for font in fonts)  # nothing fell back to a font without our scripts
    assert {"AtkinsonHyperlegible-Regular", "NotoSansArabic-Regular", "HindSiliguri-Regular",
            "NotoSansGurmukhi-Regular", "NotoSansDevanagari-Regular"} <= fonts, fonts
    blocks = {"NotoSansArabic-Regular": (0x0600, 0x06FF), "HindSiliguri-Regular": (0x0980, 0x09FF),
              "NotoSansGurmukhi-Regular": (0x0A00, 0x0A7F), "NotoSansDevanagari-Regular": (0x0900, 0x097F)}
    for font, (first, last) in blocks.items():
        assert any(first <= ord(char) <= last for char in by_font[font]), font
        for other, text in by_font.items():  # and that script in no other font
            if other != font:
                assert not any(first <= ord(char) <= last for char in text), (font, other)


@pytest.mark.parametrize("variant", VARIANTS)
def test_nothing_was_left_unprintable(samples, variant):
    document, data = samples[variant]
    assert document.typesetter.missing == set()
    assert "\ufffd" not in "".join(page_texts(data))


def test_a_character_no_font_has_is_reported_not_boxed():
    document = OneParagraph("Wei 你好")
    data = document.render()
    assert document.typesetter.missing == {"你", "好"}
    assert "Wei \ufffd\ufffd" in page_texts(data)[0]


@pytest.mark.parametrize("variant", VARIANTS)
def test_every_page_has_ink_on_it(samples, variant):
    document, data = samples[variant]
    assert document.page_count == 2
    for page in range(2):
        image = pixels(data, page)
        dark = sum(image.histogram()[:128])
        assert dark > 2000, (variant, page)


@pytest.mark.parametrize("variant", VARIANTS)
def test_urdu_sits_against_the_right_margin(variant):
    document = OneParagraph("آپ کیسے ہیں", variant)
    image = pixels(document.render(), dpi=72)
    styles = style_set(variant)
    left, top, right, bottom = ink_box(body_area(document, image))
    assert abs(right - (image.width - styles.margin)) < 3
    assert left > image.width / 2


def test_english_sits_against_the_left_margin():
    document = OneParagraph("Walking group")
    image = pixels(document.render())
    left, *_ = ink_box(body_area(document, image))
    assert abs(left - style_set("standard").margin) < 3


def test_urdu_reads_right_to_left_and_its_phone_number_left_to_right():
    boxes = char_boxes(OneParagraph(URDU_WITH_NUMBERS).render())
    boxes = [(char, box) for char, box in boxes if box[1] > 100]  # not the page number in the footer
    digits = [(box[0], char) for char, box in boxes if char.isdigit()]
    assert "".join(char for _, char in sorted(digits)) == "01214960000"
    first_word = [box[0] for char, box in boxes if char == "\u06c1"]  # ہ of ہمیں, typed first
    last_word = [box[0] for char, box in boxes if char == "\u06a9" or char == "\u0643"]  # ک of کال, کریں
    assert min(first_word) > max(x for x, _ in digits)
    assert max(last_word) < min(x for x, _ in digits)


def test_a_long_urdu_paragraph_wraps_and_every_line_ends_at_the_right_margin():
    text = " ".join(["آپ کی اگلی ملاقات منگل کو ہے۔"] * 12)
    document = OneParagraph(text, "large")
    area = body_area(document, pixels(document.render()))
    margin = style_set("large").margin
    leading = style_set("large").sizes.leading
    rights = []
    for top in range(0, area.height - round(leading), round(leading)):
        box = ink_box(area.crop((0, top, area.width, top + round(leading))))
        if box:
            rights.append(box[2])
    assert len(rights) >= 6  # it wrapped onto several lines
    assert all(abs(right - (area.width - margin)) < 3 for right in rights[:-1]), rights


def test_large_print_is_at_least_16_point_everywhere(samples):
    styles = style_set("large")
    assert styles.body.fontSize >= 16
    assert styles.body.leading >= 1.4 * styles.body.fontSize
    assert styles.body.fontName.startswith("LD-Atkinson")
    sizes = font_sizes(samples["large"][1])
    assert sizes and min(sizes) >= 16


def test_standard_body_is_11_to_12_point(samples):
    assert 11 <= style_set("standard").body.fontSize <= 12
    sizes = font_sizes(samples["standard"][1])
    assert max(set(sizes), key=sizes.count) == style_set("standard").body.fontSize  # most text is body text


def test_easy_read_keeps_a_picture_column_beside_the_words(samples):
    data = samples["easy"][1]
    styles = style_set("easy")
    picture_edge = styles.margin + styles.sizes.picture_width
    boxes = char_boxes(data, page=1)
    text = "".join(char for char, _ in boxes)
    start = text.index("Tuesdays")
    assert boxes[start][1][0] >= picture_edge
    image = pixels(data, page=1)
    column = image.crop((round(styles.margin), 100, round(picture_edge), 400))
    assert ink_box(column, 200) is not None  # the picture is there, not text over it


def test_metadata_names_the_organisation_and_never_the_patient(samples):
    for _, data in samples.values():
        pdf = reader(data)
        info = {key: str(value) for key, value in (pdf.metadata or {}).items()}
        assert info["/Title"] == "My plan"
        assert info["/Author"] == "Kings Heath Link Workers"
        everything = " ".join(info.values())
        for private in (PATIENT_NAME, "Zofia", "Wiśniewska", *[line for _, line in LINES]):
            assert private not in everything
        assert pdf.xmp_metadata is None or PATIENT_NAME not in str(pdf.xmp_metadata)


def test_page_x_of_y_on_a_three_page_document():
    document = SampleDocument(variant="standard", pages=3)
    texts = page_texts(document.render())
    assert document.page_count == len(texts) == 3
    for number, text in enumerate(texts, start=1):
        assert f"Page {number} of 3" in text
        assert text.count(" of 3") == 1


def test_render_to_writes_the_whole_file(tmp_path):
    target = SampleDocument().render_to(tmp_path / "plan.pdf")
    assert target.read_bytes().startswith(b"%PDF") and target.read_bytes().rstrip().endswith(b"%%EOF")
    assert [path.name for path in tmp_path.iterdir()] == ["plan.pdf"]


def test_a_failed_render_leaves_the_old_file_untouched(tmp_path):
    class Broken(OneParagraph):
        def story(self):
            raise RuntimeError("story failed")

    target = tmp_path / "plan.pdf"
    target.write_bytes(b"old plan")
    with pytest.raises(RuntimeError):
        Broken("x").render_to(target)
    assert target.read_bytes() == b"old plan"
    assert [path.name for path in tmp_path.iterdir()] == ["plan.pdf"]


def test_saving_into_a_missing_folder_says_where(tmp_path):
    with pytest.raises(DocumentNotSaved, match="plan.pdf"):
        SampleDocument().render_to(tmp_path / "no such folder" / "plan.pdf")
    assert list(tmp_path.iterdir()) == []


def test_a_logo_that_is_not_a_picture_is_refused_with_the_organisation_named():
    with pytest.raises(LogoUnreadable, match="Kings Heath"):
        SampleDocument(Organisation("Kings Heath", logo=b"not a picture"))


def test_the_logo_is_printed_on_the_first_page_only():
    from io import BytesIO

    from PIL import Image

    logo = BytesIO()
    Image.new("RGB", (120, 40), (0, 94, 184)).save(logo, "PNG")
    data = SampleDocument(Organisation("Kings Heath", logo=logo.getvalue()), pages=2).render()
    pages = reader(data).pages
    assert len(pages[0].images) == 1
    assert len(pages[1].images) == 0
    first = pixels(data, 0)
    assert first.getpixel((round(first.width - style_set("standard").margin - 10), 70)) < 140  # blue logo ink


def test_a_website_gets_a_qr_code_beside_its_address(samples):
    data = samples["standard"][1]
    assert "https://example.org/walks" in page_texts(data)[1]
    boxes = char_boxes(data, page=1)
    text = "".join(char for char, _ in boxes)
    address_left = boxes[text.index("https://")][1][0]
    image = pixels(data, page=1)
    margin = round(style_set("standard").margin)
    qr = image.crop((margin, 0, round(address_left) - 2, image.height))
    assert ink_box(qr) is not None  # dark QR modules to the left of the address


def test_two_scripts_in_one_word_each_keep_their_own_font():
    by_font = text_by_font(OneParagraph("Ana-ਸਤਿ and Łódź").render())  # a hyphenated two-script name
    assert "Ana-" in by_font["AtkinsonHyperlegible-Regular"]
    assert any(0x0A00 <= ord(char) <= 0x0A7F for char in by_font["NotoSansGurmukhi-Regular"])
    assert not any(0x0A00 <= ord(char) <= 0x0A7F for char in by_font["AtkinsonHyperlegible-Regular"])
