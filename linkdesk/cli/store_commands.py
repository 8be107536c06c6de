"""Commands on the store itself: open the app, init, demo, check, passphrase, backup, restore, audit."""

from __future__ import annotations

import shutil
import sys
import tempfile
from datetime import datetime, timezone
from pathlib import Path

from linkdesk.demo import DEMO_PASSPHRASE, create_demo_store
from linkdesk.store import create_store, store_exists
from linkdesk.store import audit as audit_log
from linkdesk.store.backup import backup_folder_for, backup_store, restore_store, run_automatic_backup
from linkdesk.store.store import check_store

from .common import CommandError, data_dir, open_for, parse_date, passphrases, require_display

EXIT_DAMAGED = 4


def add_commands(subparsers, common) -> None:
    command = subparsers.add_parser("init", parents=[common], help="create a new, empty store")
    command.set_defaults(func=init)

    command = subparsers.add_parser("demo", parents=[common],
                                    help="open a store full of fictional data (temporary unless --data-dir)")
    command.add_argument("--no-gui", action="store_true", help="create the demo store and exit")
    command.set_defaults(func=demo)

    command = subparsers.add_parser("check", parents=[common],
                                    help="integrity, encryption and schema checks (read-only)")
    command.set_defaults(func=check)

    command = subparsers.add_parser("passphrase", parents=[common], help="change the store's passphrase")
    command.set_defaults(func=change_passphrase)

    command = subparsers.add_parser("backup", parents=[common],
                                    help="write a verified encrypted backup (default: the automatic backup folder)")
    command.add_argument("dest", nargs="?", metavar="DEST", help="a new or empty folder for the backup")
    command.set_defaults(func=backup)

    command = subparsers.add_parser("restore", parents=[common],
                                    help="replace the store with a checked backup, keeping the old one aside")
    command.add_argument("backup", metavar="BACKUP", help="a backup folder (the passphrase is the backup's)")
    command.set_defaults(func=restore)

    command = subparsers.add_parser("audit", parents=[common], help="print the audit log, newest first")
    command.add_argument("--since", metavar="DATE", help="only events on or after this date (YYYY-MM-DD)")
    command.set_defaults(func=audit)


def open_app(args) -> int:
    require_display()
    from linkdesk.ui.app import run_app  # Qt is loaded only when a window is wanted

    return run_app(data_dir(args))


def init(args) -> int:
    folder = data_dir(args)
    passphrase, repeated = passphrases(args).for_new_store()
    create_store(folder, passphrase, repeated=repeated).close()
    print(f"Created a new LinkDesk store in {folder}")
    print("Keep the passphrase in your organisation's password manager: it cannot be recovered.")
    return 0


def demo(args) -> int:
    if not args.no_gui:
        require_display()
    temporary = not args.data_dir
    if temporary:
        folder = Path(tempfile.mkdtemp(prefix="linkdesk-demo-")) / "store"
    else:
        folder = data_dir(args)
        if store_exists(folder):
            raise CommandError(f"{folder} already holds a store; demo data only goes into a new folder")
    store = create_demo_store(folder, DEMO_PASSPHRASE)
    print(f"Demo store (fictional data only) in {folder}")
    print(f"Its passphrase is: {DEMO_PASSPHRASE}")
    if args.no_gui:
        store.close()
        if temporary:
            print("It is temporary: use --data-dir to keep a demo store.")
            shutil.rmtree(folder.parent)
        return 0
    from linkdesk.ui.app import run_app

    try:
        return run_app(folder, store=store, demo=True)
    finally:
        if temporary:
            shutil.rmtree(folder.parent, ignore_errors=True)


def check(args) -> int:
    folder = data_dir(args)
    report = check_store(folder, passphrases(args).current(f"Passphrase for {folder}: "))
    print(f"Store: {folder}")
    print(f"Integrity check: {report.quick_check}")
    print(f"Encryption check: {'ok' if not report.cipher_problems else '; '.join(report.cipher_problems)}")
    print(f"Schema version: {report.schema_revision} (this LinkDesk expects {report.expected_revision})")
    if not report.ok:
        print("linkdesk: error: the store failed its checks: " + "; ".join(report.problems), file=sys.stderr)
        return EXIT_DAMAGED
    print("All checks passed.")
    return 0


def change_passphrase(args) -> int:
    source = passphrases(args)
    store = open_for(args, source)
    try:
        old = source.current()  # the same answer open_for had: stdin and prompts are read once
        new, repeated = source.new()
        store.change_passphrase(old, new, repeated)
    finally:
        store.close()
    print("The passphrase was changed. Older backups still open with the passphrase they were made with.")
    return 0


def backup(args) -> int:
    store = open_for(args)
    try:
        if args.dest:
            target = backup_store(store, Path(args.dest).expanduser())
        else:
            target = run_automatic_backup(store, backup_folder_for(store))
    finally:
        store.close()
    print(f"Verified backup written to {target}")
    return 0


def restore(args) -> int:
    folder = data_dir(args)
    passphrase = passphrases(args).current(f"Passphrase of the backup {args.backup}: ")
    aside = restore_store(folder, Path(args.backup).expanduser(), passphrase)
    print(f"Restored {args.backup} into {folder}")
    if aside is not None:
        print(f"The store it replaced is kept in {aside}")
    return 0


def audit(args) -> int:
    since = None
    if args.since:
        since = datetime.combine(parse_date(args.since, "--since"), datetime.min.time())
        since = since.astimezone(timezone.utc).replace(tzinfo=None)  # local midnight, as stored (UTC)
    store = open_for(args)
    try:
        with store.session() as session:
            events = audit_log.list_events(session, since=since)
    finally:
        store.close()
    for event in events:
        when = event.at.replace(tzinfo=timezone.utc).astimezone().strftime("%Y-%m-%d %H:%M:%S")
        subject = f"{event.entity} {event.entity_id}" if event.entity else ""
        print("\t".join([when, event.actor, event.action, subject, event.detail]).rstrip())
    return 0
