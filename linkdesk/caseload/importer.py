"""`linkdesk patients import`: a CSV list of referrals, added all together or not at all.

One row is one referral with the patient's details. A row whose patient is already on the
caseload (same NHS number, or same name and date of birth) adds the referral to that
patient and leaves their details as they are. Every problem is reported by row and column
(row 1 is the header, as a spreadsheet numbers it) and nothing is written unless all is well.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from linkdesk.files import write_atomically
from linkdesk.store import audit

from . import vocabulary
from .errors import ImportFailed, ValidationError
from .models import Patient
from .patient_form import PatientDetails, validate_patient
from .patients import create_patient_in, name_key
from .practices import practice_by_ods_code
from .referral_form import ReferralDetails, validate_referral
from .referrals import add_referral_in


@dataclass(frozen=True)
class Column:
    name: str
    required: bool
    meaning: str
    example: str


COLUMNS = (
    Column("nhs_number", False, "10 digits; spaces or dashes are fine", "999 100 0003"),
    Column("title", False, "Mr, Mrs, Miss, Ms, Mx, Dr...", "Mrs"),
    Column("first_name", True, "", "Aisha"),
    Column("last_name", True, "", "Rahman"),
    Column("preferred_name", False, "what they like to be called", "Ash"),
    Column("date_of_birth", True, "day/month/year or YYYY-MM-DD", "14/03/1961"),
    Column("address_line_1", False, "", "12 Pershore Road"),
    Column("address_line_2", False, "", "Cotteridge"),
    Column("town", False, "", "Birmingham"),
    Column("postcode", False, "a UK postcode", "B30 2JX"),
    Column("mobile_phone", False, "a UK number", "07700 900123"),
    Column("home_phone", False, "a UK number", ""),
    Column("email", False, "", ""),
    Column("preferred_contact_method", False, "phone, text, email, letter or in person", "phone"),
    Column("main_language", False, "English when empty", "Bengali"),
    Column("interpreter_needed", False, "yes or no", "yes"),
    Column("communication_needs", False, "large print, easy read, BSL interpreter, braille, audio; "
           "separate several with ;", "large print"),
    Column("practice_ods_code", False, "the registered practice's ODS code (add the practice first)", "M89001"),
    Column("consent_social_prescribing", False, "yes or no", "yes"),
    Column("referral_date", True, "the date the referral was received", "02/11/2026"),
    Column("referral_source", True, "GP, practice nurse, other clinician, self-referral, council, housing, DWP, "
           "police, voluntary sector, hospital or other", "GP"),
    Column("referrer", False, "who referred", "Dr Priya Shah"),
    Column("needs", False, "loneliness, mental wellbeing, long-term condition, physical activity, healthy eating, "
           "money, housing, employment, carer support, bereavement, family, digital inclusion; separate with ;",
           "loneliness; money"),
    Column("referral_reason", False, "the referrer's words", "Recently widowed; worried about bills."),
)
COLUMN_NAMES = tuple(column.name for column in COLUMNS)
REQUIRED = tuple(column.name for column in COLUMNS if column.required)
_REFERRAL_COLUMNS = {"received_on": "referral_date", "source": "referral_source", "reason": "referral_reason"}
_YES, _NO = {"yes", "y", "true", "1"}, {"no", "n", "false", "0", ""}


@dataclass(frozen=True)
class ImportResult:
    rows: int
    patients_added: int
    patients_matched: int
    referrals_added: int


def write_template(path: Path) -> Path:
    """A CSV with the header and one fictional example row, ready to fill in a spreadsheet."""
    out = io.StringIO(newline="")
    writer = csv.writer(out)
    writer.writerow(COLUMN_NAMES)
    writer.writerow(column.example for column in COLUMNS)
    return write_atomically(path, out.getvalue().encode("utf-8-sig"))


class _Row:
    """One CSV row being turned into details, collecting its problems as 'row N, column: message'."""

    def __init__(self, number: int, values: dict[str, str]):
        self.number, self.values = number, values
        self.found: dict[str, str] = {}

    def problem(self, column: str, message: str) -> None:
        self.found.setdefault(column, message)  # the first problem with a cell is the one to fix

    @property
    def ok(self) -> bool:
        return not self.found

    def problems(self) -> list[str]:
        """In the file's column order, so they read left to right like the row."""
        order = {name: index for index, name in enumerate(COLUMN_NAMES)}
        return [f"row {self.number}, {column}: {self.found[column]}"
                for column in sorted(self.found, key=lambda name: order.get(name, len(order)))]

    def text(self, column: str) -> str:
        return (self.values.get(column) or "").strip()

    def flag(self, column: str) -> bool:
        value = self.text(column).casefold()
        if value not in _YES | _NO:
            self.problem(column, f"write yes or no, not {self.text(column)!r}")
        return value in _YES

    def choice(self, column: str, choices: vocabulary.Choices) -> str:
        if not self.text(column):
            return ""
        code = vocabulary.code_for(choices, self.text(column))
        if code is None:
            self.problem(column, f"{self.text(column)!r} is not one of: {', '.join(name for _, name in choices)}")
        return code or ""

    def choices(self, column: str, choices: vocabulary.Choices) -> frozenset[str]:
        found = set()
        for part in filter(None, (piece.strip() for piece in self.text(column).split(";"))):
            code = vocabulary.code_for(choices, part)
            if code is None:
                self.problem(column, f"{part!r} is not one of: {', '.join(name for _, name in choices)}")
            else:
                found.add(code)
        return frozenset(found)


def read_rows(path: Path) -> list[dict[str, str]]:
    """The file's rows keyed by column name; ImportFailed if it cannot be read or its columns are wrong."""
    try:
        text = Path(path).read_bytes().decode("utf-8-sig")
    except FileNotFoundError:
        raise ImportFailed([f"there is no file {path}"]) from None
    except UnicodeDecodeError:
        raise ImportFailed(["the file is not UTF-8 text: in your spreadsheet, save it as \"CSV UTF-8\""]) from None
    except OSError as error:
        raise ImportFailed([f"the file cannot be read ({error.strerror})"]) from None
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        header = next(reader)
        records = list(reader)
    except StopIteration:
        raise ImportFailed(["the file is empty: it needs the header row (see the template)"]) from None
    except csv.Error as error:
        raise ImportFailed([f"the file is not a readable CSV ({error})"]) from None
    names = [name.strip().casefold().replace(" ", "_") for name in header]
    problems = [f"row 1: column {name!r} is not one LinkDesk knows (see the template)"
                for name in names if name not in COLUMN_NAMES]
    problems += [f"row 1: column {name!r} appears twice" for name in sorted(set(names)) if names.count(name) > 1]
    problems += [f"row 1: the required column {name!r} is missing" for name in REQUIRED if name not in names]
    rows = []
    for number, record in enumerate(records, start=2):
        if not any(cell.strip() for cell in record):
            continue  # spreadsheets leave blank lines at the end
        if len(record) > len(names):
            problems.append(f"row {number}: has {len(record)} cells but the header has {len(names)} columns")
        rows.append({"_row": str(number), **dict(zip(names, record))})
    if not rows and not problems:
        problems.append("there are no referrals in the file, only the header")
    if problems:
        raise ImportFailed(problems)
    return rows


def _details(row: _Row, session: Session, today: date) -> tuple[PatientDetails | None, ReferralDetails]:
    practice_id = None
    if row.text("practice_ods_code"):
        practice = practice_by_ods_code(session, row.text("practice_ods_code"))
        if practice is None:
            row.problem("practice_ods_code", f"no practice has the ODS code {row.text('practice_ods_code')}; "
                                             "add the practice first")
        else:
            practice_id = practice.id
    patient = PatientDetails(
        **{name: row.text(name) for name in ("nhs_number", "title", "first_name", "last_name", "preferred_name",
                                             "date_of_birth", "address_line_1", "address_line_2", "town",
                                             "postcode", "mobile_phone", "home_phone", "email")},
        preferred_contact_method=row.choice("preferred_contact_method", vocabulary.CONTACT_METHODS),
        main_language=row.text("main_language") or "English",
        interpreter_needed=row.flag("interpreter_needed"),
        communication_needs=row.choices("communication_needs", vocabulary.AIS_NEEDS),
        practice_id=practice_id,
        consent_social_prescribing=row.flag("consent_social_prescribing"),
    )
    referral = ReferralDetails(
        received_on=row.text("referral_date"),
        source=row.choice("referral_source", vocabulary.REFERRAL_SOURCES),
        referrer=row.text("referrer"), needs=row.choices("needs", vocabulary.NEEDS),
        reason=row.text("referral_reason"),
    )
    cleaned = None
    try:
        cleaned = validate_patient(patient, today)
    except ValidationError as error:
        for field, message in error.problems.items():
            row.problem(field, message)
    try:
        validate_referral(referral, today, cleaned.date_of_birth if cleaned else None)
    except ValidationError as error:
        for field, message in error.problems.items():
            row.problem(_REFERRAL_COLUMNS.get(field, field), message)
    return cleaned, referral


def _match(session: Session, row: _Row, details: PatientDetails) -> Patient | None:
    if details.nhs_number:
        patient = session.scalar(select(Patient).where(Patient.nhs_number == details.nhs_number))
        if patient is not None:
            if (patient.date_of_birth, name_key(patient.last_name)) != (details.date_of_birth,
                                                                        name_key(details.last_name)):
                row.problem("nhs_number", f"patient {patient.id} already has this NHS number with a different "
                                          "name or date of birth; check the row")
            return patient
    wanted = (name_key(details.first_name), name_key(details.last_name))
    for patient in session.scalars(select(Patient).where(Patient.date_of_birth == details.date_of_birth)):
        same_person = not patient.nhs_number or not details.nhs_number
        if same_person and (name_key(patient.first_name), name_key(patient.last_name)) == wanted:
            return patient
    return None


def import_referrals(store, path: Path, today: date | None = None,
                     progress: Callable[[int, int], None] | None = None) -> ImportResult:
    """Import the file in one transaction; raises ImportFailed listing every problem, having written nothing."""
    today = today or date.today()
    records = read_rows(path)
    problems: list[str] = []
    added = matched = 0
    with store.session() as session:
        for done, record in enumerate(records, start=1):
            row = _Row(int(record["_row"]), record)
            patient_details, referral_details = _details(row, session, today)
            patient = _match(session, row, patient_details) if row.ok else None
            if row.ok:
                if patient is None:
                    patient = create_patient_in(session, patient_details)
                    added += 1
                else:
                    matched += 1
                add_referral_in(session, patient, referral_details, today)
            problems += row.problems()
            if progress is not None:
                progress(done, len(records))
        if problems:
            raise ImportFailed(problems)
        audit.record(session, "import", "caseload", None,
                     f"referral list: {len(records)} rows, {added} patients added, {matched} matched")
    return ImportResult(len(records), added, matched, len(records))
