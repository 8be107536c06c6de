"""`linkdesk directory import|export|search`: the community directory from the command line."""

from __future__ import annotations

import json
from pathlib import Path

from linkdesk.directory.errors import DirectoryError
from linkdesk.directory.schedule import parse_weekday
from linkdesk.directory.search import SearchFilters, search_services

from .common import CommandError, open_for, refuse_existing


def add_commands(subparsers, common) -> None:
    directory = subparsers.add_parser("directory", parents=[common], help="import, export and search the directory")
    commands = directory.add_subparsers(title="directory commands", metavar="COMMAND", required=True)

    command = commands.add_parser("import", parents=[common],
                                  help="ORUK/HSDS JSON, tabular CSV folder or zip, flat CSV, or an ORUK API URL")
    command.add_argument("source", metavar="SRC")
    command.set_defaults(func=import_directory)

    command = commands.add_parser("export", parents=[common], help="export the directory")
    command.add_argument("dest", metavar="DEST")
    command.add_argument("--format", choices=["oruk-json", "oruk-csv"], default="oruk-json")
    command.set_defaults(func=export_directory)

    command = commands.add_parser("search", parents=[common], help="search the directory")
    command.add_argument("query", metavar="QUERY", nargs="?", default="")
    command.add_argument("--category", metavar="C")
    command.add_argument("--day", metavar="D", help="a day of the week, e.g. tuesday")
    command.add_argument("--free", action="store_true", help="only free services")
    command.add_argument("--json", action="store_true", help="print JSON")
    command.set_defaults(func=search_directory)

    command = commands.add_parser("template", parents=[common], help="save the flat CSV template")
    command.add_argument("dest", metavar="FILE")
    command.set_defaults(func=save_template)


def import_directory(args) -> int:
    from linkdesk.directory.feed import import_feed
    from linkdesk.directory.oruk_import import import_path

    store = open_for(args)
    try:
        if args.source.startswith(("http://", "https://")):
            result = import_feed(store, args.source)
        else:
            result = import_path(store, Path(args.source).expanduser())
    except DirectoryError as exc:
        raise CommandError(str(exc)) from None
    finally:
        store.close()
    print(f"Imported: {result.summary()}")
    for skip in result.skipped:
        print(f"Skipped {skip}")
    for note in result.notes:
        print(f"Note: {note}")
    return 0


def export_directory(args) -> int:
    from linkdesk.directory.oruk_export import export_csv, export_json

    store = open_for(args)
    try:
        dest = Path(args.dest).expanduser()
        written = export_json(store, dest) if args.format == "oruk-json" else export_csv(store, dest)
    except DirectoryError as exc:
        raise CommandError(str(exc)) from None
    finally:
        store.close()
    print(f"Exported the directory to {written}")
    return 0


def search_directory(args) -> int:
    try:
        weekday = parse_weekday(args.day) if args.day else None
    except ValueError as exc:
        raise CommandError(str(exc), exit_code=2) from None
    filters = SearchFilters(category=args.category, weekday=weekday, free_only=args.free)
    store = open_for(args)
    try:
        results = search_services(store, args.query, filters)
    except DirectoryError as exc:
        raise CommandError(str(exc), exit_code=2) from None
    except ValueError as exc:
        raise CommandError(str(exc), exit_code=2) from None
    finally:
        store.close()
    if args.json:
        print(json.dumps([{**vars(r), "categories": list(r.categories),
                           "last_verified": r.last_verified.isoformat() if r.last_verified else None}
                          for r in results], indent=2, ensure_ascii=False))
        return 0
    for result in results:
        print("\t".join([result.name, result.organisation, result.next_session, result.cost, result.postcode]))
    return 0


def save_template(args) -> int:
    from linkdesk.directory.readers import write_flat_template

    try:
        write_flat_template(refuse_existing(Path(args.dest).expanduser()))
    except DirectoryError as exc:
        raise CommandError(str(exc)) from None
    print(f"Saved the flat CSV template to {args.dest}")
    return 0
