"""Demo caseload: 40 fictional patients across 4 fictional Birmingham-area practices.

Every name, address and number is invented: NHS numbers come from the 999 range, phone
numbers from Ofcom's drama ranges (0121 496 0xxx, 07700 900xxx). Dates are relative to
today so the "today" list always has something in it; everything else is the same every time.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from . import practices
from .nhs_number import complete
from .patient_form import PatientDetails
from .patients import create_patient
from .referral_form import ContactDetails, ReferralDetails
from .referrals import add_referral, change_status, record_contact

PRACTICES = (
    ("Hazelwell Lane Surgery", "M89901", "Stirchley and Selly Oak PCN (demo)"),
    ("Kings Norton Green Medical Practice", "M89902", "Northfield and Kings Norton PCN (demo)"),
    ("Bournbrook Road Health Centre", "M89903", "Stirchley and Selly Oak PCN (demo)"),
    ("Longbridge Lane Surgery", "M89904", "Northfield and Kings Norton PCN (demo)"),
)
WORKERS = (
    ("Jess Adeyemi", "jess.adeyemi@example.org", "0121 496 0101"),
    ("Tom Hargreaves", "tom.hargreaves@example.org", "0121 496 0102"),
    ("Nadia Qureshi", "nadia.qureshi@example.org", "0121 496 0103"),
)
# title, first, last, preferred, born, sex, ethnic category, main language, interpreter, AIS needs, postcode, scenario
PEOPLE = (
    ("Mrs", "Margaret", "Holloway", "Peggy", "1941-04-12", "female", "A", "English", False, "large_print", "B30 2QT",
     "active"),
    ("Mr", "David", "Price", "", "1958-09-30", "male", "A", "English", False, "", "B31 4HX", "overdue"),
    ("Mrs", "Aisha", "Rahman", "", "1961-03-14", "female", "K", "Bengali", True, "", "B29 7AB", "follow_up_overdue"),
    ("Mr", "Mohammed", "Iqbal", "", "1949-11-02", "male", "J", "Urdu", True, "", "B30 1NU", "active"),
    ("Mrs", "Harjit", "Kaur Sandhu", "", "1955-06-21", "female", "H", "Punjabi", True, "", "B38 8DE", "contacted"),
    ("Ms", "Priya", "Patel", "", "1984-01-09", "female", "H", "English", False, "", "B29 6BD", "received"),
    ("Mr", "Delroy", "Campbell", "Del", "1952-08-30", "male", "M", "English", False, "", "B31 2PQ", "discharged"),
    ("Mrs", "Marcia", "Thompson", "", "1960-12-05", "female", "M", "English", False, "", "B30 3AJ", "active_due"),
    ("Mr", "Winston", "Clarke", "", "1939-02-17", "male", "M", "English", False, "audio", "B38 9QS", "declined"),
    ("Mrs", "Zofia", "Wiśniewska", "Zosia", "1948-07-02", "female", "C", "Polish", True, "", "B29 5TH", "active"),
    ("Mr", "Marek", "Kowalczyk", "", "1972-05-03", "male", "C", "Polish", False, "", "B31 1EW", "unable"),
    ("Ms", "Ioana", "Popescu", "", "1988-12-01", "female", "C", "Romanian", True, "", "B30 2JX", "overdue"),
    ("Mr", "Mihai", "Ionescu", "", "1979-10-19", "male", "C", "Romanian", False, "", "B38 0AB", "contacted_due"),
    ("Ms", "Hodan", "Warsame", "", "1990-01-11", "female", "N", "Somali", True, "", "B29 6QA", "active"),
    ("Mr", "Abdi", "Farah", "", "1967-03-28", "male", "N", "Somali", True, "", "B31 3LR", "discharged"),
    ("Mrs", "Fadumo", "Hassan", "", "1958-08-08", "female", "N", "Somali", True, "easy_read", "B30 1DS", "received"),
    ("Mr", "Yusuf", "Al-Sayed", "", "1975-04-22", "male", "S", "Arabic", True, "", "B29 7EN", "active_due"),
    ("Mrs", "Layla", "Haddad", "", "1982-09-14", "female", "S", "Arabic", False, "", "B38 8HY", "follow_up_overdue"),
    ("Mr", "Omar", "Khalil", "", "1993-06-30", "male", "S", "Arabic", False, "", "B31 5AG", "declined"),
    ("Ms", "Siobhán", "O'Connor", "Shiv", "1970-03-17", "female", "B", "English", False, "", "B30 3HE", "active"),
    ("Mr", "Patrick", "Murphy", "Paddy", "1946-11-25", "male", "B", "English", False, "large_print", "B29 4LW",
     "discharged"),
    ("Mr", "Wei", "Chen", "", "1964-02-08", "male", "R", "Mandarin", True, "", "B29 6SL", "contacted"),
    ("Ms", "Mei", "Lin", "", "1998-07-07", "female", "R", "English", False, "", "B29 7QY", "received_today"),
    ("Mr", "Kwame", "Mensah", "", "1970-06-06", "male", "N", "English", False, "", "B31 2BB", "closed_long_ago"),
    ("Mrs", "Chiamaka", "Obi", "Chi", "1987-10-10", "female", "N", "English", False, "", "B38 9DT", "unable"),
    ("Ms", "Rojda", "Aziz", "", "1995-05-15", "female", "S", "Kurdish", True, "", "B30 1PR", "overdue"),
    ("Mr", "Thanh", "Nguyen", "", "1961-12-24", "male", "L", "Vietnamese", True, "", "B31 4DN", "active_due"),
    ("Mr", "Jozef", "Horváth", "", "1980-08-18", "male", "C", "Slovak", False, "", "B29 5PL", "contacted"),
    ("Ms", "Senait", "Tesfaye", "", "1992-11-03", "female", "N", "Tigrinya", True, "", "B30 2EF", "received"),
    ("Mr", "Farid", "Ahmadi", "", "1985-01-30", "male", "L", "Dari", True, "", "B38 0UW", "closed_long_ago"),
    ("Mr", "Errol", "Brown", "", "1944-04-04", "male", "M", "English", False, "braille", "B31 1QJ", "discharged"),
    ("Mrs", "Gwen", "Morgan", "", "1951-03-01", "female", "A", "Welsh", False, "", "B29 4DA", "follow_up_overdue"),
    ("Mrs", "Sharon", "Whitehouse", "Shaz", "1966-10-12", "female", "A", "English", False, "", "B38 8PL", "active"),
    ("Mr", "Kevin", "Baxter", "Kev", "1977-07-27", "male", "A", "English", False, "", "B31 3SX", "declined"),
    ("Miss", "Joan", "Turner", "", "1936-05-09", "female", "A", "English", False, "large_print", "B30 3RW",
     "active_due"),
    ("Mr", "Imran", "Hussain", "", "1990-09-09", "male", "J", "English", False, "", "B29 7LT", "received"),
    ("Mrs", "Rukhsana", "Begum", "", "1959-02-14", "female", "K", "Sylheti", True, "", "B30 1BH", "unable"),
    ("Mrs", "Sunita", "Sharma", "", "1974-12-19", "female", "H", "Hindi", False, "", "B38 9LE", "discharged"),
    ("Mx", "Alex", "Kowalski-Reid", "", "2001-04-01", "not_stated", "G", "English", False, "bsl_interpreter",
     "B31 2XY", "contacted"),
    ("Mrs", "Elena", "Dumitru", "", "1969-08-23", "female", "C", "Romanian", True, "", "B29 5RF", "active"),
)
STREETS = ("Pershore Road", "Bristol Road", "Cartland Road", "Lilley Lane", "Hole Lane")
SOURCES = ("gp", "practice_nurse", "self", "housing", "voluntary_sector", "other_clinician", "dwp", "hospital",
           "council")
NEEDS = (("loneliness", "mental_wellbeing"), ("money", "housing"), ("physical_activity", "long_term_condition"),
         ("bereavement", "loneliness"), ("carer_support",), ("employment", "digital_inclusion"),
         ("healthy_eating", "physical_activity"), ("family", "mental_wellbeing"))
NOTES = (
    "Talked about what matters to them: getting out of the house more and seeing people.",
    "Worried about the cost of heating; agreed to look at the Warm Homes advice together.",
    "Keen on gardening; knows the community allotment from years ago.",
    "Feeling low since the bereavement; would like a group where people understand.",
    "Wants to be more active but worried about their knees; chair-based exercise suggested.",
)
DISCHARGES = ("goals_met", "ongoing_support_elsewhere", "no_longer_wishes", "moved_away", "goals_met")


def _nhs_numbers():
    seed = 100
    while True:
        number = complete(f"999{seed:06d}")
        seed += 7
        if number is not None:
            yield number


def add_demo_data(store, today: date | None = None) -> None:
    today = today or date.today()
    practice_ids = [practices.add_practice(store, *practice).id for practice in PRACTICES]
    worker_ids = [practices.add_link_worker(store, name, email=email, phone=phone,
                                            organisation="Birmingham South Social Prescribing (demo)",
                                            own_profile=index == 0).id
                  for index, (name, email, phone) in enumerate(WORKERS)]
    numbers = _nhs_numbers()
    for index, person in enumerate(PEOPLE):
        title, first, last, preferred, born, sex, ethnic, language, interpreter, ais, postcode, scenario = person
        details = PatientDetails(
            title=title, first_name=first, last_name=last, preferred_name=preferred, date_of_birth=born,
            # Two people have no NHS number yet (newly arrived, not registered when referred).
            nhs_number="" if index in (25, 28) else next(numbers),
            address_line_1=f"{12 + index * 3} {STREETS[index % len(STREETS)]}",
            town="Birmingham", postcode=postcode, mobile_phone=f"07700 900{index:03d}",
            home_phone=f"0121 496 0{500 + index}" if index % 3 == 0 else "", email="",
            preferred_contact_method=("phone", "text", "phone", "letter")[index % 4], main_language=language,
            interpreter_needed=interpreter, communication_needs=frozenset({ais} if ais else ()),
            practice_id=practice_ids[index % 4], consent_social_prescribing=scenario != "declined",
            consent_share_with_providers=index % 3 != 1, consent_anonymised_story=index % 5 == 0,
            ethnic_category=ethnic, sex=sex,
            gender_identity="non_binary" if title == "Mx" else "",
            risk_notes="Lives alone; has had falls this year." if index % 9 == 0 else "",
        )
        patient = create_patient(store, details, allow_same_name_and_birth=True, today=today)
        _story(store, patient.id, index, scenario, worker_ids[index % 3], today)


def _at(day: date, index: int) -> datetime:
    return datetime.combine(day, time(9 + index % 7, (index * 15) % 60))


def _story(store, patient_id: int, index: int, scenario: str, worker_id: int, today: date) -> None:
    """One referral taken as far as its scenario goes, with contacts on the way."""
    # Two people were discharged nine years ago, past the 8-year retention rule: Tools > Records due for
    # review has someone to show. They are among those the plans demo leaves without a plan.
    ago = {"received_today": 0, "received": 2, "overdue": 10 + index % 5,
           "closed_long_ago": 9 * 365 + index}.get(scenario, 20 + index % 40)
    received = today - timedelta(days=ago)
    referral = add_referral(store, patient_id, ReferralDetails(
        received_on=received, source=SOURCES[index % len(SOURCES)],
        referrer=("Dr A Khan", "Nurse B Lewis", "")[index % 3],
        needs=frozenset(NEEDS[index % len(NEEDS)]), reason="Fictional demo referral.",
        link_worker_id=worker_id), today=today)
    if scenario.startswith("received") or scenario == "overdue":
        return
    now = datetime.combine(today, time(0))
    first = received + timedelta(days=2)
    if scenario in ("unable", "declined"):
        record_contact(store, referral.id, ContactDetails(at=_at(first, index), kind="phone", did_not_attend=True,
                                                          notes="No answer; left a voicemail."), now=now)
        final = "unable_to_contact" if scenario == "unable" else "declined"
        change_status(store, referral.id, final, on=first + timedelta(days=5), today=today)
        return
    due = {"follow_up_overdue": today - timedelta(days=3 + index % 4), "active_due": today,
           "contacted_due": today}.get(scenario, today + timedelta(days=7 + index % 14))
    record_contact(store, referral.id, ContactDetails(
        at=_at(first, index), kind=("phone", "surgery", "home_visit")[index % 3],
        duration_minutes=20 + index % 4 * 10,
        notes=NOTES[index % len(NOTES)], next_step="Meet to agree a plan.",
        next_contact_due=due if scenario.startswith("contacted") else first + timedelta(days=5)), now=now)
    if scenario.startswith("contacted"):
        return
    second = first + timedelta(days=5)
    change_status(store, referral.id, "active", on=second, today=today)
    record_contact(store, referral.id, ContactDetails(
        at=_at(second, index + 3), kind=("surgery", "group", "video")[index % 3], duration_minutes=45,
        notes="Agreed what matters and the first steps.", next_step="Try the group and call back.",
        next_contact_due=due), now=now)
    if scenario in ("discharged", "closed_long_ago"):
        change_status(store, referral.id, "discharged", on=second + timedelta(days=9),
                      discharge_reason=DISCHARGES[index % len(DISCHARGES)], today=today)
