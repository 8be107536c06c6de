"""The `linkdesk` command: no subcommand opens the app; subcommands script the same store.

Each command module adds its subparsers with `add_commands(subparsers, common)` and sets
`func(args) -> int`. Expected failures become one `linkdesk: error: …` line and the exit
code from DESIGN.md; programming errors are left to show their traceback.
"""

from __future__ import annotations

import argparse
import os
import sys

from linkdesk import __version__
from linkdesk.store.errors import StoreError

from . import directory_commands, patient_commands, plan_commands, print_commands, report_commands, store_commands
from .common import CommandError
from .passphrases import NoPassphrase

EXIT_USAGE = 2


def build_parser() -> argparse.ArgumentParser:
    # Options every command accepts, before or after the subcommand name.
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--data-dir", metavar="DIR", default=argparse.SUPPRESS,
                        help="the store folder to use (default: your LinkDesk data folder)")
    common.add_argument("--passphrase-stdin", action="store_true", default=argparse.SUPPRESS,
                        help="read the passphrase from the first line of standard input")

    parser = argparse.ArgumentParser(
        prog="linkdesk",
        parents=[common],
        description="LinkDesk, the social prescribing link worker's desktop. "
        "With no command, opens the app.",
        epilog="The passphrase comes from LINKDESK_PASSPHRASE, --passphrase-stdin, or a prompt. "
        "Exit codes: 0 ok, 1 failed, 2 usage, 3 wrong passphrase, 4 damaged or not a LinkDesk store.",
    )
    parser.add_argument("--version", action="version", version=f"LinkDesk {__version__}")
    parser.add_argument("--self-test", action="store_true",
                        help="check this installation in a temporary store (no network or display needed) and exit")
    parser.set_defaults(func=store_commands.open_app)
    subparsers = parser.add_subparsers(title="commands", metavar="COMMAND")
    store_commands.add_commands(subparsers, common)
    directory_commands.add_commands(subparsers, common)
    plan_commands.add_commands(subparsers, common)
    print_commands.add_commands(subparsers, common)
    patient_commands.add_commands(subparsers, common)
    report_commands.add_commands(subparsers, common)
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    args.data_dir = getattr(args, "data_dir", None)
    args.passphrase_stdin = getattr(args, "passphrase_stdin", False)
    if args.self_test:
        from linkdesk import selftest

        return selftest.main()
    try:
        code = args.func(args) or 0
        sys.stdout.flush()  # here, not at exit, so a closed pipe is caught below
        return code
    except BrokenPipeError:
        return _reader_went_away()
    except StoreError as exc:
        return _fail(str(exc), exc.exit_code)
    except NoPassphrase as exc:
        return _fail(str(exc), EXIT_USAGE)
    except CommandError as exc:
        return _fail(str(exc), exc.exit_code)
    except KeyboardInterrupt:
        return _fail("interrupted", 1)


def _reader_went_away() -> int:
    """`linkdesk patients list | head`: the reader stopped early. Not worth a traceback.

    Python's documented recipe: point stdout at devnull so the flush at exit cannot fail again.
    """
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())
    return 1


def _fail(message: str, code: int) -> int:
    print(f"linkdesk: error: {message}", file=sys.stderr)
    return code
