"""Booklets: which services go in, grouping, the contents page's page numbers, progress and Cancel."""

from __future__ import annotations

import threading

import pytest
from sqlalchemy import select

from linkdesk.directory.errors import ServiceNotFound
from linkdesk.directory.generator import synthetic_services
from linkdesk.directory.models import ServiceIndex
from linkdesk.directory.oruk_import import import_records
from linkdesk.directory.search import SearchError
from linkdesk.directory.services import set_favourite
from linkdesk.documents.booklet import BookletChoice, NothingToPrint, booklet_for
from linkdesk.documents.leaflet import PrintCancelled

from .pdf import page_texts

SERVICES = list(synthetic_services(40, seed=11))


@pytest.fixture
def directory(store):
    import_records(store, SERVICES, "test feed")
    return store


def index_rows(store):
    with store.session() as session:
        return list(session.scalars(select(ServiceIndex)))


def flat(text: str) -> str:
    return " ".join(text.split())


def test_contents_lists_each_category_and_service_with_the_page_it_is_on(directory):
    document = booklet_for(directory, BookletChoice())
    texts = [flat(text) for text in page_texts(document.render())]
    assert document.count == 40 and document.page_count == len(texts)
    contents = " ".join(texts[:2])
    assert "Contents" in texts[0]
    for label, sheets in document.groups:
        assert label in contents
        for sheet in sheets:
            page = document.pages[("service", sheet.detail.id)]
            assert f"{sheet.detail.name} {page}" in contents  # the entry and its page number
            assert sheet.detail.name in texts[page - 1]  # and the service is on that page
    for number, text in enumerate(texts, start=1):
        assert text.endswith(f"Page {number} of {len(texts)}")


def test_services_are_grouped_by_category_in_the_directory_order(directory):
    document = booklet_for(directory, BookletChoice())
    texts = [flat(text) for text in page_texts(document.render())]
    pages = [document.pages[("category", label)] for label, _ in document.groups]
    assert pages == sorted(pages)
    first_label, first_sheets = document.groups[0]
    body = " ".join(texts[pages[0] - 1:])
    assert body.index(first_label) < body.index(first_sheets[0].detail.name)


def test_a_category_and_area_booklet_has_only_those_services(directory):
    rows = index_rows(directory)
    district = rows[0].postcode_district
    wanted = {row.service_id for row in rows if row.postcode_district == district}
    document = booklet_for(directory, BookletChoice(area=district.lower()))
    assert {sheet.detail.id for _, sheets in document.groups for sheet in sheets} == wanted
    assert f"Activities and support in {district}" in page_texts(document.render())[0]
    category = booklet_for(directory, BookletChoice(category="physical-activity"))
    assert [label for label, _ in category.groups] == ["Physical activity"]


def test_a_shortlist_booklet_has_the_favourites_only(directory):
    chosen = [SERVICES[3]["id"], SERVICES[7]["id"]]
    for service_id in chosen:
        set_favourite(directory, service_id, True)
    document = booklet_for(directory, BookletChoice(shortlist=True))
    assert sorted(sheet.detail.id for _, sheets in document.groups for sheet in sheets) == sorted(chosen)


def test_explicit_ids_are_printed_and_an_unknown_one_is_named(directory):
    document = booklet_for(directory, BookletChoice(ids=(SERVICES[1]["id"], SERVICES[2]["id"], SERVICES[1]["id"])))
    assert document.count == 2
    with pytest.raises(ServiceNotFound, match="not-a-service"):
        booklet_for(directory, BookletChoice(ids=(SERVICES[1]["id"], "not-a-service")))


def test_nothing_matching_and_a_bad_filter_are_plain_errors(directory):
    with pytest.raises(NothingToPrint, match="ZZ9"):
        booklet_for(directory, BookletChoice(area="ZZ9"))
    with pytest.raises(SearchError, match="walking"):
        booklet_for(directory, BookletChoice(category="walking"))
    with pytest.raises(NothingToPrint):
        booklet_for(directory, BookletChoice(shortlist=True))


def test_progress_runs_to_the_end(directory):
    seen = []
    booklet_for(directory, BookletChoice(), progress=lambda done, total: seen.append((done, total))).render()
    assert seen[-1] == (80, 80)
    assert [done for done, _ in seen] == sorted(done for done, _ in seen)


def test_cancel_stops_the_booklet_and_leaves_no_file(directory, tmp_path):
    cancel = threading.Event()

    def progress(done, total):
        if done >= 50:  # part way through laying out
            cancel.set()

    out = tmp_path / "out"
    out.mkdir()
    document = booklet_for(directory, BookletChoice(), progress=progress, cancel=cancel)
    with pytest.raises(PrintCancelled):
        document.render_to(out / "booklet.pdf")
    assert list(out.iterdir()) == []
