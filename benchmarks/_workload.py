"""The whole-app workload: one store with 50,000 services and 10,000 patients, for the unlock, memory and stall scripts.

Built once, in a child process (so the build's own memory never counts), and cached in
benchmarks/results/ (ignored by git; delete the folder to rebuild); the folder name carries
the schema revision, so a new migration means a new build rather than a migration timed as
an unlock. Dates are relative to the day of the build. Every run works on a fresh copy in a
temporary folder, so its unlocks, audit rows and the daily automatic backup never change the
cached store.

What is in it:
- 50,000 synthetic ORUK services (linkdesk.directory.generator), imported as the app does;
- 10,000 patients with referrals from `benchmarks.caseload_filter.load`, each referral given
  needs and the status changes and contacts its status implies (up to six); its dates are spread
  over two years, so about 5,900 referrals are due or overdue: a far longer Today list than a
  real caseload's;
- a plan for about half the patients, shaped like the demo's (linkdesk/plans/demo.py): one or two
  goals with steps, one to three activities at real directory services, ONS4 baseline and
  sometimes a review, and for two plans in three an agreed version;
- 300 patient stories, and 100,000 audit events spread over the last 12 months (what a team
  opening about 400 records a working day leaves behind in a year).
"""

from __future__ import annotations

import json
import random
import shutil
import subprocess
import sys
import tempfile
import time
from contextlib import contextmanager
from datetime import date, datetime, timedelta
from pathlib import Path
from types import SimpleNamespace

from sqlalchemy import insert, select, update

CACHE = Path(__file__).resolve().parent / "results"
PASSPHRASE = "benchmark passphrase"
SERVICES = 50_000
PATIENTS = 10_000
AUDIT_EVENTS = 100_000
STORIES = 300


def cached_store(services: int = SERVICES, patients: int = PATIENTS) -> Path:
    """The cached store's folder, built first (in a child process) if there is none yet."""
    from linkdesk.store import migrate

    folder = CACHE / f"workload-{services}-{patients}-{migrate.head_revision()}"
    if not (folder / "linkdesk.db").exists():
        started = time.perf_counter()
        print(f"building the workload store ({services} services, {patients} patients) in {folder.name}…", flush=True)
        subprocess.run([sys.executable, "-m", "benchmarks._workload", "--build", str(folder), str(services),
                        str(patients)], check=True)
        print(f"built in {time.perf_counter() - started:.0f} s", flush=True)
    return folder


@contextmanager
def fresh_copy(services: int = SERVICES, patients: int = PATIENTS):
    """A temporary copy of the cached store (database and key header only, so no backups yet)."""
    source = cached_store(services, patients)
    with tempfile.TemporaryDirectory(prefix="linkdesk-bench-") as temporary:
        folder = Path(temporary) / "store"
        folder.mkdir()
        for name in ("linkdesk.db", "linkdesk.key"):
            shutil.copy2(source / name, folder / name)
        yield folder


# -- building ----------------------------------------------------------------------------------


def build(folder: Path, services: int, patients: int) -> None:
    from benchmarks.caseload_filter import load
    from linkdesk.directory.generator import synthetic_services
    from linkdesk.directory.oruk_import import import_records
    from linkdesk.store import TEST_KDF, create_store

    partial = folder.with_name(folder.name + ".partial")
    shutil.rmtree(partial, ignore_errors=True)
    store = create_store(partial, PASSPHRASE, kdf=TEST_KDF)
    try:
        started = time.perf_counter()
        import_records(store, list(synthetic_services(services)), "benchmark")
        print(f"  {services} services imported in {time.perf_counter() - started:.0f} s", flush=True)
        started = time.perf_counter()
        load(store, patients)
        add_casework(store)
        print(f"  {patients} patients with referrals, contacts and plans in {time.perf_counter() - started:.0f} s",
              flush=True)
    finally:
        store.close()
    shutil.rmtree(folder, ignore_errors=True)
    partial.rename(folder)


def add_casework(store, seed: int = 11) -> None:
    """Needs, status changes and contacts for every referral; plans, stories and a year of audit log."""
    from linkdesk.caseload.demo import NEEDS, NOTES, SOURCES
    from linkdesk.caseload.models import PatientContact, Referral, StatusChange, join_codes
    from linkdesk.directory.models import ServiceIndex
    from linkdesk.plans.demo import ACTIVITY_PATHS, BARRIERS, GOALS, STOP_REASONS, STRENGTHS, WHAT_MATTERS, \
        _baseline, _review, follow_path
    from linkdesk.plans.history import AGREED, snapshot_of
    from linkdesk.plans.measures import ensure_ons4
    from linkdesk.plans.models import AgreedActivity, Goal, GoalStep, MeasureRecord, Plan, PlanVersion
    from linkdesk.plans.statuses import ACHIEVED, IN_PROGRESS, NOT_STARTED, SUGGESTED
    from linkdesk.reports.models import ANONYMOUS, FIRST_NAME, PatientStory
    from linkdesk.store.audit import AuditEvent
    from linkdesk.store.base import utc_now

    rng = random.Random(seed)
    today = date.today()
    with store.session() as session:
        referrals = session.execute(select(Referral.id, Referral.patient_id, Referral.received_on, Referral.status,
                                           Referral.next_contact_due).order_by(Referral.id)).all()
        session.execute(update(Referral), [
            {"id": referral_id, "needs": join_codes(rng.choice(NEEDS)), "source": rng.choice(SOURCES),
             "referrer": rng.choice(("Dr A Khan", "Nurse B Lewis", ""))}
            for referral_id, *_ in referrals])
        changes, contacts = [], []
        path_of = {"received": ["received"], "contacted": ["received", "contacted"],
                   "active": ["received", "contacted", "active"],
                   "discharged": ["received", "contacted", "active", "discharged"],
                   "declined": ["received", "contacted", "declined"],
                   "unable_to_contact": ["received", "unable_to_contact"]}
        in_work: dict[int, date] = {}  # patient id -> when their referral went active (plans start then)
        for referral_id, patient_id, received, status, next_due in referrals:
            day, previous = received, None
            for step in path_of[status]:
                changes.append({"referral_id": referral_id, "changed_on": day, "from_status": previous,
                                "to_status": step, "discharge_reason": "goals_met" if step == "discharged" else None,
                                "note": ""})
                if step == "active":
                    in_work[patient_id] = day
                previous = step
                day = min(today, day + timedelta(days=rng.randint(2, 20)))
            count = {"received": 0, "contacted": 1, "declined": 1, "unable_to_contact": 2}.get(status,
                                                                                              rng.randint(2, 6))
            moment = datetime.combine(received, datetime.min.time()) + timedelta(hours=9)
            for number in range(count):
                moment = min(moment + timedelta(days=rng.randint(2, 14), minutes=rng.randint(0, 400)),
                             datetime.combine(today, datetime.min.time()) + timedelta(hours=9))
                dna = status == "unable_to_contact" or rng.random() < 0.08
                contacts.append({
                    "referral_id": referral_id, "at": moment, "kind": rng.choice(("phone", "surgery", "home_visit",
                                                                                   "group", "video")),
                    "duration_minutes": None if dna else rng.choice((15, 20, 30, 45, 60)),
                    "notes": "No answer; left a voicemail." if dna else rng.choice(NOTES),
                    "next_step": "" if dna else "Call back after the first session.", "did_not_attend": dna,
                    "next_contact_due": next_due if number == count - 1 else None,
                })
        session.execute(insert(StatusChange), changes)
        session.execute(insert(PatientContact), contacts)

        ons4 = ensure_ons4(session)
        pool = session.execute(select(ServiceIndex.service_id, ServiceIndex.name, ServiceIndex.organisation)
                               .where(ServiceIndex.archived.is_(False))).all()
        chosen = [pool[index] for index in rng.sample(range(len(pool)), min(3000, len(pool)))]
        plans, measures, versions = [], [], []
        patient_ids = sorted(session.scalars(select(Referral.patient_id).distinct()))
        goal_id = step_id = activity_id = 0
        for number, patient_id in enumerate(patient_ids):
            if patient_id not in in_work and rng.random() < 0.8:
                continue  # no plan before the work starts, mostly
            started = in_work.get(patient_id, today - timedelta(days=rng.randint(5, 300)))
            plan = SimpleNamespace(
                id=len(plans) + 1, patient_id=patient_id, what_matters=rng.choice(WHAT_MATTERS),
                strengths=", ".join(rng.sample(STRENGTHS, 2)),
                next_review_on=today + timedelta(days=rng.randint(-10, 40)),
                preferred_days="TU,TH" if number % 3 == 0 else "", preferred_times="morning" if number % 3 == 0 else "",
                goals=[], activities=[],
                **{f"barrier_{key}": "" for key in ("transport", "cost", "confidence", "company", "other")})
            for key in rng.sample(sorted(BARRIERS), rng.randint(0, 2)):
                setattr(plan, f"barrier_{key}", BARRIERS[key])
            for position, (description, goal_steps) in enumerate(rng.sample(GOALS, rng.randint(1, 2))):
                goal_id += 1
                goal = SimpleNamespace(id=goal_id, plan_id=plan.id, position=position, description=description,
                                       target_on=started + timedelta(days=30 + 7 * position),
                                       status=rng.choice((NOT_STARTED, IN_PROGRESS, IN_PROGRESS, ACHIEVED)), steps=[])
                for index, (what, who) in enumerate(goal_steps):
                    step_id += 1
                    goal.steps.append(SimpleNamespace(id=step_id, goal_id=goal_id, position=index, what=what, who=who,
                                                      by_when=started + timedelta(days=7 * (index + 1)),
                                                      done=goal.status == ACHIEVED))
                plan.goals.append(goal)
            for index, (service_id, name, organisation) in enumerate(rng.sample(chosen, rng.randint(1, 3))):
                activity_id += 1
                activity = SimpleNamespace(id=activity_id, plan_id=plan.id, service_id=service_id, service_name=name,
                                           organisation=organisation or "", status=SUGGESTED, status_on=started,
                                           signposted_on=None, referred_on=None, attending_from=None, ended_on=None,
                                           reason="", notes="")
                path = rng.choice(ACTIVITY_PATHS)
                follow_path(activity, path, [min(today, started + timedelta(days=3 + 10 * step))
                                             for step in range(len(path))], rng.choice(STOP_REASONS))
                plan.activities.append(activity)
            plans.append(plan)
            baseline = _baseline(rng)
            measures.append({"patient_id": patient_id, "definition_id": ons4.id, "occasion": "baseline",
                             "recorded_on": started, "scores_json": json.dumps(baseline)})
            if rng.random() < 0.5:
                measures.append({"patient_id": patient_id, "definition_id": ons4.id, "occasion": "review",
                                 "recorded_on": min(today, started + timedelta(days=60)),
                                 "scores_json": json.dumps(_review(rng, baseline))})
            if rng.random() < 0.67:
                versions.append({"plan_id": plan.id, "number": 1, "kind": AGREED, "by": "benchmark",
                                 "at": datetime.combine(min(today, started + timedelta(days=7)), datetime.min.time()),
                                 "snapshot_json": json.dumps(snapshot_of(plan), ensure_ascii=False)})
        columns = ("id", "patient_id", "what_matters", "strengths", "next_review_on", "preferred_days",
                   "preferred_times", "barrier_transport", "barrier_cost", "barrier_confidence", "barrier_company",
                   "barrier_other")
        session.execute(insert(Plan), [{column: getattr(plan, column) for column in columns} for plan in plans])
        all_goals = [goal for plan in plans for goal in plan.goals]
        session.execute(insert(Goal), [{key: getattr(goal, key) for key in ("id", "plan_id", "position", "description",
                                                                             "target_on", "status")}
                                       for goal in all_goals])
        session.execute(insert(GoalStep), [{key: getattr(step, key) for key in ("id", "goal_id", "position", "what",
                                                                                 "who", "by_when", "done")}
                                           for goal in all_goals for step in goal.steps])
        session.execute(insert(AgreedActivity), [
            {key: getattr(activity, key) for key in ("id", "plan_id", "service_id", "service_name", "organisation",
                                                     "status", "status_on", "signposted_on", "referred_on",
                                                     "attending_from", "ended_on", "reason", "notes")}
            for plan in plans for activity in plan.activities])
        session.execute(insert(MeasureRecord), measures)
        if versions:
            session.execute(insert(PlanVersion), versions)

        told = rng.sample(patient_ids, min(STORIES, len(patient_ids)))
        session.execute(insert(PatientStory), [
            {"patient_id": patient_id, "told_on": today - timedelta(days=rng.randint(1, 360)),
             "text": "The walking group gets me out on a Tuesday. I have people to talk to now, not just the telly.",
             "consent_to_publish": index % 3 != 0, "consent_on": today - timedelta(days=rng.randint(1, 360))
             if index % 3 != 0 else None, "naming": FIRST_NAME if index % 2 else ANONYMOUS}
            for index, patient_id in enumerate(told)])

        now = utc_now()
        actors = [f"linkworker{n}" for n in range(1, 11)]
        events = []
        for _ in range(AUDIT_EVENTS):
            action = rng.choices(("view", "update", "create", "print", "export"), (80, 12, 4, 3, 1))[0]
            entity = "report" if action == "export" else rng.choice(("patient", "patient", "plan", "referral"))
            events.append({"at": now - timedelta(seconds=rng.randint(60, 365 * 86400)), "actor": rng.choice(actors),
                           "action": action, "entity": entity,
                           "entity_id": None if entity == "report" else str(rng.choice(patient_ids)),
                           "detail": "fields: phone, postcode" if action == "update" else ""})
        session.execute(insert(AuditEvent), events)
    print(f"  {len(contacts)} contacts, {len(plans)} plans, {sum(len(plan.activities) for plan in plans)} activities, "
          f"{AUDIT_EVENTS} audit events", flush=True)


if __name__ == "__main__":
    if sys.argv[1:2] == ["--build"]:
        build(Path(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4]))
    else:
        print(cached_store(*(int(arg) for arg in sys.argv[1:3])))
