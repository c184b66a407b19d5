"""Independent work spread over the machine's cores: this process does one share, forked workers the others.

A forked worker starts as a copy of this process: the knowledge base, the templates and the indexes built so far
are already in it, so nothing is sent to it, and only its results travel back (pickled, through a pipe).
Where fork is missing (Windows), or there is one core, or too little work to pay for a worker, everything runs
here, in order, with the same results.

``KBSITE_JOBS`` sets the number of shares (1 runs everything in this process, as a profiler wants).
"""

from __future__ import annotations

import contextlib
import functools
import gc
import os
import pickle
import traceback
from collections.abc import Callable, Iterator, Sequence
from typing import Any, TypeVar

T = TypeVar("T")
R = TypeVar("R")

MIN_SHARE = 200
"""Fewer items than this per share cost more to hand over than they save."""

_in_worker = False


def worker_count() -> int:
    """How many shares to split work into: ``KBSITE_JOBS``, else the cores this process may run on."""
    wanted = os.environ.get("KBSITE_JOBS", "")
    if wanted.isdigit() and int(wanted) > 0:
        return int(wanted)
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)


def in_worker() -> bool:
    """Whether this code runs in a forked worker, whose results travel back pickled."""
    return _in_worker


class WorkerError(RuntimeError):
    """A worker failed; the message carries its traceback."""


def _fork(run: Callable[[], list[Any]]) -> tuple[int, int]:
    """Start a worker that runs ``run`` and writes its pickled results to a pipe; (pid, read end)."""
    global _in_worker
    readable, writable = os.pipe()
    pid = os.fork()
    if pid:
        os.close(writable)
        return pid, readable
    os.close(readable)
    _in_worker = True
    status = 0
    try:
        try:
            payload = pickle.dumps((True, run()), protocol=pickle.HIGHEST_PROTOCOL)
        except BaseException:  # noqa: BLE001 - everything a worker meets is reported to the parent
            payload, status = pickle.dumps((False, traceback.format_exc())), 1
        with os.fdopen(writable, "wb") as out:
            out.write(payload)
    finally:
        os._exit(status)  # never return into the parent's code, never run its exit handlers


def _collect(pid: int, readable: int) -> list[Any]:
    with os.fdopen(readable, "rb") as source:
        payload = source.read()
    _, status = os.waitpid(pid, 0)
    if not payload:
        raise WorkerError(f"worker {pid} ended with status {status} and sent nothing")
    ok, result = pickle.loads(payload)
    if not ok:
        raise WorkerError(f"worker {pid} failed:\n{result}")
    results: list[Any] = result
    return results


def _share(work: Callable[[T], R], items: Sequence[T], index: int, count: int) -> list[R]:
    """What worker ``index`` of ``count`` computes: items index, index + count, index + 2 * count..."""
    return [work(item) for item in items[index::count]]


def in_parallel(work: Callable[[T], R], items: Sequence[T]) -> list[R]:
    """``[work(item) for item in items]``, shared with forked workers when that pays.

    ``work`` must not rely on changing anything in this process (a worker changes only its own copy), and its
    results must pickle.
    """
    with collector_paused():
        return _shared(work, items)


@contextlib.contextmanager
def collector_paused() -> Iterator[None]:
    """Bulk work without the cyclic garbage collector, turned on again after it (if it was on).

    Reading records and rendering pages make hundreds of thousands of objects that live on and hold no cycles;
    the collector would walk all of them again and again for nothing (a third of a 10,000-record check). What
    little cyclic garbage the work leaves is collected once it is done.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _shared(work: Callable[[T], R], items: Sequence[T]) -> list[R]:
    count = min(worker_count(), len(items) // MIN_SHARE)
    if count < 2 or not hasattr(os, "fork"):
        return [work(item) for item in items]
    # Share i holds items i, i + count, i + 2 * count...: kinds and sizes mix evenly.
    gc.freeze()  # the garbage collector of a worker then leaves the inherited objects (and their pages) alone
    try:
        workers = [_fork(functools.partial(_share, work, items, index, count)) for index in range(1, count)]
    finally:
        gc.unfreeze()
    try:
        shares = [[work(item) for item in items[::count]]]
    finally:  # collected even when this share fails, so that no worker is left behind
        collected = [_collect(pid, readable) for pid, readable in workers]
    shares += collected
    results: list[Any] = [None] * len(items)
    for index, share in enumerate(shares):
        results[index::count] = share
    return results
