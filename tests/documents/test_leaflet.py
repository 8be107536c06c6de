"""One-page activity leaflets from a real directory: what they say, the QR code, the variants, bad ids."""

from __future__ import annotations

import pytest
from sqlalchemy import update

from linkdesk.directory.categories import BY_CODE
from linkdesk.directory.demo import FEATURED
from linkdesk.directory.errors import ServiceNotFound
from linkdesk.directory.generator import synthetic_services
from linkdesk.directory.models import Location
from linkdesk.directory.oruk_import import import_records
from linkdesk.directory.services import verify_service
from linkdesk.documents.leaflet import leaflet_for, sentences
from linkdesk.documents.pictures import PICTURES, picture
from linkdesk.documents.styles import style_set

from .pdf import char_boxes, font_sizes, ink_box, page_texts, pixels

WALK = FEATURED[0]["id"]
SYNTHETIC = list(synthetic_services(3, seed=5))
WEB = SYNTHETIC[0]["id"]  # every synthetic service has a website


@pytest.fixture
def directory(store):
    import_records(store, FEATURED + SYNTHETIC, "test feed")
    return store


def test_a_leaflet_says_what_when_where_cost_contact_and_access_on_one_page(directory):
    verify_service(directory, WALK)
    document = leaflet_for(directory, WALK)
    texts = page_texts(document.render())
    assert document.page_count == len(texts) == 1
    text = " ".join(texts[0].split())
    for expected in ("Cotteridge Walking Group", "Run by Friends of Cotteridge Park", "A gentle hour's walk",
                     "Every Tuesday, 10:00 to 11:30", "Cotteridge Church Hall, 24 Pershore Road, Cotteridge, "
                     "Birmingham B30 3EJ", "Cost Free", "Phone: 0121 496 0123", "Step-free entrance",
                     "Ages 18 and over", "Details last checked on", "Page 1 of 1"):
        assert expected in text, expected


def test_how_to_get_there_is_printed_when_the_place_has_it(directory):
    with directory.session() as session:
        session.execute(update(Location).values(transportation="Bus 45 or 47 to Cotteridge; step-free."))
    text = " ".join(page_texts(leaflet_for(directory, WALK).render())[0].split())
    assert "How to get there Bus 45 or 47 to Cotteridge; step-free." in text


def test_a_website_is_printed_with_a_qr_code_beside_it(directory):
    data = leaflet_for(directory, WEB).render()
    url = SYNTHETIC[0]["url"]
    assert url in page_texts(data)[0]
    boxes = char_boxes(data)
    text = "".join(char for char, _ in boxes)
    left, bottom, _, top = boxes[text.index(url)][1]
    image = pixels(data)
    margin = round(style_set("standard").margin)
    beside = image.crop((margin, round(image.height - top - 40), round(left) - 2, round(image.height - bottom + 40)))
    assert ink_box(beside) is not None  # the QR code's dark modules, left of the address


def test_large_print_leaflet_is_16_point_or_more_and_still_one_page(directory):
    document = leaflet_for(directory, WALK, "large")
    data = document.render()
    assert document.page_count == 1
    assert min(font_sizes(data)) >= 16


def test_easy_read_leaflet_asks_plain_questions_and_has_its_category_picture(directory):
    document = leaflet_for(directory, WALK, "easy")
    data = document.render()
    text = " ".join(page_texts(data)[0].split())
    assert "When is it?" in text and "How much does it cost? Free" in text
    assert "Walk leaders are trained in first aid." in text
    styles = style_set("easy")
    column = pixels(data).crop((round(styles.margin), 0, round(styles.margin + styles.sizes.picture_width), 250))
    assert ink_box(column, 200) is not None  # the walking pictogram beside the name


def test_an_unknown_service_is_refused_by_id(directory):
    with pytest.raises(ServiceNotFound, match="no-such-service"):
        leaflet_for(directory, "no-such-service")


def test_every_category_has_its_own_picture():
    assert set(PICTURES) == set(BY_CODE)
    assert picture("Physical activity", 50) is not None and picture("physical-activity", 50) is not None
    assert picture(None, 50) is None and picture("Knitting", 50) is None


def test_easy_read_splits_text_into_one_sentence_a_line():
    assert sentences("Come along. Bring a friend! Is it free? Yes.") == [
        "Come along.", "Bring a friend!", "Is it free?", "Yes."]
