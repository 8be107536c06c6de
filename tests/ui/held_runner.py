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

    def _start(self, task: Task) -> None:
        if self.holding:
            self.held.append(task)
        else:
            super()._start(task)

    def finish(self, task: Task) -> None:
        """Run the held task's work now and deliver its answer."""
        self.held.remove(task)
        task.execute()
