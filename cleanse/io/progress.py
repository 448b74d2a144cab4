"""The progress bar of a batch run: on stderr, and only when stderr is a terminal."""

from __future__ import annotations

from types import TracebackType

from rich.console import Console
from rich.progress import (
    BarColumn,
    DownloadColumn,
    Progress,
    SpinnerColumn,
    TaskID,
    TextColumn,
    TimeElapsedColumn,
)

from cleanse.io.readers import ReadProgress
from cleanse.io.summary import Tally


class BatchProgress:
    """Bytes read of the inputs, documents cleaned, failures; silent off a terminal.

    ``start`` shows it (call it once worker processes exist: it starts a thread);
    ``update`` refreshes it, cheaply, as often as you like; ``log`` prints a line
    above it (or plainly to the console when it is off).
    """

    def __init__(
        self, console: Console, reading: ReadProgress, tally: Tally, *, enabled: bool = True
    ) -> None:
        self._console = console
        self._reading = reading
        self._tally = tally
        self._progress: Progress | None = None
        self._task: TaskID | None = None
        self._enabled = enabled and console.is_terminal

    def start(self) -> None:
        if not self._enabled or self._progress is not None:
            return
        self._progress = Progress(
            SpinnerColumn(),
            TextColumn("[bold]cleaning[/]"),
            BarColumn(),
            DownloadColumn(),
            TextColumn("{task.fields[docs]:,} docs, [red]{task.fields[failures]:,} failed[/]"),
            TimeElapsedColumn(),
            console=self._console,
            transient=True,
        )
        self._task = self._progress.add_task(
            "clean", total=self._reading.total or None, docs=0, failures=0
        )
        self._progress.start()

    def update(self) -> None:
        if self._progress is None or self._task is None:
            return
        self._progress.update(
            self._task,
            completed=self._reading.done,
            docs=self._tally.documents,
            failures=self._tally.failures,
        )

    def log(self, message: str) -> None:
        self._console.print(message, markup=True, highlight=False)

    def __enter__(self) -> BatchProgress:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        if self._progress is not None:
            self.update()
            self._progress.stop()
            self._progress = None
