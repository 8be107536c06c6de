"""Importing ORUK JSON, tabular CSV and the flat template: merging, messy files, all or nothing."""

import json
import shutil
import threading
import zipfile

import pytest

from linkdesk.directory.detail import get_service_detail
from linkdesk.directory.errors import ImportCancelled, ImportFailed
from linkdesk.directory.generator import synthetic_services
from linkdesk.directory.oruk_import import import_path, import_records
from linkdesk.directory.readers import FLAT_COLUMNS, write_flat_template
from linkdesk.directory.search import search_services
from linkdesk.directory.services import set_local_notes, toggle_favourite

from .conftest import EXAMPLE_ID, HSDS_EXAMPLES, ORUK_EXAMPLES


def count(store) -> int:
    return len(search_services(store, "", limit=100_000))


@pytest.mark.parametrize("source", [
    HSDS_EXAMPLES / "service_full.json", ORUK_EXAMPLES / "service_full.json", ORUK_EXAMPLES / "service_list.json",
    HSDS_EXAMPLES / "csv", ORUK_EXAMPLES / "csv"])
def test_the_standards_own_examples_import(store, source):
    result = import_path(store, source)
    assert (result.new, result.skipped) == (1, [])
    assert search_services(store, "counsel")[0].id == EXAMPLE_ID


def test_impossible_example_coordinates_are_dropped_with_a_note(store):
    result = import_path(store, HSDS_EXAMPLES / "service_full.json")
    assert any("impossible coordinates (100, 101)" in note for note in result.notes)
    detail = get_service_detail(store, EXAMPLE_ID)
    assert detail.when and detail.when[0].startswith("Every Thursday and Friday, 10:00 to 18:00")


def test_reimport_counts_unchanged_and_keeps_local_notes_and_favourites(store, tmp_path):
    records = list(synthetic_services(30))
    assert import_records(store, records, "feed").new == 30
    first = records[0]["id"]
    set_local_notes(store, first, "Ask for Jo")
    toggle_favourite(store, first)
    again = import_records(store, records, "feed")
    assert (again.new, again.updated, again.unchanged) == (0, 0, 30)
    records[0]["name"] = "Renamed by the provider"
    records[1]["description"] = "New words"
    changed = import_records(store, records, "feed")
    assert (changed.new, changed.updated, changed.unchanged) == (0, 2, 28)
    detail = get_service_detail(store, first)
    assert (detail.name, detail.local_notes, detail.favourite) == ("Renamed by the provider", "Ask for Jo", True)


def test_messy_records_are_skipped_with_reasons(store, tmp_path):
    good = list(synthetic_services(3))
    no_name = dict(good[0], id="11111111-1111-4111-8111-111111111111", name="")
    duplicate = dict(good[1], name="Same id again")
    bad_date = dict(good[2], id="22222222-2222-4222-8222-222222222222", assured_date="the 45th of Smarch")
    html = dict(good[2], id="33333333-3333-4333-8333-333333333333", name="Tea Dance",
                description="<p>Tea &amp; <b>dancing</b></p>", surprise_field="ignored")
    path = tmp_path / "messy.json"
    path.write_text(json.dumps([*good, no_name, duplicate, bad_date, html]), encoding="utf-8")
    result = import_path(store, path)
    assert result.new == 4
    reasons = " | ".join(str(skip) for skip in result.skipped)
    assert "has no name" in reasons and "same id as an earlier service" in reasons
    assert "22222222-2222-4222-8222-222222222222" in reasons and "field assured_date" in reasons
    assert get_service_detail(store, html["id"]).description == "Tea & dancing"


def test_a_broken_file_changes_nothing(store, tmp_path):
    import_records(store, list(synthetic_services(5)), "first")
    path = tmp_path / "broken.json"
    path.write_text('[{"id": "x", "name": "Half', encoding="utf-8")
    with pytest.raises(ImportFailed, match="not valid JSON"):
        import_path(store, path)
    (tmp_path / "other.json").write_text('{"hello": 1}', encoding="utf-8")
    with pytest.raises(ImportFailed, match="no ORUK services"):
        import_path(store, tmp_path / "other.json")
    assert count(store) == 5


def test_cancelling_rolls_back_everything(store):
    cancel = threading.Event()
    seen = []

    def progress(done, total):
        seen.append((done, total))
        if done >= 200:
            cancel.set()

    with pytest.raises(ImportCancelled):
        import_records(store, list(synthetic_services(1200)), "feed", progress=progress, cancel=cancel)
    assert seen and seen[0] == (0, 2400)
    assert count(store) == 0


def test_progress_reaches_the_total(store):
    seen = []
    import_records(store, list(synthetic_services(450)), "feed", progress=lambda d, t: seen.append((d, t)))
    assert seen[-1] == (900, 900) and all(d <= t for d, t in seen)


def test_tabular_zip_with_bom_and_windows_1252(store, tmp_path):
    folder = tmp_path / "csv"
    shutil.copytree(HSDS_EXAMPLES / "csv", folder)
    services = (folder / "services.csv").read_text(encoding="utf-8")
    (folder / "services.csv").write_bytes(services.replace("Community Counselling", "Café Counselling").encode("cp1252"))
    organisations = (folder / "organizations.csv").read_text(encoding="utf-8")
    (folder / "organizations.csv").write_bytes(organisations.encode("utf-8-sig"))
    archive = tmp_path / "directory.zip"
    with zipfile.ZipFile(archive, "w") as zipped:
        for file in folder.iterdir():
            zipped.write(file, file.name)
    result = import_path(store, archive)
    assert result.new == 1
    [found] = search_services(store, "cafe")
    assert found.name == "Café Counselling" and found.organisation == "Example Organization Inc."


def test_a_folder_without_services_csv_is_refused(store, tmp_path):
    (tmp_path / "phones.csv").write_text("id,number\n1,0121 496 0000\n", encoding="utf-8")
    with pytest.raises(ImportFailed, match="services.csv"):
        import_path(store, tmp_path)


def test_flat_template_round_trip(store, tmp_path):
    template = tmp_path / "template.csv"
    write_flat_template(template)
    header = template.read_text(encoding="utf-8-sig").splitlines()[0]
    assert header.split(",") == list(FLAT_COLUMNS)
    result = import_path(store, template)
    assert result.new == 1
    [found] = search_services(store, "cotteridge")
    assert (found.next_session, found.cost, found.categories) == (
        "Every Tuesday, 10:00 to 11:30", "Free", ("Physical activity", "Social groups and befriending"))
    assert import_path(store, template).unchanged == 1


def test_flat_sheet_from_excel_in_windows_1252_with_messy_rows(store, tmp_path):
    sheet = tmp_path / "sheet.csv"
    rows = ["Name,Organisation,Days,Opens_at,Closes_at,Cost,Postcode,Description",
            "Tea Dance,Hall Green Ballroom Trust,first Monday,2pm,4pm,£2.50,b28 8aa,Dancing for all – bring a friend",
            ",Nobody,Tuesday,,,,,",
            "Quiz Night,Hall Green Ballroom Trust,Thursday,19:00,21:00,Free,B28 8AA,"]
    sheet.write_bytes("\r\n".join(rows).encode("cp1252"))
    result = import_path(store, sheet)
    assert result.new == 2 and len(result.skipped) == 1 and "has no name" in str(result.skipped[0])
    [tea] = search_services(store, "tea dance")
    assert (tea.next_session, tea.cost, tea.postcode) == ("First Monday of the month, 14:00 to 16:00", "£2.50", "B28 8AA")
