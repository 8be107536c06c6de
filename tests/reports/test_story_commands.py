"""`linkdesk patients story add | list | consent` against a real store, in process and in a real process."""

import json
from datetime import date, timedelta

import pytest

from linkdesk.cli import main
from linkdesk.reports.gather import make_report
from linkdesk.reports.stories import list_stories
from linkdesk.store import open_store
from linkdesk.store.audit import read_events

from ..conftest import PASSPHRASE
from ..helpers import error_line, run_linkdesk
from .conftest import MARKER

START, END = date(2026, 10, 1), date(2026, 11, 30)


@pytest.fixture
def folder(caseload, store_dir, monkeypatch):
    caseload.store.close()
    monkeypatch.setenv("LINKDESK_PASSPHRASE", PASSPHRASE)
    return store_dir


def story(folder, *args) -> int:
    return main(["patients", "story", *args, "--data-dir", str(folder)])


def stories_of(folder, patient_id):
    store = open_store(folder, PASSPHRASE)
    try:
        return list_stories(store, patient_id), make_report(store, START, END).stories
    finally:
        store.close()


def test_record_list_and_withdraw_a_story(folder, caseload, capsys):
    erin = caseload.erin.id
    assert story(folder, "add", str(erin), "--text", "  Tuesdays are my favourite day now. ", "--consent",
                 "--naming", "first-name", "--told-on", "2026-11-21") == 0
    out = capsys.readouterr().out
    assert out.startswith("Recorded story ") and f"for patient {erin} (may be published, named by first name)" in out
    new_id = int(out.split()[2])
    saved, published = stories_of(folder, erin)
    assert [(s.text, s.told_on, s.consent_to_publish, s.naming) for s in saved][-1] == (
        "Tuesdays are my favourite day now.", date(2026, 11, 21), True, "first_name")
    assert [p.attribution for p in published] == [MARKER, MARKER]

    assert story(folder, "list", str(erin)) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0] == "id\ttold on\tpublishing\twords"
    assert lines[2].split("\t") == [str(new_id), "2026-11-21", "may be published, named by first name",
                                    "Tuesdays are my favourite day now."]
    assert story(folder, "list", str(erin), "--json") == 0
    assert [entry["consent_to_publish"] for entry in json.loads(capsys.readouterr().out)] == [True, True]

    assert story(folder, "consent", str(new_id), "--withdraw") == 0
    assert capsys.readouterr().out.strip() == (f"Story {new_id}: not for publishing; "
                                               "reports made from now on leave it out.")
    assert len(stories_of(folder, erin)[1]) == 1
    assert story(folder, "consent", str(new_id), "--give", "--naming", "anonymous") == 0
    assert capsys.readouterr().out.strip() == f"Story {new_id}: may be published, anonymously."
    assert sorted(p.attribution for p in stories_of(folder, erin)[1]) == ["Anonymous", MARKER]

    store = open_store(folder, PASSPHRASE)
    try:
        details = [event.detail for event in read_events(store) if event.entity_id == str(erin)]
    finally:
        store.close()
    assert f"story {new_id} (may be published)" in details and "stories listed (2)" in details


def test_without_consent_a_story_is_kept_but_never_published(folder, caseload, capsys):
    erin = caseload.erin.id
    assert story(folder, "add", str(erin), "--text", "Please keep this between us.") == 0
    assert "(not for publishing)" in capsys.readouterr().out
    saved, published = stories_of(folder, erin)
    assert (saved[-1].consent_to_publish, saved[-1].naming) == (False, "anonymous")
    assert len(published) == 1  # only the fixture's consented story


def test_the_words_can_come_from_a_utf8_file(folder, caseload, tmp_path, capsys):
    words = tmp_path / "story.txt"
    words.write_text("Dziękuję: the café on Pershore Road is where I met everyone.\n", encoding="utf-8")
    assert story(folder, "add", str(caseload.erin.id), "--text-file", str(words), "--told-on", "20/11/2026") == 0
    saved, _ = stories_of(folder, caseload.erin.id)
    assert saved[-1].text == "Dziękuję: the café on Pershore Road is where I met everyone."


@pytest.mark.parametrize("args, message", [
    (["--text", "   "], "The story was not saved: write the story or quote."),
    (["--text", "A quote.", "--told-on", (date.today() + timedelta(days=7)).isoformat()], "the date cannot be in the future"),
    (["--text", "A quote.", "--told-on", "31/02/2026"], "the date was not understood"),
])
def test_bad_stories_are_refused_in_one_line_and_nothing_is_saved(folder, caseload, capsys, args, message):
    before = len(stories_of(folder, caseload.erin.id)[0])
    assert story(folder, "add", str(caseload.erin.id), *args) == 1
    assert message in error_line(capsys.readouterr().err)
    assert len(stories_of(folder, caseload.erin.id)[0]) == before


def test_unknown_patients_stories_and_unreadable_files_are_named(folder, caseload, tmp_path, capsys):
    assert story(folder, "add", "999", "--text", "A quote.") == 1
    assert error_line(capsys.readouterr().err) == "linkdesk: error: There is no patient with id 999."
    assert story(folder, "list", "999") == 1
    assert error_line(capsys.readouterr().err) == "linkdesk: error: There is no patient with id 999."
    assert story(folder, "consent", "999", "--give") == 1
    assert error_line(capsys.readouterr().err) == "linkdesk: error: There is no story with id 999."
    assert story(folder, "add", str(caseload.erin.id), "--text-file", str(tmp_path / "missing.txt")) == 1
    assert "could not read" in error_line(capsys.readouterr().err)
    latin1 = tmp_path / "latin1.txt"
    latin1.write_bytes("Caf\xe9 on Tuesdays".encode("latin-1"))
    assert story(folder, "add", str(caseload.erin.id), "--text-file", str(latin1)) == 1
    assert "is not UTF-8 text" in error_line(capsys.readouterr().err)
    assert len(stories_of(folder, caseload.erin.id)[0]) == 1


@pytest.mark.parametrize("args", [
    ["consent", "1", "--give", "--withdraw"],
    ["consent", "1"],
    ["add", "1", "--text", "A quote.", "--naming", "full-name"],
    ["add", "1", "--text", "A quote.", "--consent", "--no-consent"],
    ["add", "1"],
])
def test_usage_mistakes_exit_with_code_2(folder, args, capsys):
    with pytest.raises(SystemExit) as caught:
        story(folder, *args)
    assert caught.value.code == 2
    assert "Traceback" not in capsys.readouterr().err


def test_a_real_process_reads_the_words_from_standard_input(folder, caseload):
    erin = str(caseload.erin.id)
    finished = run_linkdesk("patients", "story", "add", erin, "--text", "-", "--consent", "--data-dir", str(folder),
                            passphrase=PASSPHRASE, stdin="Line one.\nLine two.\n")
    assert finished.returncode == 0, finished.stderr
    assert "(may be published, anonymously)" in finished.stdout
    assert stories_of(folder, caseload.erin.id)[0][-1].text == "Line one.\nLine two."

    both = run_linkdesk("patients", "story", "add", erin, "--text", "-", "--passphrase-stdin",
                        "--data-dir", str(folder), stdin=f"{PASSPHRASE}\nA quote.\n")
    assert both.returncode == 2
    assert "both need standard input" in error_line(both.stderr)
