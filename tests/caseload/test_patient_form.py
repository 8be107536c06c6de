"""The patient form's rules: every problem at once, tidy values, and usable contact preferences."""

from datetime import date

import pytest

from linkdesk.caseload.errors import ValidationError
from linkdesk.caseload.patient_form import PatientDetails, changed_fields, validate_patient

TODAY = date(2026, 11, 25)


def details(**overrides) -> PatientDetails:
    base = dict(first_name="Aisha", last_name="Rahman", date_of_birth="14/03/1961")
    return PatientDetails(**{**base, **overrides})


def test_a_good_record_comes_back_tidied():
    tidy = validate_patient(details(
        first_name="  Aisha ", nhs_number="999 100 0003", postcode="b30 2jx", mobile_phone="+447700900123",
        email="Aisha@Example.org", preferred_contact_method="text", communication_needs=frozenset({"large_print"}),
    ), TODAY)
    assert tidy.first_name == "Aisha"
    assert tidy.date_of_birth == date(1961, 3, 14)
    assert tidy.nhs_number == "9991000003"
    assert tidy.postcode == "B30 2JX"
    assert tidy.mobile_phone == "07700 900123"
    assert tidy.email == "Aisha@example.org"


def test_every_problem_is_reported_at_once_by_field():
    with pytest.raises(ValidationError) as caught:
        validate_patient(PatientDetails(
            first_name="", last_name="Nowak", date_of_birth="31/02/1980", nhs_number="999 100 0004",
            postcode="B30", email="marta@", home_phone="12345", ethnic_category="Q",
        ), TODAY)
    problems = caught.value.problems
    assert set(problems) == {"first_name", "date_of_birth", "nhs_number", "postcode", "email", "home_phone",
                             "ethnic_category"}
    assert "not a real date" in problems["date_of_birth"]
    assert "last one does not match" in problems["nhs_number"]
    assert "first name" in problems["first_name"]


def test_date_of_birth_is_required_and_not_in_the_future():
    with pytest.raises(ValidationError) as missing:
        validate_patient(details(date_of_birth=""), TODAY)
    assert missing.value.problems == {"date_of_birth": "Enter the date of birth."}
    with pytest.raises(ValidationError) as future:
        validate_patient(details(date_of_birth=date(2027, 1, 1)), TODAY)
    assert "future" in future.value.problems["date_of_birth"]


@pytest.mark.parametrize("method, missing_field", [
    ("phone", "mobile_phone"), ("text", "mobile_phone"), ("email", "email"), ("letter", "address_line_1"),
])
def test_a_preferred_way_of_contact_needs_its_details(method, missing_field):
    with pytest.raises(ValidationError) as caught:
        validate_patient(details(preferred_contact_method=method), TODAY)
    assert list(caught.value.problems) == [missing_field]


def test_text_messages_need_a_mobile():
    with pytest.raises(ValidationError) as caught:
        validate_patient(details(preferred_contact_method="text", home_phone="0121 496 0123"), TODAY)
    assert caught.value.problems == {"mobile_phone": "Text messages need a mobile number."}


def test_other_communication_need_must_say_what_it_is():
    with pytest.raises(ValidationError) as caught:
        validate_patient(details(communication_needs=frozenset({"other", "braille"})), TODAY)
    assert caught.value.problems == {"communication_other": "Say what the other communication need is."}
    with pytest.raises(ValidationError) as unknown:
        validate_patient(details(communication_needs=frozenset({"semaphore"})), TODAY)
    assert "semaphore" in unknown.value.problems["communication_needs"]


def test_changed_fields_names_fields_never_values():
    before = validate_patient(details(), TODAY)
    after = validate_patient(details(postcode="B30 2JX", preferred_name="Ash"), TODAY)
    assert changed_fields(before, after) == ["preferred_name", "postcode"]
