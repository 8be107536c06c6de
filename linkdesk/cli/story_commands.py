"""`linkdesk patients story add | list | consent`: a patient's story or quote, and their consent to publish it.

patient_commands adds the `story` group to the `patients` group it builds.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from .common import CommandError, open_for

NAMINGS = {"first-name": "first_name", "anonymous": "anonymous"}


def add_commands(commands, common) -> None:
    story = commands.add_parser("story", parents=[common], help="record a patient's story or quote, with consent")
    stories = story.add_subparsers(title="story commands", metavar="COMMAND", required=True)

    command = stories.add_parser("add", parents=[common], help="record a story or quote told by a patient")
    command.add_argument("patient_id", metavar="ID", type=int, help="the patient's id (see `patients list`)")
    words = command.add_mutually_exclusive_group(required=True)
    words.add_argument("--text", metavar="TEXT", help="the words as the patient said them (- reads standard input)")
    words.add_argument("--text-file", metavar="FILE", help="a UTF-8 text file holding the words")
    consent = command.add_mutually_exclusive_group()
    consent.add_argument("--consent", dest="consent", action="store_true", default=False,
                         help="the patient agreed it may be published in reports")
    consent.add_argument("--no-consent", dest="consent", action="store_false",
                         help="not for publishing (the default)")
    command.add_argument("--naming", choices=NAMINGS, default="anonymous",
                         help="how a report names the patient (default: anonymous)")
    command.add_argument("--told-on", metavar="DATE", help="when it was told, like 2026-11-20 (default: today)")
    command.set_defaults(func=add_story)

    command = stories.add_parser("list", parents=[common], help="a patient's stories with their consent")
    command.add_argument("patient_id", metavar="ID", type=int, help="the patient's id")
    command.add_argument("--json", action="store_true", help="print JSON")
    command.set_defaults(func=list_stories)

    command = stories.add_parser("consent", parents=[common], help="give or withdraw consent to publish a story")
    command.add_argument("story_id", metavar="STORY_ID", type=int, help="the story's id (see `patients story list`)")
    choice = command.add_mutually_exclusive_group(required=True)
    choice.add_argument("--give", dest="consent", action="store_true", help="the patient agrees it may be published")
    choice.add_argument("--withdraw", dest="consent", action="store_false", help="it must no longer be published")
    command.add_argument("--naming", choices=NAMINGS, help="change how a report names the patient")
    command.set_defaults(func=set_consent)


def _words(args) -> str:
    if args.text == "-":
        if args.passphrase_stdin:
            raise CommandError("--text - and --passphrase-stdin both need standard input: set LINKDESK_PASSPHRASE "
                               "or use --text-file", exit_code=2)
        return sys.stdin.read()
    if args.text is not None:
        return args.text
    path = Path(args.text_file).expanduser()
    try:
        return path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError:
        raise CommandError(f"{path} is not UTF-8 text: save it as UTF-8 (or plain text) and try again") from None
    except OSError as error:
        raise CommandError(f"could not read {path}: {error.strerror or error}") from None


def _describe(story) -> str:
    if not story.consent_to_publish:
        return "not for publishing"
    return "may be published, " + ("named by first name" if story.naming == "first_name" else "anonymously")


def add_story(args) -> int:
    from linkdesk.caseload.errors import CaseloadError
    from linkdesk.reports.errors import ReportError
    from linkdesk.reports.stories import add_story as add

    text = _words(args)
    store = open_for(args)
    try:
        story = add(store, args.patient_id, text, consent_to_publish=args.consent, naming=NAMINGS[args.naming],
                    told_on=args.told_on)
    except (CaseloadError, ReportError) as error:
        raise CommandError(str(error)) from None
    finally:
        store.close()
    print(f"Recorded story {story.id} for patient {args.patient_id} ({_describe(story)}).")
    return 0


def list_stories(args) -> int:
    from linkdesk.caseload.errors import CaseloadError
    from linkdesk.reports.stories import list_stories as stories_of

    store = open_for(args)
    try:
        stories = stories_of(store, args.patient_id)
    except CaseloadError as error:
        raise CommandError(str(error)) from None
    finally:
        store.close()
    if args.json:
        print(json.dumps([{"id": story.id, "told_on": story.told_on.isoformat(), "text": story.text,
                           "consent_to_publish": story.consent_to_publish, "naming": story.naming}
                          for story in stories], indent=2, ensure_ascii=False))
        return 0
    print("\t".join(("id", "told on", "publishing", "words")))
    for story in stories:
        print("\t".join((str(story.id), story.told_on.isoformat(), _describe(story), " ".join(story.text.split()))))
    return 0


def set_consent(args) -> int:
    from linkdesk.caseload.errors import CaseloadError
    from linkdesk.reports.errors import ReportError
    from linkdesk.reports.stories import set_consent as change

    store = open_for(args)
    try:
        story = change(store, args.story_id, args.consent, naming=NAMINGS.get(args.naming))
    except (CaseloadError, ReportError) as error:
        raise CommandError(str(error)) from None
    finally:
        store.close()
    print(f"Story {story.id}: {_describe(story)}" + ("." if story.consent_to_publish else
                                                      "; reports made from now on leave it out."))
    return 0
