"""The numbers of a report, computed from plain records: pure, so each rule is tested on a known answer.

Which referrals count: those received in the period that match the filters. Caseload size
counts every matching referral open at each month end, whenever it was received. Activities
count when first agreed (signposted, referred or attending) within the period, for patients
with a matching referral. Wellbeing change pairs each patient's baseline with their latest
later score for the same item; a patient with only one of the two is left out of that item.
An item with 1 to 4 such patients says only "fewer than 5": its means would be their answers.
"""

from __future__ import annotations

import calendar
import statistics
from collections import Counter
from dataclasses import dataclass
from datetime import date

from linkdesk.caseload import vocabulary
from linkdesk.caseload.referral_rules import (
    ACTIVE, DECLINED, OPEN_STATUSES, RECEIVED, UNABLE_TO_CONTACT,
)
from linkdesk.plans.outcomes import BASELINE, ONS4

from .records import ActivityRecord, MeasureRow, PatientRecord, Period, ReferralRecord, ReportFilter
from .suppression import FEWER_THAN, NOT_SHOWN, THRESHOLD, Count, suppress

TOP_SERVICES = 10
NO_PRACTICE = "No practice recorded"
NOT_IN_DIRECTORY = "Not in the directory"
NOT_RECORDED = "Not recorded"
EQUALITY_INTRO = ("People referred in the period, as recorded. Counts from 1 to 4 are shown as "
                  "\"fewer than 5\", and another count is hidden where it would reveal one; a breakdown where "
                  "even that would not be enough is not shown at all.")
EQUALITY_NOTE = "Counts from 1 to 4 are not shown, nor any count that would reveal one."
ONS4_NOTE = (f"Where fewer than {THRESHOLD} people have both scores for an item, its figures are not shown: "
             "they would be those people's own answers.")
ONS4_SPLIT_NOTE = ("Improved, no change and worse are shown only when none of them is from 1 to 4, and not at all "
                   "where the mean change is so near its limits that \"not shown\" would give one away.")


def split_suppressed(items) -> bool:
    """Whether any shown item's improved / no change / worse hides a count (so the note is needed)."""
    return any(item.split_shown[0] == NOT_SHOWN for item in items if item.n)


@dataclass(frozen=True)
class Breakdown:
    title: str
    rows: tuple[Count, ...]
    total: Count | None = None
    note: str = ""


@dataclass(frozen=True)
class Median:
    label: str
    value: float | None  # None when there is nothing to take the median of
    n: int
    unit: str

    @property
    def hidden(self) -> bool:
        """A median of 1 to 4 people is one of their own figures, so it is not shown."""
        return 0 < self.n < THRESHOLD

    @property
    def shown(self) -> str:
        if self.hidden:
            return f"{NOT_SHOWN} (n = {self.n})"  # n counts referrals or patients, printed in full elsewhere
        if self.value is None:
            return "no data"
        number = f"{self.value:g}"
        return f"{number} {self.unit} (n = {self.n})"


@dataclass(frozen=True)
class CaseloadPoint:
    on: date
    open_referrals: int


@dataclass(frozen=True)
class ItemOutcome:
    """One ONS4 item; with 1 to 4 patients only that is kept (n and every figure are None)."""

    code: str
    label: str
    n: int | None  # patients with both a baseline and a later score for this item
    baseline_mean: float | None
    latest_mean: float | None
    mean_change: float | None  # latest minus baseline, over the same n patients
    improved: int | None
    no_change: int | None
    worse: int | None
    higher_is_better: bool

    @property
    def hidden(self) -> bool:
        return self.n is None

    def shown(self) -> tuple[str, ...]:
        """n, baseline mean, latest mean, change, improved, no change and worse, as every output says them."""
        if self.n is None:
            return (FEWER_THAN,) + (NOT_SHOWN,) * 6
        if self.n == 0:
            return ("0",) + ("",) * 6
        return (str(self.n), f"{self.baseline_mean:g}", f"{self.latest_mean:g}", f"{self.mean_change:+g}",
                *self.split_shown)

    @property
    def split_shown(self) -> tuple[str, str, str]:
        """Improved, no change and worse, shown only when none of them is 1 to 4.

        Hiding one small cell is not enough here: n times the mean change is the sum of
        everyone's change in whole points, and with the other cells that can pin a hidden
        count (one up by a point and four unchanged sum to 1). So the three go together.
        """
        if self.n is None or self.n == 0:
            return (NOT_SHOWN,) * 3 if self.n is None else ("", "", "")
        counts = (self.improved, self.no_change, self.worse)
        if None in counts:
            return (NOT_SHOWN,) * 3
        if any(0 < count < THRESHOLD for count in counts):
            return (NOT_SHOWN,) * 3
        return tuple(str(count) for count in counts)


@dataclass(frozen=True)
class Report:
    period: Period
    filters: ReportFilter
    referrals_received: int
    by_source: Breakdown
    by_practice: Breakdown
    by_need: Breakdown
    outcomes: Breakdown
    first_contact: Median
    contacts_per_patient: Median
    caseload: tuple[CaseloadPoint, ...]
    activities_by_category: Breakdown
    top_services: Breakdown
    routes: Breakdown
    people_attending: int
    ons4: tuple[ItemOutcome, ...]
    equality: tuple[Breakdown, ...]
    stories: tuple = ()  # stories.PublishedStory, added by gather (they come with consent checks)


def _plain(title: str, counter: Counter, order: list[str] | None = None, note: str = "",
           total: bool = True) -> Breakdown:
    labels = order if order is not None else sorted(counter, key=lambda label: (-counter[label], label))
    rows = tuple(Count.plain(label, counter.get(label, 0)) for label in labels)
    return Breakdown(title, rows, Count.plain("Total", sum(counter.values())) if total else None, note)


def status_on(referral: ReferralRecord, day: date) -> str | None:
    """The referral's status at the end of `day`, or None if it had not been received yet."""
    if referral.received_on > day:
        return None
    status = RECEIVED
    for changed_on, to_status in referral.changes:
        if changed_on <= day:
            status = to_status
    return status


def month_ends(period: Period) -> list[date]:
    """Each month end within the period, and the period's last day if it ends mid-month."""
    ends = []
    year, month = period.start.year, period.start.month
    while True:
        end = date(year, month, calendar.monthrange(year, month)[1])
        if end > period.end:
            break
        ends.append(end)
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    if not ends or ends[-1] != period.end:
        ends.append(period.end)
    return ends


def _median(label: str, values: list[float], unit: str) -> Median:
    """The median, kept only when at least THRESHOLD people make it (fewer: one of theirs)."""
    shown = len(values) >= THRESHOLD
    return Median(label, statistics.median(values) if shown else None, len(values), unit)


def referral_statistics(received: list[ReferralRecord]) -> dict:
    sources = Counter(vocabulary.label(vocabulary.REFERRAL_SOURCES, r.source) for r in received)
    practices = Counter(r.practice or NO_PRACTICE for r in received)
    needs = Counter(vocabulary.label(vocabulary.NEEDS, code) for r in received for code in r.needs)
    ever_active = sum(1 for r in received if r.status == ACTIVE or any(s == ACTIVE for _, s in r.changes))
    outcomes = Counter({
        "Accepted": ever_active,
        "Declined": sum(r.status == DECLINED for r in received),
        "Unable to contact": sum(r.status == UNABLE_TO_CONTACT for r in received),
        "Not yet decided": sum(r.status in OPEN_STATUSES and r.status != ACTIVE
                               and not any(s == ACTIVE for _, s in r.changes) for r in received),
    })
    waits = [(min(r.contact_days) - r.received_on).days for r in received if r.contact_days]
    contacts: Counter = Counter()
    for r in received:
        contacts[r.patient_id] += len(r.contact_days)
    return {
        "by_source": _plain("Referrals by source", sources),
        "by_practice": _plain("Referrals by practice", practices),
        "by_need": _plain("Referrals by need", needs,
                          note="A referral may name several needs, so these add up to more than the referrals."),
        "outcomes": _plain("What happened to the referrals", outcomes,
                           order=["Accepted", "Declined", "Unable to contact", "Not yet decided"],
                           note="Accepted: became active at some point (including those since discharged)."),
        "first_contact": _median("Days from referral to first contact", waits, "days"),
        "contacts_per_patient": _median("Contacts per patient", list(contacts.values()), "contacts"),
    }


def caseload_over_time(period: Period, referrals: list[ReferralRecord]) -> tuple[CaseloadPoint, ...]:
    return tuple(CaseloadPoint(day, sum(status_on(r, day) in OPEN_STATUSES for r in referrals))
                 for day in month_ends(period))


def activity_statistics(period: Period, activities: list[ActivityRecord]) -> dict:
    agreed = [a for a in activities if a.agreed_on in period]
    categories = Counter(label for a in agreed for label in (a.categories or (NOT_IN_DIRECTORY,)))
    services = Counter(a.service_name for a in agreed)
    top = Counter(dict(sorted(services.items(), key=lambda item: (-item[1], item[0]))[:TOP_SERVICES]))
    routes = Counter({
        "Referred to the provider": sum(a.referred_on is not None for a in agreed),
        "Signposted (details given)": sum(a.referred_on is None and a.signposted_on is not None for a in agreed),
        "Started attending without either": sum(a.referred_on is None and a.signposted_on is None for a in agreed),
    })
    attending = Counter({"Started attending": sum(a.attending_from is not None for a in agreed)})
    return {
        "activities_by_category": _plain("Agreed activities by category", categories,
                                         note="An activity in several categories counts in each."),
        "top_services": _plain(f"Most-used services (top {TOP_SERVICES})", top, total=False),
        "routes": Breakdown("Signposted or referred", _plain("", routes, order=list(routes)).rows
                            + _plain("", attending).rows, Count.plain("Agreed activities", len(agreed)),
                            "Referred counts an activity the link worker referred, even if first signposted."),
        "people_attending": len({a.patient_id for a in agreed if a.attending_from is not None}),
    }


def _mean(values: list[int]) -> float | None:
    return round(statistics.fmean(values), 2) if values else None


def ons4_change(period: Period, measures: list[MeasureRow]) -> tuple[ItemOutcome, ...]:
    """Per ONS4 item: each patient's first baseline against their latest later score taken in the period."""
    by_patient: dict[int, list[MeasureRow]] = {}
    for row in sorted(measures, key=lambda row: row.recorded_on):
        by_patient.setdefault(row.patient_id, []).append(row)
    outcomes = []
    for item in ONS4.items:
        pairs = []
        for rows in by_patient.values():
            baselines = [row for row in rows if row.occasion == BASELINE and row.scores.get(item.code) is not None]
            if not baselines:
                continue
            first = baselines[0]
            later = [row for row in rows if row.occasion != BASELINE and row.recorded_on >= first.recorded_on
                     and row.recorded_on in period and row.scores.get(item.code) is not None]
            if later:
                pairs.append((first.scores[item.code], later[-1].scores[item.code]))
        if 0 < len(pairs) < THRESHOLD:
            outcomes.append(ItemOutcome(item.code, item.label, None, None, None, None, None, None, None,
                                        item.higher_is_better))
            continue
        outcomes.append(item_outcome(item.code, item.label, pairs, item.higher_is_better))
    return tuple(outcomes)


def item_outcome(code: str, label: str, pairs: list[tuple[int, int]], higher_is_better: bool,
                 largest_step: int = 10) -> ItemOutcome:
    """One item over 5 or more (baseline, latest) pairs.

    Improved / no change / worse are kept only where their "not shown" could not pin a count
    (see change_pins_a_count): that depends on n and the sum of changes alone, both printed, so
    dropping them tells a reader nothing new. `split_shown` then hides them when any is 1 to 4.
    """
    changes = [after - before for before, after in pairs]
    better = [change if higher_is_better else -change for change in changes]
    counts = (sum(c > 0 for c in better), sum(c == 0 for c in better), sum(c < 0 for c in better))
    if change_pins_a_count(len(pairs), sum(better), largest_step):
        counts = (None, None, None)
    return ItemOutcome(code, label, len(pairs), _mean([b for b, _ in pairs]), _mean([a for _, a in pairs]),
                       _mean(changes), *counts, higher_is_better)


def change_pins_a_count(n: int, total_better: int, largest_step: int = 10) -> bool:
    """Whether "not shown" for improved / no change / worse, beside n and the mean change, would fix a count.

    A reader who sees "not shown" would know one of the three is from 1 to 4; n times the mean
    change is the sum of everyone's change in whole points (each 1 to `largest_step` either way).
    Every split with a count from 1 to 4 that could give that sum is listed; if they all agree on
    a count from 1 to 4 (only at sums near the extremes), the split is never shown for that sum.
    n and the mean change alone never pin a count (tests/reports/test_statistics.py checks it).
    """
    possible = [(up, n - up - down, down) for up in range(n + 1) for down in range(n + 1 - up)
                if any(0 < count < THRESHOLD for count in (up, n - up - down, down))
                and up - largest_step * down <= total_better <= largest_step * up - down]
    return bool(possible) and any(
        len({split[position] for split in possible}) == 1 and 0 < possible[0][position] < THRESHOLD
        for position in range(3))


AGE_BANDS = ((0, "Under 18"), (18, "18 to 24"), (25, "25 to 34"), (35, "35 to 44"), (45, "45 to 54"),
             (55, "55 to 64"), (65, "65 to 74"), (75, "75 to 84"), (85, "85 and over"))


def age_band(born: date, on: date) -> str:
    age = on.year - born.year - ((on.month, on.day) < (born.month, born.day))
    return [name for lowest, name in AGE_BANDS if age >= lowest][-1]


def _equality(title: str, counter: Counter, order: list[str]) -> Breakdown:
    """Every category, zeros included (so what is listed never depends on who was referred), suppressed."""
    if not counter:
        return Breakdown(title, (), Count.plain("Total", 0), EQUALITY_NOTE)
    labels = order + sorted(label for label in counter if label not in order)  # codes no longer offered
    rows, total = suppress([(label, counter[label]) for label in labels])
    return Breakdown(title, rows, total, EQUALITY_NOTE)


def _recorded(title: str, values: list[str], choices) -> Breakdown:
    counter = Counter(vocabulary.label(choices, value) if value else NOT_RECORDED for value in values)
    return _equality(title, counter, [name for _, name in choices] + [NOT_RECORDED])


def equality_statistics(period: Period, patients: list[PatientRecord]) -> tuple[Breakdown, ...]:
    bands = Counter(age_band(p.date_of_birth, period.end) for p in patients)
    return (
        _equality("Age at the end of the period", bands, [name for _, name in AGE_BANDS]),
        _recorded("Ethnic category", [p.ethnic_category for p in patients], vocabulary.ETHNIC_CATEGORIES),
        _recorded("Sex", [p.sex for p in patients], vocabulary.SEXES),
        _recorded("Gender identity", [p.gender_identity for p in patients], vocabulary.GENDER_IDENTITIES),
    )


def build_report(period: Period, filters: ReportFilter, referrals: list[ReferralRecord],
                 patients: list[PatientRecord], activities: list[ActivityRecord],
                 measures: list[MeasureRow]) -> Report:
    """The whole report; `referrals` may include any (they are filtered here), the rest any patient's."""
    matching = [r for r in referrals if filters.matches(r)]
    received = [r for r in matching if r.received_on in period]
    in_scope = {r.patient_id for r in matching}
    referred = {r.patient_id for r in received}
    figures = referral_statistics(received)
    figures.update(activity_statistics(period, [a for a in activities if a.patient_id in in_scope]))
    return Report(
        period=period, filters=filters, referrals_received=len(received),
        caseload=caseload_over_time(period, matching),
        ons4=ons4_change(period, [m for m in measures if m.patient_id in in_scope]),
        equality=equality_statistics(period, [p for p in patients if p.id in referred]),
        **figures,
    )
