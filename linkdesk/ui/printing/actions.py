"""What the tabs call to print: make the PDF in the background, then open the preview.

`preview_leaflet()`, `preview_booklet()` and `preview_plan()` each return a `Preview`
whose `dialog` is set once the PDF is ready. A booklet shows progress with Cancel. A plan
is recorded as printed (a "printed" plan version, audited) when it is printed or saved
from the preview, never merely for being previewed.
"""

from __future__ import annotations

from PySide6.QtWidgets import QMessageBox, QWidget

from linkdesk.caseload.errors import CaseloadError
from linkdesk.directory.errors import DirectoryError
from linkdesk.documents import plan as plans_printing
from linkdesk.documents.base import DocumentError
from linkdesk.documents.booklet import BookletChoice, booklet_for
from linkdesk.documents.leaflet import PrintCancelled, leaflet_for
from linkdesk.plans.errors import PlanError

from ..tasks import register_expected_error
from ..widgets.progress import TaskProgress
from ..workspace import WorkspaceContext
from .preview import PreviewDialog

for _kind in (DocumentError, DirectoryError, CaseloadError, PlanError):
    register_expected_error(_kind)


class Preview:
    """One request to preview: the background task, its progress dialog, then the preview dialog."""

    def __init__(self, parent: QWidget, context: WorkspaceContext, title: str, file_name: str):
        self.parent = parent
        self.context = context
        self.title = title
        self.file_name = file_name
        self.dialog: PreviewDialog | None = None
        self.progress: TaskProgress | None = None
        self.task = None
        self.on_printed = None  # called with "print" or "save"

    def start(self, work, show_progress: bool = False) -> "Preview":
        if show_progress:
            self.progress = TaskProgress(self.parent, "Print", f"Preparing {self.title.lower()}…")
            self.task = self.progress.run(self.context.runner, work, self._ready, self._failed)
        else:
            self.task = self.context.runner.run(work, self._ready, self._failed)
        return self

    def cancel(self) -> None:
        if self.task is not None:
            self.task.cancel()

    def _close_progress(self) -> None:
        self.task = None
        if self.progress is not None:
            self.progress.close()
            self.progress = None

    def _failed(self, error: BaseException) -> None:
        self._close_progress()
        if isinstance(error, PrintCancelled):
            self.context.show_status("Printing cancelled")
            return
        QMessageBox.warning(self.parent, "Print", str(error))

    def _ready(self, data: bytes) -> None:
        self._close_progress()
        self.dialog = PreviewDialog(self.parent, self.title, data, self.file_name, self.context.runner,
                                    self.context.show_status)
        if self.on_printed is not None:
            self.dialog.printed.connect(self.on_printed)
        self.dialog.show()


def preview_leaflet(parent: QWidget, context: WorkspaceContext, store, service_id: str,
                    variant: str = "standard") -> Preview:
    def work(task):
        return leaflet_for(store, service_id, variant).render()

    return Preview(parent, context, "Activity leaflet", "leaflet.pdf").start(work)


def preview_booklet(parent: QWidget, context: WorkspaceContext, store, choice: BookletChoice | None = None,
                    variant: str = "standard", patient_id: int | None = None) -> Preview:
    """A booklet of the services a choice names, or of the activities on a patient's plan."""
    made = {}

    def work(task):
        if patient_id is not None:
            document = plans_printing.plan_booklet(store, patient_id, variant, task.progress, task.cancel_event)
        else:
            document = booklet_for(store, choice or BookletChoice(), variant, task.progress, task.cancel_event)
        data = document.render()
        made["count"] = document.count
        return data

    preview = Preview(parent, context, "Activities booklet", "activities.pdf")
    if patient_id is not None:
        # Which services a patient was given is part of their record: printing it is audited.
        preview.on_printed = lambda how: plans_printing.record_booklet_printed(store, patient_id, made["count"])
    return preview.start(work, show_progress=True)


def preview_plan(parent: QWidget, context: WorkspaceContext, store, patient_id: int,
                 variant: str | None = None) -> Preview:
    """The patient's plan in the variant their needs call for (or `variant`); printing it is recorded."""
    made = {}

    def work(task):
        made["document"] = plans_printing.plan_document(store, patient_id, variant)
        return made["document"].render()

    def printed(how: str) -> None:
        version = plans_printing.record_printed(store, made["document"])
        context.show_status(f"Plan version {version.number} kept as printed")

    preview = Preview(parent, context, "My plan", "my-plan.pdf")
    preview.on_printed = printed
    return preview.start(work)
