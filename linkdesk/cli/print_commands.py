"""`linkdesk print plan|leaflet|booklet`: the personalised plan and activity leaflets as PDF files."""

from __future__ import annotations

from pathlib import Path

from .common import CommandError, open_for

VARIANTS = ("standard", "large", "easy")


def add_commands(subparsers, common) -> None:
    printing = subparsers.add_parser("print", parents=[common], help="save a plan, leaflet or booklet as a PDF")
    commands = printing.add_subparsers(title="print commands", metavar="COMMAND", required=True)

    command = commands.add_parser("plan", parents=[common], help="a patient's personalised plan")
    command.add_argument("patient", metavar="PATIENT", help="the patient's id or NHS number")
    command.add_argument("-o", "--output", metavar="FILE", required=True)
    command.add_argument("--variant", choices=VARIANTS,
                         help="default: from the patient's communication needs (large print, easy read)")
    command.set_defaults(func=print_plan)

    command = commands.add_parser("leaflet", parents=[common], help="a one-page leaflet for one service")
    command.add_argument("service", metavar="SERVICE", help="the service's id")
    command.add_argument("-o", "--output", metavar="FILE", required=True)
    command.add_argument("--variant", choices=VARIANTS, default="standard")
    command.set_defaults(func=print_leaflet)

    command = commands.add_parser("booklet", parents=[common], help="a booklet of services with a contents page")
    command.add_argument("--category", metavar="C", help="a category, e.g. physical-activity")
    command.add_argument("--area", metavar="A", help="a postcode district (B30) or area (B)")
    command.add_argument("--shortlist", action="store_true", help="only services on the shortlist")
    command.add_argument("--ids", metavar="ID", nargs="+", help="these services (no filters with --ids)")
    command.add_argument("--patient", metavar="PATIENT", help="the activities on this patient's plan")
    command.add_argument("-o", "--output", metavar="FILE", required=True)
    command.add_argument("--variant", choices=VARIANTS, default="standard")
    command.set_defaults(func=print_booklet)


def _output(args) -> Path:
    path = Path(args.output).expanduser()
    if path.is_dir():
        raise CommandError(f"{path} is a folder; give a file name such as {path / 'plan.pdf'}", exit_code=2)
    return path


def _document_errors() -> tuple[type[Exception], ...]:
    from linkdesk.caseload.errors import CaseloadError
    from linkdesk.directory.errors import DirectoryError
    from linkdesk.documents.base import DocumentError
    from linkdesk.plans.errors import PlanError

    return DocumentError, DirectoryError, CaseloadError, PlanError


def print_plan(args) -> int:
    from linkdesk.documents import plan

    path = _output(args)
    store = open_for(args)
    try:
        document = plan.print_plan(store, plan.patient_id_for(store, args.patient), path, args.variant)
    except _document_errors() as exc:
        raise CommandError(str(exc)) from None
    finally:
        store.close()
    print(f"Saved the plan ({document.variant.label.lower()}, {document.page_count} pages) to {path}")
    return 0


def print_leaflet(args) -> int:
    from linkdesk.documents.leaflet import leaflet_for

    path = _output(args)
    store = open_for(args)
    try:
        document = leaflet_for(store, args.service, args.variant)
        document.render_to(path)
    except _document_errors() as exc:
        raise CommandError(str(exc)) from None
    finally:
        store.close()
    print(f"Saved the leaflet for {document.sheet.detail.name} to {path}")
    return 0


def print_booklet(args) -> int:
    from linkdesk.documents import booklet, plan

    if args.ids and (args.category or args.area or args.shortlist or args.patient):
        raise CommandError("--ids names the services itself: leave out --category, --area, --shortlist and "
                           "--patient", exit_code=2)
    if args.patient and (args.category or args.area or args.shortlist):
        raise CommandError("--patient prints the activities on the plan: leave out the filters", exit_code=2)
    path = _output(args)
    store = open_for(args)
    try:
        if args.patient:
            patient_id = plan.patient_id_for(store, args.patient)
            document = plan.plan_booklet(store, patient_id, args.variant)
            document.render_to(path)
            plan.record_booklet_printed(store, patient_id, document.count)
        else:
            choice = booklet.BookletChoice(args.category, args.area, args.shortlist, tuple(args.ids or ()))
            document = booklet.booklet_for(store, choice, args.variant)
            document.render_to(path)
    except _document_errors() as exc:
        raise CommandError(str(exc)) from None
    finally:
        store.close()
    services = "1 service" if document.count == 1 else f"{document.count} services"
    print(f"Saved a booklet of {services} ({document.page_count} pages) to {path}")
    return 0
