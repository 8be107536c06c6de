"""`linkdesk report`: a report for PCNs and commissioners from the command line, as PDF or CSV."""

from __future__ import annotations

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
