"""Importing a CSV referral list: the template works, every mistake is named, nothing is half-written."""

import csv

import pytest

from linkdesk.caseload.errors import ImportFailed
from linkdesk.caseload.importer import COLUMN_NAMES, import_referrals, write_template
from linkdesk.caseload.listing import list_caseload
from linkdesk.caseload.patients import create_patient, get_patient

from .conftest import TODAY, aisha, counts

HEADER = ["first_name", "last_name", "date_of_birth", "nhs_number", "postcode", "practice_ods_code",
          "referral_date", "referral_source", "needs", "interpreter_needed"]


def write_csv(path, rows, header=HEADER, encoding="utf-8"):
    with path.open("w", encoding=encoding, newline="") as out:
        writer = csv.writer(out)
        writer.writerow(header)
        writer.writerows(rows)
    return path


GOOD = [
    ["Marek", "Kowalczyk", "03/05/1972", "999 100 0011", "B31 2PQ", "M89001", "10/11/2026", "GP",
     "loneliness; Money and debt", "no"],
    ["Ioana", "Popescu", "1988-12-01", "", "b29 7ha", "", "12/11/2026", "Self-referral", "", "yes"],
    ["Hodan", "Warsame", "11/01/1990", "", "", "m89001", "13/11/2026", "housing", "Housing", ""],
]


def test_the_template_imports_as_it_is(store, practice, tmp_path):
    template = write_template(tmp_path / "template.csv")
    header = template.read_text(encoding="utf-8-sig").splitlines()[0].split(",")
    assert tuple(header) == COLUMN_NAMES
    result = import_referrals(store, template, today=TODAY)
    assert (result.patients_added, result.referrals_added) == (1, 1)
    (row,) = list_caseload(store)
    assert (row.display_name, row.nhs_number, row.practice, row.status) == (
        "Aisha Rahman", "999 100 0003", "Cotteridge Health Centre", "received")


def test_a_good_file_adds_patients_and_referrals(store, practice, tmp_path):
    result = import_referrals(store, write_csv(tmp_path / "list.csv", GOOD), today=TODAY)
    assert (result.rows, result.patients_added, result.patients_matched) == (3, 3, 0)
    rows = {row.display_name: row for row in list_caseload(store)}
    assert rows["Ioana Popescu"].postcode == "B29 7HA"
    marek = get_patient(store, rows["Marek Kowalczyk"].patient_id)
    assert marek.referrals[0].need_codes == {"loneliness", "money"}
    assert marek.practice.ods_code == "M89001"
    assert get_patient(store, rows["Ioana Popescu"].patient_id).interpreter_needed


def test_patients_already_on_the_caseload_get_a_new_referral_not_a_new_record(store, practice, tmp_path):
    existing = create_patient(store, aisha(), today=TODAY)
    rows = [["Aisha", "Rahman", "14/03/1961", "9991000003", "", "", "20/11/2026", "gp", "", ""],
            ["Marek", "Kowalczyk", "03/05/1972", "", "", "", "10/11/2026", "GP", "", ""],
            ["marek", "KOWALCZYK", "03/05/1972", "", "", "", "18/11/2026", "hospital", "", ""]]
    result = import_referrals(store, write_csv(tmp_path / "list.csv", rows), today=TODAY)
    assert (result.patients_added, result.patients_matched, result.referrals_added) == (1, 2, 3)
    assert len(get_patient(store, existing.id).referrals) == 1
    assert len(list_caseload(store)) == 2


def test_every_mistake_is_named_by_row_and_column_and_nothing_is_written(store, practice, tmp_path):
    rows = GOOD + [
        ["", "Nowak", "31/02/1980", "999 100 0004", "B30", "M89999", "2026-13-01", "carrier pigeon", "joy", "maybe"],
        ["Ali", "Hassan", "12/12/2030", "", "", "", "", "", "", ""],
    ]
    before = counts(store)
    with pytest.raises(ImportFailed) as caught:
        import_referrals(store, write_csv(tmp_path / "list.csv", rows), today=TODAY)
    problems = caught.value.problems
    for expected in ("row 5, first_name:", "row 5, date_of_birth: 31/02/1980 is not a real date",
                     "row 5, nhs_number:", "row 5, postcode:", "row 5, practice_ods_code: no practice has the ODS "
                     "code M89999", "row 5, referral_date:", "row 5, referral_source: 'carrier pigeon' is not one of",
                     "row 5, needs: 'joy' is not one of", "row 5, interpreter_needed: write yes or no",
                     "row 6, date_of_birth: The date of birth cannot be in the future",
                     "row 6, referral_date: Enter the date", "row 6, referral_source: Choose where"):
        assert any(problem.startswith(expected) for problem in problems), expected
    assert not any(problem.startswith(("row 2", "row 3", "row 4")) for problem in problems)
    assert counts(store) == before


def test_an_nhs_number_already_held_for_someone_else_stops_the_import(store, tmp_path):
    create_patient(store, aisha(), today=TODAY)
    rows = [["Delroy", "Campbell", "30/08/1955", "9991000003", "", "", "10/11/2026", "GP", "", ""]]
    with pytest.raises(ImportFailed, match="row 2, nhs_number: patient 1 already has this NHS number"):
        import_referrals(store, write_csv(tmp_path / "list.csv", rows), today=TODAY)
    assert len(list_caseload(store)) == 1


@pytest.mark.parametrize("header, says", [
    (["first_name", "surname", "date_of_birth", "referral_date", "referral_source"],
     "column 'surname' is not one LinkDesk knows"),
    (["first_name", "date_of_birth", "referral_date", "referral_source"], "required column 'last_name' is missing"),
    (["first_name", "first_name", "last_name", "date_of_birth", "referral_date", "referral_source"], "appears twice"),
])
def test_wrong_columns_are_named(store, tmp_path, header, says):
    with pytest.raises(ImportFailed, match=says):
        import_referrals(store, write_csv(tmp_path / "list.csv", [], header=header), today=TODAY)


def test_messy_files_are_explained(store, tmp_path):
    empty = tmp_path / "empty.csv"
    empty.write_bytes(b"")
    with pytest.raises(ImportFailed, match="the file is empty"):
        import_referrals(store, empty, today=TODAY)
    only_header = write_csv(tmp_path / "header.csv", [["", "", "", "", "", "", "", "", "", ""]])
    with pytest.raises(ImportFailed, match="no referrals in the file"):
        import_referrals(store, only_header, today=TODAY)
    latin1 = write_csv(tmp_path / "latin1.csv", [["Zoë", "Brontë", "01/01/1990", "", "", "", "10/11/2026", "GP",
                                                  "", ""]], encoding="latin-1")
    with pytest.raises(ImportFailed, match="CSV UTF-8"):
        import_referrals(store, latin1, today=TODAY)
    with pytest.raises(ImportFailed, match="there is no file"):
        import_referrals(store, tmp_path / "missing.csv", today=TODAY)


def test_excel_csv_with_a_byte_order_mark_and_blank_lines_imports(store, practice, tmp_path):
    path = write_csv(tmp_path / "excel.csv", GOOD[:1] + [[""] * len(HEADER)], encoding="utf-8-sig")
    assert import_referrals(store, path, today=TODAY).rows == 1
