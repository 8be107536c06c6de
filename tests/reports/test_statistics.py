"""Report statistics on small hand-made records whose right answers are worked out by hand."""

from datetime import date

import pytest

from linkdesk.reports.errors import BadPeriod
from linkdesk.reports.records import ActivityRecord, MeasureRow, PatientRecord, Period, ReferralRecord, ReportFilter
from linkdesk.reports.statistics import age_band, build_report, month_ends, status_on

OCTOBER_TO_DECEMBER = Period(date(2026, 10, 1), date(2026, 12, 31))


def referral(id, patient_id, received_on, source="gp", needs=("loneliness",), practice="Cotteridge",
             ods="M89001", pcn="Bournville PCN", worker=1, changes=(), contacts=()):
    status = changes[-1][1] if changes else "received"
    return ReferralRecord(id, patient_id, received_on, source, frozenset(needs), practice, ods, pcn, worker, status,
                          ((received_on, "received"), *changes), tuple(contacts))


REFERRALS = [
    # Accepted, reached after 4 days, two contacts.
    referral(1, 1, date(2026, 10, 5), changes=((date(2026, 10, 9), "contacted"), (date(2026, 10, 20), "active")),
             contacts=(date(2026, 10, 9), date(2026, 10, 20))),
    # Accepted then discharged in November: still counts as accepted.
    referral(2, 2, date(2026, 10, 10), source="self", needs=("money", "loneliness"),
             changes=((date(2026, 10, 12), "active"), (date(2026, 11, 15), "discharged")),
             contacts=(date(2026, 10, 20),)),
    referral(3, 3, date(2026, 11, 2), source="self", practice="Selly Park", ods="M89002", pcn="Selly Oak PCN",
             worker=2, changes=((date(2026, 11, 20), "declined"),)),
    referral(4, 4, date(2026, 11, 3), changes=((date(2026, 12, 1), "unable_to_contact"),)),
    referral(5, 5, date(2026, 12, 30)),  # still waiting
    referral(6, 6, date(2026, 9, 1), changes=((date(2026, 9, 2), "active"),)),  # before the period, still open
]


def test_period_must_not_end_before_it_starts():
    with pytest.raises(BadPeriod, match="must end on or after it starts"):
        Period(date(2026, 12, 1), date(2026, 11, 1))


def test_referral_counts_outcomes_and_medians():
    report = build_report(OCTOBER_TO_DECEMBER, ReportFilter(), REFERRALS, [], [], [])
    assert report.referrals_received == 5
    assert {row.label: row.value for row in report.by_source.rows} == {"GP": 3, "Self-referral": 2}
    assert {row.label: row.value for row in report.by_practice.rows} == {"Cotteridge": 4, "Selly Park": 1}
    assert {row.label: row.value for row in report.by_need.rows} == {"Loneliness or isolation": 5,
                                                                     "Money and debt": 1}
    assert {row.label: row.value for row in report.outcomes.rows} == {
        "Accepted": 2, "Declined": 1, "Unable to contact": 1, "Not yet decided": 1}
    # Waits of 4 and 10 days: the median is 7, over the two referrals that were reached.
    assert (report.first_contact.value, report.first_contact.n) == (7, 2)
    assert report.first_contact.shown == "7 days (n = 2)"
    # Contacts per patient referred in the period: 2, 1, 0, 0, 0.
    assert (report.contacts_per_patient.value, report.contacts_per_patient.n) == (0, 5)


def test_caseload_counts_open_referrals_at_each_month_end():
    report = build_report(OCTOBER_TO_DECEMBER, ReportFilter(), REFERRALS, [], [], [])
    # 31 Oct: 1, 2, 6 open; 30 Nov: 1, 4, 6 (2 discharged, 3 declined); 31 Dec: 1, 5, 6 (4 unable to contact).
    assert [(point.on, point.open_referrals) for point in report.caseload] == [
        (date(2026, 10, 31), 3), (date(2026, 11, 30), 3), (date(2026, 12, 31), 3)]


def test_filters_by_practice_pcn_and_link_worker():
    by_practice = build_report(OCTOBER_TO_DECEMBER, ReportFilter(practice="m89002"), REFERRALS, [], [], [])
    by_pcn = build_report(OCTOBER_TO_DECEMBER, ReportFilter(pcn="bournville  pcn"), REFERRALS, [], [], [])
    by_worker = build_report(OCTOBER_TO_DECEMBER, ReportFilter(link_worker_id=2), REFERRALS, [], [], [])
    assert (by_practice.referrals_received, by_pcn.referrals_received, by_worker.referrals_received) == (1, 4, 1)
    assert [row.label for row in by_practice.outcomes.rows if row.value] == ["Declined"]


def test_status_on_a_day_and_month_ends():
    first = REFERRALS[0]
    assert [status_on(first, day) for day in (date(2026, 10, 4), date(2026, 10, 5), date(2026, 10, 9),
                                              date(2026, 10, 25))] == [None, "received", "contacted", "active"]
    assert month_ends(Period(date(2026, 1, 15), date(2026, 3, 10))) == [
        date(2026, 1, 31), date(2026, 2, 28), date(2026, 3, 10)]


def test_activities_by_category_route_and_attendance():
    activities = [
        ActivityRecord(1, "walk", "Walking group", ("Physical activity",), signposted_on=date(2026, 10, 10),
                       attending_from=date(2026, 10, 17)),
        ActivityRecord(2, "walk", "Walking group", ("Physical activity",), referred_on=date(2026, 11, 1)),
        ActivityRecord(2, "shed", "Men's shed", ("Arts and creativity", "Social groups and befriending"),
                       signposted_on=date(2026, 10, 1), referred_on=date(2026, 10, 3),
                       attending_from=date(2026, 10, 8)),
        ActivityRecord(1, "gone", "Old choir", (), attending_from=date(2026, 12, 1)),
        ActivityRecord(1, "early", "Lunch club", ("Social groups and befriending",), signposted_on=date(2026, 9, 1)),
        ActivityRecord(9, "walk", "Walking group", ("Physical activity",), signposted_on=date(2026, 10, 1)),
        ActivityRecord(1, "idea", "Suggested only", ("Arts and creativity",)),
    ]
    report = build_report(OCTOBER_TO_DECEMBER, ReportFilter(), REFERRALS, [], activities, [])
    # Patient 9 has no referral and "early" was agreed before the period; a suggestion is not agreed.
    assert {row.label: row.value for row in report.activities_by_category.rows} == {
        "Physical activity": 2, "Arts and creativity": 1, "Social groups and befriending": 1,
        "Not in the directory": 1}
    assert [(row.label, row.value) for row in report.top_services.rows] == [
        ("Walking group", 2), ("Men's shed", 1), ("Old choir", 1)]
    assert {row.label: row.value for row in report.routes.rows} == {
        "Referred to the provider": 2, "Signposted (details given)": 1, "Started attending without either": 1,
        "Started attending": 3}
    assert report.routes.total.value == 4
    assert report.people_attending == 2


def ons4(life=None, worthwhile=None, happiness=None, anxiety=None):
    return {"life_satisfaction": life, "worthwhile": worthwhile, "happiness": happiness, "anxiety": anxiety}


def test_ons4_change_uses_only_patients_with_both_scores_per_item():
    measures = [
        MeasureRow(1, "baseline", date(2026, 9, 1), ons4(4, 5, 3, 8)),
        MeasureRow(1, "review", date(2026, 10, 1), ons4(5, 5, 4, 7)),
        MeasureRow(1, "discharge", date(2026, 12, 1), ons4(7, 6, None, 4)),
        MeasureRow(2, "baseline", date(2026, 10, 2), ons4(6, 6, 6, 2)),
        MeasureRow(2, "review", date(2026, 11, 2), ons4(6, 8, 5, 6)),
        # Patient 3 has a baseline only, patient 4 a review only: neither may count anywhere.
        MeasureRow(3, "baseline", date(2026, 10, 2), ons4(0, 0, 0, 10)),
        MeasureRow(4, "review", date(2026, 10, 2), ons4(10, 10, 10, 0)),
    ]
    report = build_report(OCTOBER_TO_DECEMBER, ReportFilter(), REFERRALS, [], [], measures)
    items = {item.code: item for item in report.ons4}
    life = items["life_satisfaction"]
    assert (life.n, life.baseline_mean, life.latest_mean, life.mean_change) == (2, 5, 6.5, 1.5)
    assert (life.improved, life.no_change, life.worse) == (1, 1, 0)
    # Happiness: patient 1's latest answered score is the October review (3 to 4); patient 2 went 6 to 5.
    happiness = items["happiness"]
    assert (happiness.n, happiness.baseline_mean, happiness.latest_mean, happiness.mean_change) == (2, 4.5, 4.5, 0)
    # Anxiety falls for patient 1 (8 to 4, better) and rises for patient 2 (2 to 6, worse).
    anxiety = items["anxiety"]
    assert (anxiety.n, anxiety.mean_change, anxiety.improved, anxiety.worse) == (2, 0, 1, 1)


def test_ons4_with_no_pairs_shows_no_means():
    measures = [MeasureRow(1, "baseline", date(2026, 10, 1), ons4(4, 5, 3, 8))]
    report = build_report(OCTOBER_TO_DECEMBER, ReportFilter(), REFERRALS, [], [], measures)
    assert all(item.n == 0 and item.mean_change is None for item in report.ons4)


def test_equality_breakdowns_hide_small_numbers():
    patients = [PatientRecord(1, date(1950, 1, 1), "A", "female", "woman"),
                PatientRecord(2, date(1990, 6, 1), "A", "male", ""),
                PatientRecord(3, date(1990, 6, 1), "H", "female", ""),
                PatientRecord(4, date(1990, 6, 1), "", "female", ""),
                PatientRecord(5, date(2010, 6, 1), "A", "male", "")]
    report = build_report(OCTOBER_TO_DECEMBER, ReportFilter(), REFERRALS, patients, [], [])
    shown = {breakdown.title: {row.label: row.shown for row in breakdown.rows} for breakdown in report.equality}
    assert set(shown["Sex"].values()) == {"fewer than 5"}
    assert "3" not in shown["Ethnic category"].values() and "1" not in shown["Ethnic category"].values()
    sex = next(b for b in report.equality if b.title == "Sex")
    assert sex.total.shown == "5"


def test_age_band_counts_whole_years():
    assert age_band(date(1960, 12, 31), date(2026, 12, 30)) == "65 to 74"
    assert age_band(date(1951, 12, 31), date(2026, 12, 31)) == "75 to 84"
    assert age_band(date(2010, 1, 1), date(2026, 12, 31)) == "Under 18"
