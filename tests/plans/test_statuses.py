"""Agreed activity statuses: allowed changes, dates and reasons; signposting and referral kept apart."""

from datetime import date

import pytest

from linkdesk.plans import statuses
from linkdesk.plans.errors import StatusChangeRefused
from linkdesk.plans.statuses import (
    ATTENDING, DECLINED, REFERRED, SIGNPOSTED, STOPPED, SUGGESTED, check_activity_change,
)

TODAY = date(2026, 11, 25)


def test_signposting_and_referral_are_different_statuses_with_their_own_labels():
    labels = dict(statuses.ACTIVITY_STATUSES)
    assert labels[SIGNPOSTED] != labels[REFERRED]
    assert "details given" in labels[SIGNPOSTED].lower() and "provider" in labels[REFERRED].lower()


def test_a_referral_keeps_the_date_it_was_made():
    change = check_activity_change(SUGGESTED, REFERRED, "2026-11-20", today=TODAY)
    assert (change.status, change.on) == (REFERRED, date(2026, 11, 20))


def test_the_date_defaults_to_today_and_cannot_be_in_the_future():
    assert check_activity_change(SUGGESTED, SIGNPOSTED, None, today=TODAY).on == TODAY
    with pytest.raises(StatusChangeRefused, match="future"):
        check_activity_change(SUGGESTED, REFERRED, date(2026, 12, 1), today=TODAY)
    with pytest.raises(StatusChangeRefused, match="date was not understood"):
        check_activity_change(SUGGESTED, REFERRED, "next tuesday", today=TODAY)
    assert check_activity_change(SUGGESTED, REFERRED, "20/11/2026", today=TODAY).on == date(2026, 11, 20)


def test_stopping_needs_a_reason_and_keeps_it():
    with pytest.raises(StatusChangeRefused, match="Say why"):
        check_activity_change(ATTENDING, STOPPED, None, "   ", today=TODAY)
    change = check_activity_change(ATTENDING, STOPPED, None, " Session moved to evenings ", today=TODAY)
    assert change.reason == "Session moved to evenings"


@pytest.mark.parametrize("current, new", [
    (SUGGESTED, STOPPED), (ATTENDING, REFERRED), (ATTENDING, SUGGESTED), (DECLINED, ATTENDING),
    (STOPPED, DECLINED), (REFERRED, SIGNPOSTED),
])
def test_changes_that_make_no_sense_are_refused_with_what_is_allowed(current, new):
    with pytest.raises(StatusChangeRefused) as caught:
        check_activity_change(current, new, None, "a reason", today=TODAY)
    assert "it can become" in str(caught.value)


def test_the_same_status_again_and_an_unknown_one_are_refused():
    with pytest.raises(StatusChangeRefused, match="already"):
        check_activity_change(REFERRED, REFERRED, None, today=TODAY)
    with pytest.raises(StatusChangeRefused, match="not an activity status"):
        check_activity_change(REFERRED, "booked", None, today=TODAY)


def test_someone_who_stopped_can_go_back_and_a_decline_can_be_reconsidered():
    assert check_activity_change(STOPPED, ATTENDING, None, today=TODAY).status == ATTENDING
    assert check_activity_change(DECLINED, SUGGESTED, None, today=TODAY).status == SUGGESTED


def test_every_status_can_be_reached_and_every_listed_change_is_accepted():
    reachable = {new for targets in statuses.ALLOWED.values() for new in targets} | {SUGGESTED}
    assert reachable == set(dict(statuses.ACTIVITY_STATUSES))
    for current, targets in statuses.ALLOWED.items():
        for new in targets:
            assert check_activity_change(current, new, None, "because", today=TODAY).status == new
