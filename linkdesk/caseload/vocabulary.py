"""The fixed choices a caseload record offers: codes stored in the database, labels shown to people.

Each list is ordered as a form should show it. Codes never change once stored; labels may.
"""

from __future__ import annotations

Choices = tuple[tuple[str, str], ...]

TITLES = ("", "Mr", "Mrs", "Miss", "Ms", "Mx", "Dr", "Prof", "Rev")

CONTACT_METHODS: Choices = (
    ("phone", "Phone call"), ("text", "Text message"), ("email", "Email"),
    ("letter", "Letter"), ("in_person", "In person"),
)

# Accessible Information Standard (DCB1605) communication and information needs.
AIS_NEEDS: Choices = (
    ("large_print", "Large print"), ("easy_read", "Easy read"),
    ("bsl_interpreter", "British Sign Language interpreter"),
    ("braille", "Braille"), ("audio", "Audio"), ("other", "Other"),
)

# NHS Data Dictionary ethnic category (2001 census categories), as GP systems record it.
ETHNIC_CATEGORIES: Choices = (
    ("A", "White: British"), ("B", "White: Irish"), ("C", "White: any other White background"),
    ("D", "Mixed: White and Black Caribbean"), ("E", "Mixed: White and Black African"),
    ("F", "Mixed: White and Asian"), ("G", "Mixed: any other mixed background"),
    ("H", "Asian or Asian British: Indian"), ("J", "Asian or Asian British: Pakistani"),
    ("K", "Asian or Asian British: Bangladeshi"), ("L", "Asian or Asian British: any other Asian background"),
    ("M", "Black or Black British: Caribbean"), ("N", "Black or Black British: African"),
    ("P", "Black or Black British: any other Black background"), ("R", "Other ethnic groups: Chinese"),
    ("S", "Other ethnic groups: any other ethnic group"), ("Z", "Not stated"),
)

SEXES: Choices = (("female", "Female"), ("male", "Male"), ("not_stated", "Prefer not to say"))

GENDER_IDENTITIES: Choices = (
    ("woman", "Woman"), ("man", "Man"), ("non_binary", "Non-binary"),
    ("other", "In another way"), ("not_stated", "Prefer not to say"),
)

REFERRAL_SOURCES: Choices = (
    ("gp", "GP"), ("practice_nurse", "Practice nurse"), ("other_clinician", "Other clinician"),
    ("self", "Self-referral"), ("council", "Local agency: council"), ("housing", "Local agency: housing"),
    ("dwp", "Local agency: DWP"), ("police", "Local agency: police"),
    ("voluntary_sector", "Local agency: voluntary sector"), ("hospital", "Hospital"), ("other", "Other"),
)

NEEDS: Choices = (
    ("loneliness", "Loneliness or isolation"), ("mental_wellbeing", "Mental wellbeing"),
    ("long_term_condition", "Long-term condition"), ("physical_activity", "Physical activity"),
    ("healthy_eating", "Healthy eating or weight"), ("money", "Money and debt"), ("housing", "Housing"),
    ("employment", "Employment and skills"), ("carer_support", "Carer support"), ("bereavement", "Bereavement"),
    ("family", "Family and relationships"), ("digital_inclusion", "Digital inclusion"), ("other", "Other"),
)

CONTACT_KINDS: Choices = (
    ("surgery", "At the surgery"), ("home_visit", "Home visit"), ("phone", "Phone"), ("video", "Video call"),
    ("group", "Group session"), ("other", "Other"),
)

# The patient details stored as codes, with the choices that name them (revisions and exports write the words).
CODED_PATIENT_FIELDS: dict[str, Choices] = {
    "preferred_contact_method": CONTACT_METHODS, "ethnic_category": ETHNIC_CATEGORIES, "sex": SEXES,
    "gender_identity": GENDER_IDENTITIES,
}


def label(choices: Choices, code: str | None) -> str:
    """The label for a stored code; an unknown code is shown as it is rather than hidden."""
    if not code:
        return ""
    return dict(choices).get(code, code)


def codes(choices: Choices) -> frozenset[str]:
    return frozenset(code for code, _ in choices)


def code_for(choices: Choices, text: str) -> str | None:
    """A code from a code or a label typed in any case (used by the CSV import); None if unknown."""
    wanted = " ".join((text or "").split()).casefold()
    for code, name in choices:
        if wanted in (code.casefold(), name.casefold(), code.replace("_", " ").casefold()):
            return code
    return None
