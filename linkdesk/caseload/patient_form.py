"""What a patient record form holds, and the rules every field must meet before anything is saved.

Pure: no database and no Qt, so the editor can show the same messages inline as you type
that the save would give.
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields, replace
from datetime import date

from . import contact_details, dates, nhs_number, vocabulary
from .errors import ValidationError

SHORT_TEXT = 200


@dataclass(frozen=True)
class PatientDetails:
    """Everything the record editor edits. Dates may be text as typed; validation parses them."""

    first_name: str = ""
    last_name: str = ""
    title: str = ""
    preferred_name: str = ""
    date_of_birth: date | str | None = None
    nhs_number: str = ""
    address_line_1: str = ""
    address_line_2: str = ""
    town: str = ""
    postcode: str = ""
    mobile_phone: str = ""
    home_phone: str = ""
    email: str = ""
    preferred_contact_method: str = ""  # a code from vocabulary.CONTACT_METHODS
    preferred_contact_times: str = ""
    main_language: str = "English"
    interpreter_needed: bool = False
    communication_needs: frozenset[str] = field(default_factory=frozenset)  # vocabulary.AIS_NEEDS codes
    communication_other: str = ""
    practice_id: int | None = None
    consent_social_prescribing: bool = False
    consent_share_with_providers: bool = False
    consent_anonymised_story: bool = False
    ethnic_category: str = ""
    sex: str = ""
    gender_identity: str = ""
    risk_notes: str = ""


FIELD_NAMES = tuple(item.name for item in fields(PatientDetails))

LABELS = {
    "first_name": "First name", "last_name": "Last name", "title": "Title", "preferred_name": "Preferred name",
    "date_of_birth": "Date of birth", "nhs_number": "NHS number", "address_line_1": "Address line 1",
    "address_line_2": "Address line 2", "town": "Town or city", "postcode": "Postcode",
    "mobile_phone": "Mobile phone", "home_phone": "Home phone", "email": "Email",
    "preferred_contact_method": "Preferred way to be contacted", "preferred_contact_times": "Best times to contact",
    "main_language": "Main language", "interpreter_needed": "Needs an interpreter",
    "communication_needs": "Communication needs", "communication_other": "Other communication needs",
    "practice_id": "Registered practice", "consent_social_prescribing": "Consents to social prescribing",
    "consent_share_with_providers": "Consents to sharing details with community providers",
    "consent_anonymised_story": "Consents to the use of an anonymised story", "ethnic_category": "Ethnic category",
    "sex": "Sex", "gender_identity": "Gender identity", "risk_notes": "Risks or safeguarding concerns",
}

_TEXT_FIELDS = ("first_name", "last_name", "title", "preferred_name", "address_line_1", "address_line_2", "town",
                "preferred_contact_times", "main_language", "communication_other")
_CHOICES = {
    "preferred_contact_method": vocabulary.CONTACT_METHODS, "ethnic_category": vocabulary.ETHNIC_CATEGORIES,
    "sex": vocabulary.SEXES, "gender_identity": vocabulary.GENDER_IDENTITIES,
}


def _strip(value) -> str:
    return " ".join(str(value or "").split())


def validate_patient(details: PatientDetails, today: date | None = None) -> PatientDetails:
    """The details tidied (trimmed, NHS number as digits, postcode and phones in standard form).

    Raises ValidationError with every problem at once, keyed by field name.
    """
    problems: dict[str, str] = {}
    cleaned: dict[str, object] = {name: _strip(getattr(details, name)) for name in _TEXT_FIELDS}
    cleaned["risk_notes"] = (details.risk_notes or "").strip()  # free text keeps its line breaks

    for name in ("first_name", "last_name"):
        if not cleaned[name]:
            problems[name] = f"Enter the {LABELS[name].lower()}."
    for name in _TEXT_FIELDS:
        if len(cleaned[name]) > SHORT_TEXT and name not in problems:
            problems[name] = f"Keep this under {SHORT_TEXT} characters."

    try:
        born = dates.parse_date(details.date_of_birth)
        if born is None:
            problems["date_of_birth"] = "Enter the date of birth."
        else:
            cleaned["date_of_birth"] = dates.check_date_of_birth(born, today)
    except dates.InvalidDate as error:
        problems["date_of_birth"] = str(error)

    cleaned["nhs_number"] = ""
    if _strip(details.nhs_number):
        try:
            cleaned["nhs_number"] = nhs_number.normalise(details.nhs_number)
        except nhs_number.InvalidNhsNumber as error:
            problems["nhs_number"] = str(error)

    for name, check in (("postcode", _postcode), ("email", contact_details.normalise_email),
                        ("mobile_phone", contact_details.normalise_phone),
                        ("home_phone", contact_details.normalise_phone)):
        cleaned[name] = ""
        if _strip(getattr(details, name)):
            try:
                cleaned[name] = check(getattr(details, name))
            except contact_details.InvalidContactDetail as error:
                problems[name] = str(error)

    for name, choices in _CHOICES.items():
        value = _strip(getattr(details, name))
        if value and value not in vocabulary.codes(choices):
            problems[name] = f"Choose one of: {', '.join(text for _, text in choices)}."
        cleaned[name] = value

    needs = frozenset(details.communication_needs or ())
    unknown = needs - vocabulary.codes(vocabulary.AIS_NEEDS)
    if unknown:
        problems["communication_needs"] = f"Unknown communication needs: {', '.join(sorted(unknown))}."
    elif "other" in needs and not cleaned["communication_other"]:
        problems["communication_other"] = "Say what the other communication need is."
    cleaned["communication_needs"] = needs

    _check_contact_method(cleaned, problems)
    if problems:
        raise ValidationError(problems, "patient record")
    return replace(details, **cleaned)


def _postcode(text: str) -> str:
    return contact_details.normalise_postcode(text)


def _check_contact_method(cleaned: dict, problems: dict[str, str]) -> None:
    """A preferred way of contact must be usable: its phone, email or address has to be there."""
    method = cleaned["preferred_contact_method"]
    if method in ("phone", "text") and not (cleaned["mobile_phone"] or cleaned["home_phone"]):
        if "mobile_phone" not in problems and "home_phone" not in problems:
            problems["mobile_phone"] = "Add a phone number, or choose another way to be contacted."
    if method == "text" and cleaned["home_phone"] and not cleaned["mobile_phone"] \
            and not cleaned["home_phone"].startswith("07") and "mobile_phone" not in problems:
        problems["mobile_phone"] = "Text messages need a mobile number."
    if method == "email" and not cleaned["email"] and "email" not in problems:
        problems["email"] = "Add an email address, or choose another way to be contacted."
    if method == "letter" and not (cleaned["address_line_1"] and cleaned["postcode"]):
        if "postcode" not in problems:
            problems["address_line_1"] = "Add the address and postcode, or choose another way to be contacted."


def changed_fields(before: PatientDetails, after: PatientDetails) -> list[str]:
    """Names (never values) of the fields that differ, for the audit log."""
    return [name for name in FIELD_NAMES if getattr(before, name) != getattr(after, name)]
