"""NHS numbers, postcodes, emails and phone numbers as a tired person types them."""

import pytest

from linkdesk.caseload import contact_details, nhs_number
from linkdesk.caseload.contact_details import InvalidContactDetail
from linkdesk.caseload.nhs_number import InvalidNhsNumber

# Fictional, from the 999 range, with valid check digits.
VALID = "9991000003"


@pytest.mark.parametrize("typed", ["9991000003", "999 100 0003", "999-100-0003", " 999 100 0003 ", "999.100.0003"])
def test_nhs_numbers_are_accepted_with_spaces_or_dashes(typed):
    assert nhs_number.normalise(typed) == VALID
    assert nhs_number.format_nhs_number(nhs_number.normalise(typed)) == "999 100 0003"


def test_known_valid_number_from_the_nhs_specification():
    assert nhs_number.is_valid("943 476 5919")


@pytest.mark.parametrize("typed, says", [
    ("9991000004", "last one does not match"),   # one digit off
    ("9991000030", "last one does not match"),   # two digits swapped
    ("999100000", "has 9"),
    ("99910000031", "has 11"),
    ("999100000A", "only digits"),
    ("", "Enter the NHS number"),
])
def test_bad_nhs_numbers_are_refused_with_the_reason(typed, says):
    with pytest.raises(InvalidNhsNumber, match=says):
        nhs_number.normalise(typed)


def test_nine_digits_whose_check_digit_would_be_ten_cannot_make_a_valid_number():
    assert nhs_number.check_digit("999000000") is None
    assert not any(nhs_number.is_valid(f"999000000{digit}") for digit in range(10))


def test_every_demo_style_number_completes_to_a_valid_one():
    made = [nhs_number.complete(f"999{index:06d}") for index in range(200)]
    assert all(nhs_number.is_valid(number) for number in made if number)
    assert sum(number is not None for number in made) > 150


@pytest.mark.parametrize("typed, tidy", [
    ("b30 2jx", "B30 2JX"), ("B302JX", "B30 2JX"), ("  b1 1bb ", "B1 1BB"), ("ws13 6aa", "WS13 6AA"),
    ("ec1a 1bb", "EC1A 1BB"), ("w1d 3qf", "W1D 3QF"), ("gir0aa", "GIR 0AA"), ("zz99 3vz", "ZZ99 3VZ"),
])
def test_postcodes_are_tidied(typed, tidy):
    assert contact_details.normalise_postcode(typed) == tidy


@pytest.mark.parametrize("typed", ["B30", "B30 2J", "302 JXB", "B30 2CI", "BB30 2JXX", "B30-2JX!", ""])
def test_malformed_postcodes_are_refused(typed):
    with pytest.raises(InvalidContactDetail, match="not a UK postcode"):
        contact_details.normalise_postcode(typed)


def test_emails_are_trimmed_and_their_domain_lower_cased():
    assert contact_details.normalise_email(" Asha.K+linkdesk@Example.ORG ") == "Asha.K+linkdesk@example.org"


@pytest.mark.parametrize("typed", ["asha", "asha@", "@example.org", "asha@example", "asha @example.org",
                                   "asha@@example.org", "asha..k@example.org", "asha@exa_mple.org"])
def test_malformed_emails_are_refused(typed):
    with pytest.raises(InvalidContactDetail, match="not an email address"):
        contact_details.normalise_email(typed)


@pytest.mark.parametrize("typed, tidy", [
    ("07700900123", "07700 900123"), ("+44 7700 900123", "07700 900123"), ("0044 (0)7700-900123", "07700 900123"),
    ("0121 496 0123", "0121 496 0123"), ("(0121) 4960123", "0121 496 0123"), ("020 7946 0000", "020 7946 0000"),
    ("01632 960001", "01632 960001"), ("0300 123 4567", "0300 123 4567"),
])
def test_uk_phone_numbers_are_tidied(typed, tidy):
    if tidy is None:
        with pytest.raises(InvalidContactDetail):
            contact_details.normalise_phone(typed)
    else:
        assert contact_details.normalise_phone(typed) == tidy


@pytest.mark.parametrize("typed, says", [
    ("0770090012", "has 10"), ("077009001234", "has 12"), ("+33 1 23 45 67 89", "Only UK"),
    ("0900 123456", "starts 01"), ("07700 9OO123", "only digits"),
])
def test_bad_phone_numbers_are_refused_with_the_reason(typed, says):
    with pytest.raises(InvalidContactDetail, match=says):
        contact_details.normalise_phone(typed)
