"""Errors a user can cause in the caseload, each with a plain-English message."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date


class CaseloadError(Exception):
    """Base class: the message is shown to the user as it is."""


class ValidationError(CaseloadError):
    """Every problem with a form at once, as field name -> plain message; nothing was saved."""

    def __init__(self, problems: dict[str, str], what: str = "record"):
        self.problems = dict(problems)
        listed = "; ".join(f"{field}: {message}" for field, message in self.problems.items())
        super().__init__(f"The {what} was not saved: {listed}")


class NotFound(CaseloadError):
    def __init__(self, kind: str, record_id):
        super().__init__(f"There is no {kind} with id {record_id}.")
        self.kind = kind
        self.record_id = record_id


@dataclass(frozen=True)
class PossibleDuplicate:
    """An existing patient who may be the person being added, and why we think so."""

    patient_id: int
    display_name: str
    date_of_birth: date | None
    nhs_number: str  # formatted 3-3-4, or empty
    reason: str  # "same NHS number" or "same name and date of birth"


class DuplicatePatient(CaseloadError):
    """The patient may already be on the caseload; `matches` lets the user open the existing record.

    `blocking` is True for the same NHS number (never two records for one person), False for
    the same name and date of birth, which the user may confirm is a different person.
    """

    def __init__(self, matches: list[PossibleDuplicate]):
        self.matches = matches
        self.blocking = any(match.reason == "same NHS number" for match in matches)
        first = matches[0]
        super().__init__(f"{first.display_name} (id {first.patient_id}) has the {first.reason.removeprefix('same ')} "
                         "already; open that record instead of adding a new one.")


class StatusChangeRefused(CaseloadError):
    """A referral status change that is not allowed from where the referral is."""


class ImportFailed(CaseloadError):
    """The whole file was rejected and nothing was changed; `problems` names each row and column."""

    def __init__(self, problems: list[str]):
        self.problems = problems
        shown = "; ".join(problems[:20])
        more = f" (and {len(problems) - 20} more)" if len(problems) > 20 else ""
        super().__init__(f"Nothing was imported: {shown}{more}")


class ExportFailed(CaseloadError):
    """The subject access export could not be written; nothing was left half-written."""
