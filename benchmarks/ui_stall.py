"""UI thread stalls during a scripted session on 50,000 services and 10,000 patients.

Run with `python -m benchmarks.ui_stall`. Budget (DESIGN.md): no stall over 100 ms on the UI thread.
A 5 ms heartbeat timer runs on the UI thread of the real main window (offscreen platform, the
app's own thread pool) and the longest gap between its ticks is the longest stall. The session is
driven from the event loop, as a person would use the app: unlock (on a fresh copy of the workload
store, so the day's automatic backup runs too), show each tab, type in the Directory search key by
key, type a caseload search, open ten patients, open ten plans, open Tools > Audit log (then a year
of it, and a filter typed), run a report for the last 12 months, switch tabs back and forth, lock.
Typing is one key every 150 ms, so each key gets its own search through the tabs' debounce timers;
each operation ends with a pause, so work it leaves for later counts against it.

Each operation's longest stall is shown with the longest garbage collection during it: a full
collection holds the GIL, so one started by a worker thread stalls the UI thread as well.

The offscreen platform draws into memory and never waits for a screen, so stalls on a real
display are somewhat longer. `--profile` profiles the UI thread during each operation (which slows
it, so its stall figures are not the benchmark's) and, for any operation over the budget, prints
where the UI thread's Python time went and what every thread was doing while the heartbeat was late.
"""

from __future__ import annotations

import cProfile
import gc
import io
import pstats
import sys
import threading
import time
import traceback
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date, timedelta

from benchmarks import result
from benchmarks._app import application, main_window, memory_mb
from benchmarks._workload import PASSPHRASE, PATIENTS, SERVICES, fresh_copy

from PySide6.QtCore import QEventLoop, Qt, QTimer  # noqa: E402  (after _app set the platform)
from PySide6.QtTest import QTest  # noqa: E402

BUDGET_MS = 100
WAIT_LIMIT_S = 300  # no step waits longer: a session that cannot go on fails instead of hanging
TICK_MS = 5
KEY_MS = 150  # one key every 150 ms: each gets its own search (the debounce timers are 20-30 ms)
DIRECTORY_QUERIES = ["walking group", "chair yoga b30", "coffee morning"]
CASELOAD_QUERY = "smith"


class Heartbeat:
    """A precise timer on the UI thread; every tick's time is kept, so any gap can be placed afterwards."""

    def __init__(self):
        self.ticks: list[float] = []
        self.timer = QTimer()
        self.timer.setTimerType(Qt.TimerType.PreciseTimer)
        self.timer.setInterval(TICK_MS)
        self.timer.timeout.connect(lambda: self.ticks.append(time.perf_counter()))

    def start(self) -> None:
        self.ticks.append(time.perf_counter())
        self.timer.start()

    def longest_gap(self, start: float, end: float) -> float:
        """The longest gap between ticks ending in (start, end], in ms.

        A gap belongs to the operation it ends in: one that spans an operation's start was caused
        by that operation's first step (both run in the same callback); every operation ends with
        a pause, so its own stalls end before it does.
        """
        ticks = self.ticks
        return max(((later - earlier) * 1000 for earlier, later in zip(ticks, ticks[1:])
                    if start < later <= end), default=0.0)


class Collections:
    """Python's garbage collections (any thread), timed: a full one holds the GIL, so it stalls the UI thread too."""

    def __init__(self):
        self.spans: list[tuple[float, float, int]] = []
        self._started = 0.0
        gc.callbacks.append(self._callback)

    def _callback(self, phase: str, info: dict) -> None:
        if phase == "start":
            self._started = time.perf_counter()
        else:
            self.spans.append((self._started, time.perf_counter(), info["generation"]))

    def longest(self, start: float, end: float) -> float:
        """The longest collection overlapping [start, end], in ms."""
        return max(((stop - begin) * 1000 for begin, stop, _ in self.spans if stop > start and begin < end),
                   default=0.0)


class Session:
    """Runs a generator of steps from the event loop: each step yields a pause (ms) or a condition to wait for."""

    def __init__(self, steps: Iterator):
        self.steps = steps
        self.loop = QEventLoop()
        self.poll = QTimer()
        self.poll.setInterval(5)
        self.poll.timeout.connect(self._check)
        self.waiting_for: Callable[[], bool] | None = None
        self.deadline = 0.0
        self.error: BaseException | None = None

    def run(self) -> None:
        QTimer.singleShot(0, self._advance)
        self.loop.exec()
        if self.error is not None:
            raise self.error

    def _advance(self) -> None:
        try:
            step = next(self.steps)
        except StopIteration:
            self.loop.quit()
            return
        except BaseException as error:  # shown after the loop ends, not swallowed by Qt
            self.error = error
            self.loop.quit()
            return
        if callable(step):
            self.waiting_for = step
            self.deadline = time.perf_counter() + WAIT_LIMIT_S
            self.poll.start()
        else:
            QTimer.singleShot(int(step), self._advance)

    def _check(self) -> None:
        if self.waiting_for is not None and time.perf_counter() > self.deadline:
            self.error = TimeoutError(f"a step of the session (ui_stall.py line {self.steps.gi_frame.f_lineno}) "
                                      f"waited over {WAIT_LIMIT_S} s")
            self.poll.stop()
            self.loop.quit()
        elif self.waiting_for is not None and self.waiting_for():
            self.waiting_for = None
            self.poll.stop()
            QTimer.singleShot(0, self._advance)


class StallSampler(threading.Thread):
    """With --profile: while the heartbeat is late, sample what every thread is doing (every 10 ms).

    cProfile sees only Python work on the UI thread; this also shows a UI thread that is waiting
    for the GIL, and which worker holds it, or a UI thread inside Qt's own C++ (its innermost
    Python frame is the Qt call).
    """

    def __init__(self, heartbeat: Heartbeat):
        super().__init__(daemon=True)
        self.heartbeat = heartbeat
        self.ui_thread = threading.get_ident()
        self.samples: list[tuple[float, str, str]] = []  # when, UI thread's frames, other threads' frames
        self.running = True

    def run(self) -> None:
        while self.running:
            time.sleep(0.01)
            ticks = self.heartbeat.ticks
            if ticks and time.perf_counter() - ticks[-1] > 0.05:
                frames = sys._current_frames()
                ui = frames.pop(self.ui_thread, None)
                others = [stack for ident, stack in frames.items() if ident != threading.get_ident()]
                self.samples.append((time.perf_counter(), self._where(ui),
                                     " | ".join(self._where(stack) for stack in others if stack is not None)))

    @staticmethod
    def _where(frame) -> str:
        if frame is None:
            return "?"
        stack = [entry for entry in traceback.extract_stack(frame)
                 if "linkdesk" in entry.filename or "sqlalchemy" in entry.filename or "shiboken" in entry.filename]
        inner = [f"{entry.filename.rsplit('/', 1)[-1]}:{entry.lineno} {entry.name}" for entry in stack[-3:]]
        return " < ".join(reversed(inner)) or traceback.extract_stack(frame)[-1].name

    def summary(self, start: float, end: float, top: int = 6) -> list[str]:
        counted = Counter((ui, others) for when, ui, others in self.samples if start <= when <= end)
        return [f"{count * 10:>6} ms  UI: {ui}\n{'':>10}others: {others or '-'}" for (ui, others), count in
                counted.most_common(top)]


class Operations:
    """Named spans of the session; with `profile`, each span's UI-thread work is profiled too."""

    def __init__(self, profile: bool):
        self.spans: list[tuple[str, float, float]] = []
        self.profiles: dict[str, list[cProfile.Profile]] = {}
        self.profile = profile

    @contextmanager
    def __call__(self, name: str):
        profiler = cProfile.Profile() if self.profile else None
        start = time.perf_counter()
        if profiler:
            profiler.enable()
        try:
            yield
        finally:
            if profiler:
                profiler.disable()
                self.profiles.setdefault(name, []).append(profiler)
            self.spans.append((name, start, time.perf_counter()))


def _type(widget, text: str):
    """Key by key, a pause after each (a generator of steps)."""
    widget.setFocus()
    for char in text:
        QTest.keyClick(widget, char)
        yield KEY_MS


def _clear(widget):
    QTest.keyClick(widget, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    QTest.keyClick(widget, Qt.Key.Key_Backspace)


def _click(view, index):
    """Scroll to a row, let the view lay out, then click it as a mouse would."""
    view.scrollTo(index)
    yield 50
    QTest.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier,
                     view.visualRect(index).center())


def session(window, op: Operations):
    from sqlalchemy import select

    from linkdesk.plans.models import Plan
    from linkdesk.ui.audit_view import AuditLogDialog
    from linkdesk.ui.directory.tab import DirectoryTab
    from linkdesk.ui.patients.tab import PatientsTab
    from linkdesk.ui.plans.tab import PlansTab

    runner = window.runner
    tabs = window.tab_widget
    patients = next(tab for tab in window.tabs if isinstance(tab, PatientsTab))
    plans = next(tab for tab in window.tabs if isinstance(tab, PlansTab))
    directory = next(tab for tab in window.tabs if isinstance(tab, DirectoryTab))
    idle = lambda: not runner.busy  # noqa: E731

    with op("unlock, to caseload and Today shown (first of the day: backup runs)"):
        window.unlock_page.passphrase.setText(PASSPHRASE)
        QTest.keyClick(window.unlock_page.passphrase, Qt.Key.Key_Return)
        yield lambda: patients.model.rowCount() > 0 and patients.today_model.rowCount() > 0
        yield 300
    with op("unlock: background work (daily backup, Plans list) to its end"):
        yield idle
        yield 300

    for tab in (plans, directory, patients):
        with op(f"show the {tab.title} tab"):
            tabs.setCurrentWidget(tab)
            yield idle
            yield 300

    tabs.setCurrentWidget(directory)
    yield 300
    for query in DIRECTORY_QUERIES:
        with op("Directory: type a search, key by key"):
            yield from _type(directory.search_box, query)
            yield 400  # the detail pane follows after 120 ms
        _clear(directory.search_box)
        yield 300

    tabs.setCurrentWidget(patients)
    yield idle
    yield 300
    with op("Patients: type a caseload search, key by key"):
        yield from _type(patients.search_box, CASELOAD_QUERY)
        yield 300
    with op("Patients: clear the search"):
        _clear(patients.search_box)
        yield 300
    count = patients.proxy.rowCount()
    for number in range(10):
        with op("Patients: open a patient"):
            yield from _click(patients.table, patients.proxy.index(number * count // 10 + 3, 0))
            yield idle
            yield 500

    with op("show the Plans tab (caseload reloaded)"):
        tabs.setCurrentWidget(plans)
        yield lambda: idle() and plans.patient_model.rowCount() == count
        yield 300
    with window.store.session() as db:
        with_plans = list(db.scalars(select(Plan.patient_id).order_by(Plan.id)))
    for number in range(10):
        patient_id = with_plans[number * len(with_plans) // 10 + 1]
        with op("Plans: open a plan"):
            yield from _click(plans.patient_list, plans.patient_model.index(plans.patient_model.row_of(patient_id)))
            yield idle
            yield 500

    with op("Tools > Audit log (last 30 days, read in the background)"):
        window.store_actions[2].trigger()
        dialog = window.findChildren(AuditLogDialog)[-1]
        yield lambda: not dialog.count.text().startswith("Reading")
        yield 500
    with op("Audit log: show the last 12 months"):
        dialog.period.setCurrentIndex(2)
        yield lambda: not dialog.count.text().startswith("Reading")
        yield 500
    with op("Audit log: type a filter, key by key"):
        yield from _type(dialog.filter, "update")
        yield 300
    dialog.reject()
    yield 300

    with op("Tools > Reports: open, run the last 12 months (in the background)"):
        reports = window.show_reports()
        yield 300
        today = date.today()
        reports.period.set_dates(today - timedelta(days=364), today)
        reports.show_button.click()
        yield lambda: reports.report is not None and not reports.busy.isVisible()
        yield 500
    with op("Reports: close"):
        reports.reject()
        yield 300

    for _ in range(3):
        for tab in (patients, plans, directory):
            with op("switch tabs back and forth"):
                tabs.setCurrentWidget(tab)
                yield idle
                yield 300
    with op("lock"):
        window.lock()
        yield 300


def main(services: int = SERVICES, patients: int = PATIENTS, profile: bool = False) -> None:
    from linkdesk.ui.tasks import TaskRunner

    app = application()
    with fresh_copy(services, patients) as folder:
        runner = TaskRunner(app)
        window = main_window(folder, runner)
        heartbeat = Heartbeat()
        collections = Collections()
        op = Operations(profile)
        heartbeat.start()
        sampler = StallSampler(heartbeat)
        if profile:
            sampler.start()
        started = time.perf_counter()
        Session(session(window, op)).run()
        ended = time.perf_counter()
        sampler.running = False
        rss, peak = memory_mb()
        window.close()
        window.deleteLater()  # before the interpreter shuts down, or PySide may free it twice
        app.processEvents()

    worst: dict[str, tuple[float, float, int, float]] = {}  # name -> longest stall, longest span, count, longest GC
    for name, start, end in op.spans:
        stall, span, times, collection = worst.get(name, (0.0, 0.0, 0, 0.0))
        worst[name] = (max(stall, heartbeat.longest_gap(start, end)), max(span, end - start), times + 1,
                       max(collection, collections.longest(start, end)))
    overall = heartbeat.longest_gap(started, ended)
    ticks = heartbeat.ticks
    gaps = sorted((later - earlier) * 1000 for earlier, later in zip(ticks, ticks[1:]))
    print(f"session: {ended - started:.1f} s, {len(ticks)} heartbeats (median gap {gaps[len(gaps) // 2]:.1f} ms, "
          f"{sum(gap > BUDGET_MS for gap in gaps)} gaps over {BUDGET_MS} ms)")
    full = [(stop - begin) * 1000 for begin, stop, generation in collections.spans if generation == 2]
    print(f"garbage collections: {len(collections.spans)}, of which {len(full)} full, the longest "
          f"{max(full, default=0):.0f} ms")
    print(f"{'operation':<72}{'times':>6}{'longest stall':>15}{'longest GC':>12}{'longest op':>12}")
    for name, (stall, span, times, collection) in worst.items():
        flag = "  OVER" if stall > BUDGET_MS else ""
        print(f"{name:<72}{times:>6}{stall:>12.0f} ms{collection:>9.0f} ms{span:>10.2f} s{flag}")
    print(f"resident memory after the session: {rss:.0f} MB (peak {peak:.0f} MB)")
    if profile:
        for name, (stall, *_) in worst.items():
            if stall > BUDGET_MS:
                stats = pstats.Stats(*op.profiles[name], stream=(out := io.StringIO()))
                stats.sort_stats("tottime").print_stats(12)
                stats.sort_stats("cumulative").print_stats(r"linkdesk|\{method", 25)
                print(f"--- UI-thread profile: {name} ---")
                print("\n".join(line for line in out.getvalue().splitlines()
                                if line.strip() and not line.lstrip().startswith(("Ordered", "List", "ncalls")) and
                                "function calls" not in line))
                print("while the heartbeat was late (sampled every 10 ms):")
                for start, end in [(start, end) for span_name, start, end in op.spans if span_name == name]:
                    for line in sampler.summary(start, end):
                        print(line)
    over = [name for name, (stall, *_) in worst.items() if stall > BUDGET_MS]
    result(f"UI thread, longest stall in a scripted session, {services} services + {patients} patients",
           f"{overall:.0f} ms" + (f" ({len(over)} of {len(worst)} operations over)" if over else ""),
           f"<= {BUDGET_MS} ms", overall <= BUDGET_MS)
    for name in over:
        result(f"  stall: {name}", f"{worst[name][0]:.0f} ms", f"<= {BUDGET_MS} ms", False)


if __name__ == "__main__":
    arguments = [arg for arg in sys.argv[1:] if arg != "--profile"]
    main(*(int(arg) for arg in arguments[:2]), profile="--profile" in sys.argv[1:])
