"""`linkdesk patients import | list | export | template`: the caseload from the command line.

The group also holds `story` (story_commands) and `erase` and `retention` (data_rights_commands).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from linkdesk.caseload.errors import CaseloadError, ImportFailed
from linkdesk.files import reason

from . import data_rights_commands, story_commands
from .common import CommandError, open_for, refuse_existing

LIST_COLUMNS = ("patient_id", "display_name", "nhs_number", "date_of_birth", "postcode", "practice", "link_worker",
                "status_label", "next_due")


def add_commands(subparsers, common) -> None:
    patients = subparsers.add_parser("patients", parents=[common],
                                     help="the caseload: import, list, export, stories, erasure, retention")
    commands = patients.add_subparsers(title="patients commands", metavar="COMMAND", required=True)

    command = commands.add_parser("import", parents=[common],
                                  help="add a CSV list of referrals (all or nothing; see `patients template`)")
    command.add_argument("file", metavar="FILE", help="a CSV file in the referral template's columns")
    command.set_defaults(func=import_patients)

    command = commands.add_parser("list", parents=[common], help="list the caseload with each latest referral")
    command.add_argument("--json", action="store_true", help="print JSON")
    command.add_argument("--search", metavar="TEXT", default="", help="only names, NHS numbers or postcodes matching")
    command.add_argument("--status", metavar="STATUS", help="only this referral status (received, active...)")
    command.set_defaults(func=list_patients)

    command = commands.add_parser("export", parents=[common],
                                  help="everything held about one patient as JSON and PDF (subject access)")
    command.add_argument("patient_id", metavar="ID", type=int, help="the patient's id (see `patients list`)")
    command.add_argument("dest", metavar="DEST", help="the folder to write the two files into")
    command.set_defaults(func=export_patient)

    command = commands.add_parser("template", parents=[common], help="write an example referral CSV to fill in")
    command.add_argument("dest", metavar="FILE", help="where to write the template CSV")
    command.set_defaults(func=write_template)

    story_commands.add_commands(commands, common)
    data_rights_commands.add_commands(commands, common)


def import_patients(args) -> int:
    from linkdesk.caseload.importer import import_referrals

    store = open_for(args)
    try:
        result = import_referrals(store, Path(args.file).expanduser())
    except ImportFailed as exc:
        # Every problem on its own line, so a long file's mistakes can all be fixed in one go.
        for problem in exc.problems:
            print(problem)
        count = len(exc.problems)
        raise CommandError(f"nothing was imported: {count} problem{'s' if count != 1 else ''} (listed above)") from None
    finally:
        store.close()
    print(f"Imported {result.referrals_added} referrals: {result.patients_added} new patients, "
          f"{result.patients_matched} already on the caseload.")
    return 0


def list_patients(args) -> int:
    from linkdesk.caseload.listing import filter_rows, list_caseload
    from linkdesk.caseload.referral_rules import STATUSES

    if args.status and args.status not in dict(STATUSES):
        raise CommandError(f"--status must be one of {', '.join(code for code, _ in STATUSES)}", exit_code=2)
    store = open_for(args)
    try:
        rows = filter_rows(list_caseload(store), args.search, status=args.status)
        # Printed or redirected to a file, the list leaves LinkDesk: that is worth an audit row.
        store.audit("view", "caseload", None, f"caseload list of {len(rows)} patients on the command line")
    finally:
        store.close()
    if args.json:
        records = [{key: value for key, value in row._asdict().items() if key not in ("search_key", "sort_name")}
                   for row in rows]
        print(json.dumps(records, indent=2, ensure_ascii=False, default=str))
        return 0
    print("\t".join(("id", "name", "NHS number", "born", "postcode", "practice", "link worker", "status", "next due")))
    for row in rows:
        print("\t".join("" if getattr(row, column) is None else str(getattr(row, column)) for column in LIST_COLUMNS))
    return 0


def export_patient(args) -> int:
    from linkdesk.caseload.subject_access import export_subject_access

    store = open_for(args)
    try:
        written = export_subject_access(store, args.patient_id, Path(args.dest).expanduser())
    except CaseloadError as exc:
        raise CommandError(str(exc)) from None
    finally:
        store.close()
    for path in written:
        print(f"Wrote {path}")
    print("These files hold personal data: keep them safe and delete them once sent.", file=sys.stderr)
    return 0


def write_template(args) -> int:
    from linkdesk.caseload.importer import write_template as write

    path = refuse_existing(Path(args.dest).expanduser())
    try:
        write(path)
    except OSError as error:
        raise CommandError(f"could not write {path}: {reason(error)}") from None
    print(f"Wrote the referral template to {path} (see docs/CASELOAD.md for its columns)")
    return 0
