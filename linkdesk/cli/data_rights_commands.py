"""`linkdesk patients erase | retention`: removing a record for good, and which records are due for review.

patient_commands adds these to the `patients` group it builds.
"""

from __future__ import annotations

import sys

from .common import CommandError, open_for


def add_commands(commands, common) -> None:
    command = commands.add_parser("erase", parents=[common],
                                  help="remove everything held about a patient, for good (asks first)")
    command.add_argument("patient_id", metavar="ID", type=int, help="the patient's id (see `patients list`)")
    command.add_argument("--reason", metavar="TEXT", required=True,
                         help="Say why, without naming the person: the reason is kept in the audit log for good "
                              "(a reason giving their name, NHS number or date of birth is refused)")
    command.add_argument("--yes", action="store_true", help="do not ask for confirmation")
    command.set_defaults(func=erase_patient)

    command = commands.add_parser("retention", parents=[common],
                                  help="list closed records due for review under the retention rule, or set the rule")
    choice = command.add_mutually_exclusive_group()
    choice.add_argument("--years", metavar="N", type=int, help="closed more than N years ago (default: the setting)")
    choice.add_argument("--set-years", metavar="N",
                        help="set the store's retention period to N years (1 to 100) instead of listing")
    command.set_defaults(func=retention)


def _confirm(question: str) -> bool:
    if not sys.stdin.isatty():
        raise CommandError("erasing needs confirmation: run it in a terminal, or add --yes", exit_code=2)
    return input(f"{question} Type 'erase' to confirm: ").strip().casefold() == "erase"


def erase_patient(args) -> int:
    from linkdesk.caseload.erasure import erase_patient as erase, erasure_preview
    from linkdesk.caseload.errors import CaseloadError

    store = open_for(args)
    try:
        preview = erasure_preview(store, args.patient_id)
        question = (f"This removes patient {args.patient_id} ({preview.describe()}) for good; "
                    "backups made before now still hold them.")
        if not args.yes and not _confirm(question):
            print("Nothing was erased.")
            return 1
        result = erase(store, args.patient_id, args.reason)
    except CaseloadError as error:
        raise CommandError(str(error)) from None
    finally:
        store.close()
    print(f"Erased patient {result.patient_id}: {result.describe()}.")
    if result.drafts:
        print("Unsaved edits about them, kept while LinkDesk was locked, were removed too.")
    return 0


def retention(args) -> int:
    from linkdesk.caseload.errors import CaseloadError
    from linkdesk.caseload.retention import due_for_review, retention_years, set_retention_years

    store = open_for(args)
    try:
        if args.set_years is not None:
            before = retention_years(store)
            years = set_retention_years(store, args.set_years)
        else:
            review = due_for_review(store, years=args.years)
    except CaseloadError as error:
        raise CommandError(str(error)) from None
    finally:
        store.close()
    if args.set_years is not None:
        print(f"The retention period is now {_years(years)} (it was {_years(before)}).")
        return 0
    print(f"Closed more than {_years(review.years)} ago (before {review.cutoff:%d %b %Y}): {len(review.records)}")
    for record in review.records:
        print(f"{record.patient_id}\t{record.name}\t{record.outcome}\t{record.closed_on:%d %b %Y}")
    if review.records:
        print("Nothing has been deleted. To remove a record: linkdesk patients erase ID --reason TEXT")
    return 0


def _years(number: int) -> str:
    return "1 year" if number == 1 else f"{number} years"
