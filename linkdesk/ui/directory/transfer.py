"""Directory import and export from the tab: in the background, with progress and Cancel."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QFileDialog, QInputDialog, QMessageBox, QWidget

from linkdesk.directory.feed import import_feed
from linkdesk.directory.oruk_export import export_csv, export_json
from linkdesk.directory.oruk_import import ImportResult, import_path

from ..tasks import TaskRunner
from ..widgets.progress import TaskProgress


def result_text(result: ImportResult) -> tuple[str, str]:
    """The summary line, and the details (each skip with its reason, then notes)."""
    details = [f"Skipped {skip}" for skip in result.skipped] + list(result.notes)
    return f"Import finished: {result.summary()}.", "\n".join(details)


class Transfer:
    """Runs one import or export with a progress dialog; `on_finished()` refreshes the tab."""

    def __init__(self, parent: QWidget, runner: TaskRunner, store, on_finished):
        self.parent = parent
        self.runner = runner
        self.store = store
        self.on_finished = on_finished
        self.progress: TaskProgress | None = None

    def _start(self, title: str, work, done) -> None:
        self.progress = TaskProgress(self.parent, "Directory", title)
        self.progress.run(self.runner, work, done, self._failed)

    def _failed(self, error: BaseException) -> None:
        self.progress.close()
        QMessageBox.warning(self.parent, "Directory", str(error))

    # -- import ----------------------------------------------------------------------

    def import_source(self, source: str) -> None:
        store = self.store
        if source.startswith(("http://", "https://")):
            def work(task):
                return import_feed(store, source, task.progress, task.cancel_event)
        else:
            def work(task):
                return import_path(store, Path(source), task.progress, task.cancel_event)
        self._start(f"Importing {source}…", work, self._imported)

    def _imported(self, result: ImportResult) -> None:
        self.progress.close()
        summary, details = result_text(result)
        self.on_finished(summary)
        box = QMessageBox(QMessageBox.Icon.Information, "Directory import", summary, parent=self.parent)
        if details:
            box.setDetailedText(details)
        box.open()

    def ask_file(self) -> None:
        chosen, _ = QFileDialog.getOpenFileName(
            self.parent, "Import a directory file", "",
            "Open Referral files (*.json *.csv *.zip);;All files (*)")
        if chosen:
            self.import_source(chosen)

    def ask_folder(self) -> None:
        chosen = QFileDialog.getExistingDirectory(self.parent, "Import a folder of Open Referral files")
        if chosen:
            self.import_source(chosen)

    def ask_feed(self) -> None:
        url, ok = QInputDialog.getText(self.parent, "Import from an Open Referral feed",
                                       "Address of the ORUK API (for example https://example.org/api):")
        if ok and url.strip():
            self.import_source(url.strip())

    # -- export ----------------------------------------------------------------------

    def export_to(self, dest: str, form: str) -> None:
        store = self.store
        writer = export_json if form == "oruk-json" else export_csv
        self._start(f"Exporting to {dest}…", lambda task: writer(store, Path(dest)), self._exported)

    def _exported(self, written: Path) -> None:
        self.progress.close()
        self.on_finished(f"Directory exported to {written}")

    def ask_export(self, form: str) -> None:
        if form == "oruk-json":
            chosen, _ = QFileDialog.getSaveFileName(self.parent, "Export the directory as ORUK JSON",
                                                    "services.json", "JSON (*.json)")
        else:
            chosen, _ = QFileDialog.getSaveFileName(self.parent, "Export the directory as ORUK CSV",
                                                    "directory.zip", "Zip of CSV files (*.zip)")
        if chosen:
            self.export_to(chosen, form)
