"""A TaskRunner whose tasks, while `holding`, wait until the test finishes them, in any order it likes.

Stands in for a slow background task (key derivation, a long query) whose answer arrives
after the user has moved on. The tasks are real `Task`s: finishing one delivers its result
or error through the same callbacks as on the thread pool.
"""

from linkdesk.ui.tasks import Task, TaskRunner


class HeldRunner(TaskRunner):
    def __init__(self, holding: bool = True):
        super().__init__(synchronous=True)
        self.holding = holding
        self.held: list[Task] = []

    def run(self, work, on_done=None, on_error=None, on_progress=None, on_finished=None) -> Task:
        if not self.holding:
            return super().run(work, on_done, on_error, on_progress, on_finished)

        def finished():
            self._forget(task)
            if on_finished is not None:
                on_finished()

        task = Task(work, self, on_done=on_done, on_error=on_error, on_progress=on_progress, on_finished=finished)
        self._running.append(task)
        if len(self._running) == 1:
            self.busy_changed.emit(True)
        self.held.append(task)
        return task

    def finish(self, task: Task) -> None:
        """Run the held task's work now and deliver its answer."""
        self.held.remove(task)
        task.execute()
