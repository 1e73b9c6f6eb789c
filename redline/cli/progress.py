"""Progress bars and ``--timings`` for long commands, from the library's stage reports."""
from __future__ import annotations

import sys
import time
from contextlib import contextmanager
from typing import Any, Iterator, Optional

import click

from ..timing import Timings, recording

#: A bar appears only once the work has run this long (seconds): short runs stay quiet.
DEFAULT_PROGRESS_AFTER = 1.0

timings_option = click.option(
    "--timings", is_flag=True,
    help="Print where the time went (read, align, diff, render, write) on stderr.")


class _LazyBar:
    """A click progress bar on stderr, drawn only on a terminal and only once the work has
    taken longer than ``DEFAULT_PROGRESS_AFTER``."""

    def __init__(self, label: str, enabled: bool) -> None:
        self.label, self.enabled = label, enabled
        self.started = time.perf_counter()
        self.bar: Optional[Any] = None
        self.shown = 0

    def update(self, stage: str, done: int, total: int) -> None:
        if not self.enabled or total <= 0:
            return
        if self.bar is None:
            if time.perf_counter() - self.started < DEFAULT_PROGRESS_AFTER or done >= total:
                return
            self.bar = click.progressbar(length=total, label=self.label, file=sys.stderr)
            self.bar.__enter__()
        step = max(0, min(done, total) - self.shown)
        if step:
            self.bar.update(step)
            self.shown += step

    def close(self) -> None:
        if self.bar is not None:
            self.bar.__exit__(None, None, None)
            self.bar = None


@contextmanager
def observed(label: str, show_timings: bool) -> Iterator[Timings]:
    """Record the library's stages for the block: a progress bar on long work, and the
    timings table on stderr at the end when asked (also when the command exits 1)."""
    bar = _LazyBar(label, enabled=sys.stderr.isatty())
    with recording(bar.update) as timings:
        try:
            yield timings
        finally:
            bar.close()
            if show_timings:
                click.echo(timings.table(), err=True)
