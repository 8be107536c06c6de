"""`linkdesk report` and `linkdesk patients erase | retention`: reports and data rights from the command line.

`erase` and `retention` belong under `patients`, whose parser patient_commands builds; so
they are added to it here (this module is registered after patient_commands).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .common import CommandError, open_for, parse_date


def add_commands(subparsers, common) -> None:
    command = subparsers.add_parser(
        "report", parents=[common], help="referrals, activities, wellbeing and equality for a period, as PDF or CSV")
    command.add_argument("--from", dest="start", metavar="DATE", required=True, help="first day, like 2026-04-01")
    command.add_argument("--to", dest="end", metavar="DATE", required=True, help="last day, like 2027-03-31")
    command.add_argument("--practice", metavar="ODS", default="", help="only this practice (its ODS code)")
    command.add_argument("--pcn", metavar="NAME", default="", help="only this primary care network")
    command.add_argument("--link-worker", metavar="ID", type=int, help="only this link worker's referrals")
    command.add_argument("-o", "--output", metavar="FILE", required=True, help="a .pdf or .csv file")
    command.set_defaults(func=make_report)

    patients = subparsers.choices["patients"]
    commands = next(action for action in patients._actions if isinstance(action, argparse._SubParsersAction))

    command = commands.add_parser("erase", parents=[common],
                                  help="remove everything held about a patient, for good (asks first)")
    command.add_argument("patient_id", metavar="ID", type=int, help="the patient's id (see `patients list`)")
    command.add_argument("--reason", metavar="TEXT", required=True, help="why (recorded in the audit log)")
    command.add_argument("--yes", action="store_true", help="do not ask for confirmation")
    command.set_defaults(func=erase_patient)

    command = commands.add_parser("retention", parents=[common],
                                  help="list closed records due for review under the retention rule")
    command.add_argument("--years", metavar="N", type=int, help="closed more than N years ago (default: the setting)")
    command.set_defaults(func=list_retention)


def make_report(args) -> int:
    from linkdesk.reports.errors import ReportError
    from linkdesk.reports.export import export_report
    from linkdesk.reports.records import ReportFilter

    start, end = parse_date(args.start, "--from"), parse_date(args.end, "--to")
    path = Path(args.output).expanduser()
    if path.is_dir():
        raise CommandError(f"{path} is a folder; give a file name such as {path / 'report.pdf'}", exit_code=2)
    store = open_for(args)
    try:
        report = export_report(store, start, end, path,
                               ReportFilter(args.practice, args.pcn, args.link_worker))
    except ReportError as error:
        raise CommandError(str(error)) from None
    finally:
        store.close()
    print(f"Saved the report ({report.referrals_received} referrals received) as {path}")
    return 0


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
    return 0


def list_retention(args) -> int:
    from linkdesk.caseload.errors import CaseloadError
    from linkdesk.caseload.retention import due_for_review

    store = open_for(args)
    try:
        review = due_for_review(store, years=args.years)
    except CaseloadError as error:
        raise CommandError(str(error)) from None
    finally:
        store.close()
    years = "1 year" if review.years == 1 else f"{review.years} years"
    print(f"Closed more than {years} ago (before {review.cutoff:%d %b %Y}): {len(review.records)}")
    for record in review.records:
        print(f"{record.patient_id}\t{record.name}\t{record.outcome}\t{record.closed_on:%d %b %Y}")
    if review.records:
        print("Nothing has been deleted. To remove a record: linkdesk patients erase ID --reason TEXT")
    return 0
