"""Where a command's time goes: named stages, and progress through the long ones.

The library marks its stages (``with stage("align"): ...``) and reports progress through
long loops (``progress("compare", done, total)``); both cost next to nothing unless a caller
is recording (``with recording() as timings: ...``).  The CLI records for ``--timings`` and
draws a progress bar from the same reports; the library itself never prints.

Stages are exclusive: time spent in a stage nested inside another (the word diff inside
clause alignment) counts for the inner stage only, so the table adds up to the whole.
"""
from __future__ import annotations

import time
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from typing import Callable, Dict, Iterator, List, Optional

ProgressCallback = Callable[[str, int, int], None]


@dataclass
class Timings:
    """Seconds per stage, in the order stages first ran, and how often each ran."""

    seconds: Dict[str, float] = field(default_factory=dict)
    calls: Dict[str, int] = field(default_factory=dict)

    @property
    def total(self) -> float:
        return sum(self.seconds.values())

    def table(self) -> str:
        """A small table for a terminal: stage, seconds, share, calls."""
        total = self.total or 1.0
        width = max([len(s) for s in self.seconds] + [5])
        lines = [f"{'stage':<{width}}  {'seconds':>8}  {'share':>6}  {'calls':>6}"]
        for name, secs in self.seconds.items():
            lines.append(f"{name:<{width}}  {secs:8.3f}  {secs / total:6.1%}  "
                         f"{self.calls[name]:6d}")
        lines.append(f"{'total':<{width}}  {self.total:8.3f}")
        return "\n".join(lines)


@dataclass
class _Recorder:
    timings: Timings
    on_progress: Optional[ProgressCallback]
    #: open stages, innermost last: [name, start of the stretch being counted]
    stack: List[List] = field(default_factory=list)


_current: ContextVar[Optional[_Recorder]] = ContextVar("redline_timing", default=None)


@contextmanager
def recording(on_progress: Optional[ProgressCallback] = None) -> Iterator[Timings]:
    """Record the stages run inside the block; ``on_progress(stage, done, total)`` hears
    the progress reports."""
    rec = _Recorder(Timings(), on_progress)
    token = _current.set(rec)
    try:
        yield rec.timings
    finally:
        _current.reset(token)


@contextmanager
def stage(name: str) -> Iterator[None]:
    """Count the time of the block for ``name`` (nothing when no one is recording)."""
    rec = _current.get()
    if rec is None:
        yield
        return
    now = time.perf_counter()
    if rec.stack:  # pause the enclosing stage
        outer = rec.stack[-1]
        _add(rec.timings, outer[0], now - outer[1], calls=0)
    rec.stack.append([name, now])
    try:
        yield
    finally:
        end = time.perf_counter()
        _, start = rec.stack.pop()
        _add(rec.timings, name, end - start, calls=1)
        if rec.stack:  # resume it
            rec.stack[-1][1] = end


def progress(name: str, done: int, total: int) -> None:
    """Report ``done`` of ``total`` steps of a long stage."""
    rec = _current.get()
    if rec is not None and rec.on_progress is not None:
        rec.on_progress(name, done, total)


def _add(t: Timings, name: str, seconds: float, calls: int) -> None:
    t.seconds[name] = t.seconds.get(name, 0.0) + seconds
    t.calls[name] = t.calls.get(name, 0) + calls
