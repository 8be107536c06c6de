"""Report statistics on small hand-made records whose right answers are worked out by hand."""

from dataclasses import replace
from datetime import date

import pytest

from linkdesk.reports.errors import BadPeriod
from linkdesk.reports.records import ActivityRecord, MeasureRow, PatientRecord, Period, ReferralRecord, ReportFilter
from linkdesk.caseload import vocabulary
from linkdesk.reports.statistics import (
    AGE_BANDS,
    age_band,
    build_report,
    change_pins_a_count,
    item_outcome,
    month_ends,
    split_suppressed,
    status_on,
)

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
    # Waits of 4 and 10 days: a median of two people (7) would give away their waits, so it is not shown.
    assert (report.first_contact.value, report.first_contact.n) == (None, 2)
    assert report.first_contact.shown == "not shown (n = 2)"
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


# Five patients in scope with scores (patients 7 and 8 have referrals only for this).
ONS4_REFERRALS = REFERRALS + [referral(7, 7, date(2026, 10, 7)), referral(8, 8, date(2026, 10, 8))]


def test_ons4_change_uses_only_patients_with_both_scores_per_item():
    measures = [
        MeasureRow(1, "baseline", date(2026, 9, 1), ons4(4, 5, 3, 8)),
        MeasureRow(1, "review", date(2026, 10, 1), ons4(5, 5, 4, 7)),
        MeasureRow(1, "discharge", date(2026, 12, 1), ons4(7, 6, None, 4)),
        MeasureRow(2, "baseline", date(2026, 10, 2), ons4(6, 6, 6, 2)),
        MeasureRow(2, "review", date(2026, 11, 2), ons4(6, 8, 5, 6)),
        MeasureRow(5, "baseline", date(2026, 10, 5), ons4(3, 3, 3, 9)),
        MeasureRow(5, "review", date(2026, 11, 5), ons4(5, 4, 3, 7)),
        MeasureRow(6, "baseline", date(2026, 10, 6), ons4(5, 5, 5, 5)),
        MeasureRow(6, "review", date(2026, 11, 6), ons4(4, 5, 6, 5)),
        MeasureRow(7, "baseline", date(2026, 10, 7), ons4(2, 4, 2, 10)),
        MeasureRow(7, "discharge", date(2026, 12, 7), ons4(6, 7, 4, 3)),
        # Patient 3 has a baseline only, patient 4 a review only: neither may count anywhere.
        MeasureRow(3, "baseline", date(2026, 10, 2), ons4(0, 0, 0, 10)),
        MeasureRow(4, "review", date(2026, 10, 2), ons4(10, 10, 10, 0)),
    ]
    report = build_report(OCTOBER_TO_DECEMBER, ReportFilter(), ONS4_REFERRALS, [], [], measures)
    items = {item.code: item for item in report.ons4}
    # Life satisfaction 4 to 7, 6 to 6, 3 to 5, 5 to 4, 2 to 6: means 4 and 5.6, changes +3, 0, +2, -1, +4.
    life = items["life_satisfaction"]
    assert (life.n, life.baseline_mean, life.latest_mean, life.mean_change) == (5, 4, 5.6, 1.6)
    assert (life.improved, life.no_change, life.worse) == (3, 1, 1)
    # 3 better, 1 the same, 1 worse: counts under 5, so the three are not shown (the change would pin them).
    assert life.shown() == ("5", "4", "5.6", "+1.6", "not shown", "not shown", "not shown")
    assert split_suppressed(report.ons4)  # so the report says why
    assert not split_suppressed([replace(life, improved=5, no_change=5, worse=0, n=10)])
    # Happiness: patient 1's latest answered score is the October review (3 to 4), not the blank discharge one.
    happiness = items["happiness"]
    assert (happiness.n, happiness.baseline_mean, happiness.latest_mean, happiness.mean_change) == (5, 3.8, 4.4, 0.6)
    # Anxiety 8 to 4, 2 to 6, 9 to 7, 5 to 5, 10 to 3: falling is better.
    anxiety = items["anxiety"]
    assert (anxiety.n, anxiety.mean_change, anxiety.improved, anxiety.no_change, anxiety.worse) == (5, -1.8, 3, 1, 1)


def test_ons4_items_of_fewer_than_five_people_keep_no_figures():
    # Three patients, as one practice and one link worker over a month can give: their means would be
    # (4 + 5 + 4) / 3 = 4.33 and (5 + 4 + 5) / 3 = 4.67, with one better, one the same, one worse.
    measures = [
        MeasureRow(1, "baseline", date(2026, 10, 1), ons4(4, 5, 3, None)),
        MeasureRow(1, "review", date(2026, 11, 1), ons4(5, 5, 3, None)),
        MeasureRow(2, "baseline", date(2026, 10, 2), ons4(5, 5, 3, 7)),
        MeasureRow(2, "review", date(2026, 11, 2), ons4(4, 5, 3, None)),
        MeasureRow(5, "baseline", date(2026, 10, 5), ons4(4, 5, 3, None)),
        MeasureRow(5, "review", date(2026, 11, 5), ons4(5, 5, 3, None)),
    ]
    report = build_report(OCTOBER_TO_DECEMBER, ReportFilter(), REFERRALS, [], [], measures)
    items = {item.code: item for item in report.ons4}
    life = items["life_satisfaction"]
    assert life.hidden
    assert (life.n, life.baseline_mean, life.latest_mean, life.mean_change) == (None, None, None, None)
    assert (life.improved, life.no_change, life.worse) == (None, None, None)
    assert life.shown() == ("fewer than 5",) + ("not shown",) * 6
    assert all(items[code].hidden for code in ("worthwhile", "happiness"))
    # Nobody has a later anxiety score: n = 0 is said as it is, with nothing else.
    assert not items["anxiety"].hidden and items["anxiety"].shown() == ("0", "", "", "", "", "", "")


def test_ons4_with_no_pairs_shows_no_means():
    measures = [MeasureRow(1, "baseline", date(2026, 10, 1), ons4(4, 5, 3, 8))]
    report = build_report(OCTOBER_TO_DECEMBER, ReportFilter(), REFERRALS, [], [], measures)
    assert all(item.n == 0 and item.mean_change is None for item in report.ons4)


def equality(patients):
    report = build_report(OCTOBER_TO_DECEMBER, ReportFilter(), REFERRALS, patients, [], [])
    return {breakdown.title: breakdown for breakdown in report.equality}


def test_equality_lists_every_category_and_hides_small_numbers():
    patients = [PatientRecord(1, date(1950, 1, 1), "A", "female", "woman"),
                PatientRecord(2, date(1990, 6, 1), "A", "male", ""),
                PatientRecord(3, date(1990, 6, 1), "H", "female", ""),
                PatientRecord(4, date(1990, 6, 1), "", "female", ""),
                PatientRecord(5, date(2010, 6, 1), "A", "male", "")]
    tables = equality(patients)
    sex = tables["Sex"]
    # Three women and two men: 1 + 4, 2 + 3, 3 + 2 or 4 + 1 make 5, so both may show as "fewer than 5".
    assert [(row.label, row.shown) for row in sex.rows] == [
        ("Female", "fewer than 5"), ("Male", "fewer than 5"), ("Prefer not to say", "0"), ("Not recorded", "0")]
    assert sex.total.shown == "5"  # the number of people referred, published anyway
    ethnic = tables["Ethnic category"]
    assert [row.label for row in ethnic.rows] == [name for _, name in vocabulary.ETHNIC_CATEGORIES] + ["Not recorded"]
    assert {row.label: row.shown for row in ethnic.rows if row.shown != "0"} == {
        "White: British": "fewer than 5", "Asian or Asian British: Indian": "fewer than 5",
        "Not recorded": "fewer than 5"}
    assert [row.label for row in tables["Age at the end of the period"].rows] == [name for _, name in AGE_BANDS]
    # One woman and four not recorded: 1 + 4, 2 + 3 ... so both may show as "fewer than 5".
    assert [(row.label, row.shown) for row in tables["Gender identity"].rows if row.shown != "0"] == [
        ("Woman", "fewer than 5"), ("Not recorded", "fewer than 5")]


def test_equality_that_cannot_be_shown_safely_is_withheld_whole():
    # Three people in three age bands: "fewer than 5" three times with a total of 3 says 1, 1 and 1.
    patients = [PatientRecord(1, date(1950, 1, 1), "A", "female"), PatientRecord(2, date(1990, 6, 1), "B", "female"),
                PatientRecord(3, date(1980, 6, 1), "C", "female")]
    tables = equality(patients)
    for title in ("Age at the end of the period", "Ethnic category"):
        assert [(row.label, row.value, row.shown) for row in tables[title].rows] == [
            ("Fewer than 5 people in some groups", None, "not shown")]
        assert tables[title].total.shown == "3"
    # All three women, none otherwise: one hidden cell of 3.
    assert [row.shown for row in tables["Sex"].rows] == ["not shown"]


def test_equality_with_nobody_referred_is_empty():
    tables = equality([])
    assert all(table.rows == () and table.total.shown == "0" for table in tables.values())


def test_an_unknown_code_is_listed_after_the_categories_offered():
    # A code no longer offered (say from an old import) is shown as it is, after the others.
    referrals = [referral(number, number, date(2026, 10, number)) for number in range(1, 12)]
    patients = [PatientRecord(number, date(1990, 6, 1), "Q9" if number < 6 else "A") for number in range(1, 12)]
    report = build_report(OCTOBER_TO_DECEMBER, ReportFilter(), referrals, patients, [], [])
    ethnic = next(breakdown for breakdown in report.equality if breakdown.title == "Ethnic category")
    assert [(row.label, row.shown) for row in ethnic.rows if row.shown != "0"] == [("White: British", "6"),
                                                                                   ("Q9", "5")]
    assert ethnic.rows[-1].label == "Q9" and ethnic.rows[-2].label == "Not recorded"


def test_age_band_counts_whole_years():
    assert age_band(date(1960, 12, 31), date(2026, 12, 30)) == "65 to 74"
    assert age_band(date(1951, 12, 31), date(2026, 12, 31)) == "75 to 84"
    assert age_band(date(2010, 1, 1), date(2026, 12, 31)) == "Under 18"


def test_no_printed_ons4_row_pins_a_count_from_1_to_4():
    """Brute force over every set of whole-point changes (-10 to +10) of 5 and 6 people: for each row
    as printed (n, the mean change, improved / no change / worse), every set of changes printing the
    same row is listed, and a count from 1 to 4 must never be the same in all of them. (The baseline
    and latest means give nothing more than the mean change does: their difference.)"""
    from itertools import combinations_with_replacement

    for n in (5, 6):
        rows, means_only, withheld = {}, {}, 0
        for changes in combinations_with_replacement(range(-10, 11), n):
            pairs = [(0, change) if change >= 0 else (10, 10 + change) for change in changes]
            shown = item_outcome("life_satisfaction", "Life satisfaction", pairs, True).shown()
            split = (sum(c > 0 for c in changes), sum(c == 0 for c in changes), sum(c < 0 for c in changes))
            rows.setdefault((shown[0], shown[3], *shown[4:]), set()).add(split)
            means_only.setdefault(sum(changes), set()).add(split)
            withheld += shown[4] == "not shown" and not any(0 < count < 5 for count in split)
        for table in (rows, means_only):  # as printed; and n with the mean change alone
            for row, splits in table.items():
                for position in range(3):
                    values = {split[position] for split in splits}
                    assert not (len(values) == 1 and 0 < min(values) < 5), (row, splits)
        assert withheld  # near the extremes the split goes even where every count is 0 or 5 and more


def test_the_split_goes_where_its_absence_would_tell():
    # Six people, five up by ten and one unchanged (+50): "not shown" could only mean (5, 1, 0).
    extreme = item_outcome("happiness", "Happiness", [(0, 10)] * 5 + [(5, 5)], True)
    assert extreme.shown() == ("6", "0.83", "9.17", "+8.33", "not shown", "not shown", "not shown")
    assert change_pins_a_count(6, 50) and not change_pins_a_count(6, 51)  # 51: all six must have improved
    # Twenty people, two unchanged: the split is hidden (a count of 2) but the means stay.
    kept = item_outcome("happiness", "Happiness", [(4, 6)] * 9 + [(6, 5)] * 9 + [(5, 5)] * 2, True)
    assert kept.shown() == ("20", "5", "5.45", "+0.45", "not shown", "not shown", "not shown")
    assert not change_pins_a_count(20, 9)
