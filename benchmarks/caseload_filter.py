"""Caseload with 100,000 synthetic patients: the listing query, and filtering its rows as you type.

Run with `python -m benchmarks.caseload_filter [COUNT]`. Budget (DESIGN.md): filtering 100,000
patients <= 100 ms (the Patients tab filters the listed rows in its proxy model). The listing
query is reported too: it runs once when the tab loads, off the UI thread.
"""

from __future__ import annotations

import random
import statistics
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

from sqlalchemy import insert

from benchmarks import result
from linkdesk.caseload.listing import CaseloadFilter, list_caseload, today_list
from linkdesk.caseload.models import LinkWorker, Patient, Practice, Referral
from linkdesk.caseload.nhs_number import complete
from linkdesk.store import TEST_KDF, create_store

FIRST = ("Aisha", "Margaret", "David", "Zofia", "Ioana", "Hodan", "Delroy", "Wei", "Priya", "Kwame", "Siobhán",
         "Mohammed", "Elena", "Joan", "Omar", "Layla", "Marek", "Sunita", "Errol", "Thanh")
LAST = ("Rahman", "Holloway", "Price", "Wiśniewska", "Popescu", "Warsame", "Campbell", "Chen", "Patel", "Mensah",
        "O'Connor", "Iqbal", "Dumitru", "Turner", "Khalil", "Haddad", "Kowalczyk", "Sharma", "Brown", "Nguyen",
        "Smith", "Jones", "Begum", "Hussain", "Clarke", "Thompson", "Murphy", "Ahmadi", "Farah", "Morgan")
STATUSES = ("received", "contacted", "active", "active", "active", "discharged", "declined", "unable_to_contact")
QUERIES = ["a", "sm", "smith", "rahman aisha", "wisn", "999 12", "9990001", "b30", "b30 2", "jo b3", "zzz"]
ROUNDS = 20


def _nhs_numbers():
    seed = 0
    while True:
        number = complete(f"999{seed:06d}")
        seed += 1
        if number:
            yield number


def load(store, count: int, seed: int = 7) -> None:
    rng = random.Random(seed)
    today = date.today()
    numbers = _nhs_numbers()
    with store.session() as session:
        session.execute(insert(Practice), [{"id": n, "name": f"Practice {n}", "ods_code": f"M8990{n}", "pcn": "PCN"}
                                           for n in range(1, 5)])
        session.execute(insert(LinkWorker), [{"id": n, "name": f"Link worker {n}", "role": "", "phone": "",
                                              "email": "", "organisation": "", "own_profile": False}
                                             for n in range(1, 4)])
        patients, referrals = [], []
        for patient_id in range(1, count + 1):
            postcode = f"B{rng.choice((29, 30, 31, 38))} {rng.randint(0, 9)}{rng.choice('ABDEFHJLNPQRSTUWXYZ')}" \
                       f"{rng.choice('ABDEFHJLNPQRSTUWXYZ')}"
            patients.append({
                "id": patient_id, "first_name": rng.choice(FIRST), "last_name": rng.choice(LAST),
                "preferred_name": "", "date_of_birth": date(1930, 1, 1) + timedelta(days=rng.randint(0, 30000)),
                "nhs_number": next(numbers) if rng.random() < 0.9 else None, "postcode": postcode,
                "practice_id": rng.randint(1, 4),
            })
            for _ in range(rng.choice((0, 1, 1, 1, 2))):
                received = today - timedelta(days=rng.randint(0, 700))
                status = rng.choice(STATUSES)
                referrals.append({
                    "patient_id": patient_id, "received_on": received, "source": "gp", "status": status,
                    "status_changed_on": received, "link_worker_id": rng.randint(1, 3),
                    "next_contact_due": received + timedelta(days=rng.randint(5, 60))
                    if status in ("contacted", "active") else None,
                })
        session.execute(insert(Patient), patients)
        session.execute(insert(Referral), referrals)


def _time(function, rounds: int) -> tuple[float, float]:
    samples = []
    for _ in range(rounds):
        start = time.perf_counter()
        function()
        samples.append((time.perf_counter() - start) * 1000)
    ordered = sorted(samples)
    return statistics.median(ordered), ordered[max(0, int(len(ordered) * 0.95) - 1)]


def main(count: int = 100_000) -> None:
    with tempfile.TemporaryDirectory() as folder:
        store = create_store(Path(folder) / "store", "benchmark passphrase", kdf=TEST_KDF)
        try:
            start = time.perf_counter()
            load(store, count)
            print(f"caseload: {count} patients loaded in {time.perf_counter() - start:.1f} s")
            rows = list_caseload(store)
            list_p50, list_p95 = _time(lambda: list_caseload(store), 5)
            print(f"list_caseload: {len(rows)} rows, p50 {list_p50:.0f} ms, p95 {list_p95:.0f} ms")
            today_p50, _ = _time(lambda: today_list(store), 5)
            print(f"today_list: {len(today_list(store))} items, p50 {today_p50:.0f} ms")
            index_p50, _ = _time(lambda: CaseloadFilter(rows), 5)
            print(f"building the filter (once per load): p50 {index_p50:.1f} ms")
            caseload = CaseloadFilter(rows)

            def scan(query, **filters):
                caseload.forget()  # every row scanned: the slowest case, a pasted or first query
                return caseload.matching(query, **filters)

            worst = 0.0
            print(f"{'filter (every row)':<24}{'p50':>9}{'p95':>9}  rows")
            for query in QUERIES:
                p50, p95 = _time(lambda: scan(query), ROUNDS)
                worst = max(worst, p95)
                print(f"{query!r:<24}{p50:>7.1f}ms{p95:>7.1f}ms  {len(scan(query))}")
            p50, p95 = _time(lambda: scan("b3", status="active", practice_id=2), ROUNDS)
            worst = max(worst, p95)
            shown = len(scan("b3", status="active", practice_id=2))
            print(f"{'b3 + status + practice':<24}{p50:>7.1f}ms{p95:>7.1f}ms  {shown}")
            # As typed: one keystroke at a time, each answered by the same filter object.
            keystrokes = []
            for query in QUERIES:
                typing = CaseloadFilter(rows)
                for length in range(1, len(query) + 1):
                    start = time.perf_counter()
                    typing.matching(query[:length])
                    keystrokes.append((time.perf_counter() - start) * 1000)
            keystrokes.sort()
            typed_p95 = keystrokes[int(len(keystrokes) * 0.95) - 1]
            print(f"as typed: {len(keystrokes)} keystrokes, p50 {statistics.median(keystrokes):.1f} ms, "
                  f"p95 {typed_p95:.1f} ms, max {keystrokes[-1]:.1f} ms")
        finally:
            store.close()
    result(f"caseload filter over every row, {count} patients (worst p95)", f"{worst:.1f} ms", "<= 100 ms",
           worst <= 100)
    result(f"caseload filter as typed, {count} patients (p95)", f"{typed_p95:.1f} ms", "<= 100 ms", typed_p95 <= 100)
    result(f"caseload listing query, {count} patients (p50)", f"{list_p50:.0f} ms", "once per load", None)


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 100_000)
