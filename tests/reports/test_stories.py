"""Patient stories: consent and naming decide what a report may print."""

from datetime import date

import pytest
from pypdf import PdfReader

from linkdesk.caseload.errors import NotFound
from linkdesk.reports.export import export_report
from linkdesk.reports.gather import make_report
from linkdesk.reports.records import ReportFilter
from linkdesk.reports.stories import StoryRefused, add_story, list_stories, set_consent

from .conftest import MARKER, TODAY

START, END = date(2026, 10, 1), date(2026, 11, 30)


def test_consented_story_is_printed_under_the_chosen_name(caseload, tmp_path):
    report = make_report(caseload.store, START, END)
    [story] = report.stories
    assert story.attribution == MARKER and "walking group" in story.text
    export_report(caseload.store, START, END, tmp_path / "report.pdf")
    text = " ".join(page.extract_text() for page in PdfReader(tmp_path / "report.pdf").pages)
    assert "In their own words" in text and "got me out of the house" in text
    assert "Quillfeather" not in text  # never the surname


def test_anonymous_withdrawn_and_unconsented_stories(caseload):
    store, erin = caseload.store, caseload.erin
    [story] = list_stories(store, erin.id)
    set_consent(store, story.id, True, naming="anonymous", today=TODAY)
    assert [s.attribution for s in make_report(store, START, END).stories] == ["Anonymous"]
    set_consent(store, story.id, False, today=TODAY)
    assert make_report(store, START, END).stories == ()
    add_story(store, erin.id, "Not for anyone else to read.", consent_to_publish=False, today=TODAY)
    assert make_report(store, START, END).stories == ()
    assert len(list_stories(store, erin.id)) == 2


def test_stories_follow_the_period_and_filters(caseload):
    store = caseload.store
    assert make_report(store, START, date(2026, 11, 19)).stories == ()
    assert make_report(store, START, END, ReportFilter(practice="M89002")).stories == ()
    assert len(make_report(store, START, END, ReportFilter(practice="M89001")).stories) == 1


def test_bad_stories_are_refused_and_nothing_is_saved(caseload):
    store, erin = caseload.store, caseload.erin
    with pytest.raises(StoryRefused, match="write the story or quote; choose how the patient is named"):
        add_story(store, erin.id, "  ", consent_to_publish=True, naming="full name", today=TODAY)
    with pytest.raises(StoryRefused, match="cannot be in the future"):
        add_story(store, erin.id, "A quote.", consent_to_publish=True, told_on=date(2026, 12, 1), today=TODAY)
    with pytest.raises(NotFound):
        add_story(store, 999, "A quote.", consent_to_publish=True, today=TODAY)
    assert len(list_stories(store, erin.id)) == 1
