"""The caseload list, its search as you type, and the "today" list of who needs contacting."""

from datetime import date, datetime

from linkdesk.caseload import listing
from linkdesk.caseload.listing import filter_rows, list_caseload, today_list
from linkdesk.caseload.patient_form import PatientDetails
from linkdesk.caseload.patients import create_patient
from linkdesk.caseload.referral_form import ContactDetails, ReferralDetails
from linkdesk.caseload.referrals import add_referral, change_status, record_contact

from .conftest import TODAY, aisha, audit_rows

NOW = datetime(2026, 11, 25, 16, 0)


def _person(store, first, last, born, **extra):
    return create_patient(store, PatientDetails(first_name=first, last_name=last, date_of_birth=born, **extra),
                          today=TODAY)


def _caseload(store, practice, other_practice, worker):
    """Four people: a new referral overdue for contact, one due a follow-up, one discharged, one never referred."""
    rahman = create_patient(store, aisha(practice_id=practice.id), today=TODAY)
    nowak = _person(store, "Zofia", "Wiśniewska", "02/07/1948", postcode="B29 6BD", practice_id=other_practice.id,
                    preferred_name="Zosia")
    campbell = _person(store, "Delroy", "Campbell", "30/08/1955", practice_id=practice.id)
    _person(store, "Hodan", "Warsame", "11/01/1990")
    # Received Tuesday 17 November: five working days end Tuesday 24 November, so it is a day overdue.
    first = add_referral(store, rahman.id, ReferralDetails(received_on="17/11/2026", source="gp",
                                                           link_worker_id=worker.id), today=TODAY)
    # An older, closed referral must not hide the latest one.
    older = add_referral(store, nowak.id, ReferralDetails(received_on="01/02/2025", source="self"), today=TODAY)
    change_status(store, older.id, "declined", on=date(2025, 2, 3), today=TODAY)
    follow = add_referral(store, nowak.id, ReferralDetails(received_on="02/11/2026", source="housing"), today=TODAY)
    record_contact(store, follow.id, ContactDetails(at="04/11/2026 11:00", kind="home_visit",
                                                    next_contact_due="20/11/2026"), now=NOW)
    done = add_referral(store, campbell.id, ReferralDetails(received_on="01/09/2026", source="gp"), today=TODAY)
    change_status(store, done.id, "active", on=date(2026, 9, 3), today=TODAY)
    change_status(store, done.id, "discharged", on=date(2026, 11, 1), discharge_reason="goals_met", today=TODAY)
    return rahman, nowak, campbell, first, follow


def test_the_caseload_lists_everyone_with_their_latest_referral(store, practice, other_practice, worker):
    rahman, nowak, campbell, first, follow = _caseload(store, practice, other_practice, worker)
    rows = {row.patient_id: row for row in list_caseload(store)}
    assert [row.display_name for row in list_caseload(store)] == [
        "Delroy Campbell", "Aisha Rahman", "Hodan Warsame", "Zofia Wiśniewska"]
    assert rows[rahman.id].nhs_number == "999 100 0003"
    assert rows[rahman.id].status_label == "Received"
    assert rows[rahman.id].link_worker == "Sam Okafor"
    assert rows[rahman.id].practice == "Cotteridge Health Centre"
    assert rows[rahman.id].next_due == date(2026, 11, 24)
    assert rows[nowak.id].status == "contacted"
    assert rows[nowak.id].referral_id == follow.id
    assert rows[nowak.id].next_due == date(2026, 11, 20)
    assert rows[campbell.id].status == "discharged"
    assert rows[campbell.id].next_due is None
    assert [row.status for row in rows.values() if row.display_name == "Hodan Warsame"] == [""]


def test_listing_the_caseload_is_not_a_view_of_each_record(store, practice, other_practice, worker):
    _caseload(store, practice, other_practice, worker)
    before = len(audit_rows(store))
    list_caseload(store)
    assert len(audit_rows(store)) == before


def test_search_as_you_type_finds_name_preferred_name_nhs_number_and_postcode(store, practice, other_practice,
                                                                               worker):
    _caseload(store, practice, other_practice, worker)
    rows = list_caseload(store)

    def names(text, **filters):
        return [row.display_name for row in filter_rows(rows, text, **filters)]

    assert names("rah") == ["Aisha Rahman"]
    assert names("wisniew") == ["Zofia Wiśniewska"]
    assert names("zosia") == ["Zofia Wiśniewska"]
    assert names("999 100") == ["Aisha Rahman"]
    assert names("9991000003") == ["Aisha Rahman"]
    assert names("b29 6b") == ["Zofia Wiśniewska"]
    assert names("b296bd") == ["Zofia Wiśniewska"]
    assert names("aisha b30") == ["Aisha Rahman"]
    assert names("aisha b29") == []
    assert len(names("")) == 4
    assert names("", status="discharged") == ["Delroy Campbell"]
    assert names("", practice_id=practice.id) == ["Delroy Campbell", "Aisha Rahman"]
    assert names("", link_worker_id=worker.id) == ["Aisha Rahman"]


def test_today_lists_overdue_first_contacts_and_follow_ups(store, practice, other_practice, worker):
    rahman, nowak, _, first, follow = _caseload(store, practice, other_practice, worker)
    items = today_list(store, today=TODAY)
    assert [(item.display_name, item.kind, item.due, item.days_overdue) for item in items] == [
        ("Zofia Wiśniewska", "follow-up", date(2026, 11, 20), 5),
        ("Aisha Rahman", "first contact", date(2026, 11, 24), 1),
    ]
    assert items[1].description == "Make first contact (1 day overdue)"
    # On the Monday, the new referral still had a working day left.
    assert [item.kind for item in today_list(store, today=date(2026, 11, 23))] == ["follow-up"]


def test_the_first_contact_window_is_a_setting(store, practice, other_practice, worker):
    _caseload(store, practice, other_practice, worker)
    assert listing.first_contact_days(store) == 5
    listing.set_first_contact_days(store, 10)
    assert [item.kind for item in today_list(store, today=TODAY)] == ["follow-up"]
    assert {row.next_due for row in list_caseload(store) if row.status == "received"} == {date(2026, 12, 1)}


def test_contacting_and_closing_take_people_off_today(store, practice, other_practice, worker):
    rahman, nowak, _, first, follow = _caseload(store, practice, other_practice, worker)
    record_contact(store, first.id, ContactDetails(at="25/11/2026 09:00", kind="phone"), now=NOW)
    change_status(store, follow.id, "unable_to_contact", today=TODAY)
    assert today_list(store, today=TODAY) == []


def test_typing_and_deleting_letters_always_shows_what_a_fresh_search_would(store, practice, other_practice,
                                                                              worker):
    _caseload(store, practice, other_practice, worker)
    rows = list_caseload(store)
    typing = listing.CaseloadFilter(rows)
    for text in ("r", "ra", "rah", "ra", "", "b", "b3", "b30", "b3", "b2", "b29 6", "zo b29", "z", "999", "9991 r"):
        assert [rows[index] for index in typing.matching(text)] == filter_rows(rows, text), text
    assert [rows[index].display_name for index in typing.matching("", status="received")] == ["Aisha Rahman"]
