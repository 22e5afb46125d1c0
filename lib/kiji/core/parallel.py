"""Executors for per-article work: this process, local worker processes, or a Dask cluster.

Every executor has the same interface: ``executor.map(func, items, progress)``
returns ``[func(item) for item in items]`` in the order of ``items``;
``executor.start()`` makes it ready now (so a bad setting fails before any
work); ``executor.close()`` stops its workers.  A :class:`~kiji.core.run.Run`
owns one; :func:`make_executor` builds it from the command line's settings.

* :class:`InProcess`: the work runs here (``--jobs 1``);
* :class:`LocalPool`: ``jobs`` worker processes, started on first use and kept
  for the life of the run, so each worker builds its dictionaries (tokenizer,
  lexicons) once and re-uses them for every later article and stage.  Workers
  start with ``forkserver`` where the platform has it, else ``spawn`` (never
  ``fork`` from a process that may run threads: Jupyter kernels, pyarrow).
  Too little work to be worth it (fewer than :data:`MIN_PARALLEL_ITEMS` items)
  runs here.  Workers die with the process that started them (:func:`die_with`);
* :class:`DaskPool`: chunks of items are submitted to a ``dask.distributed``
  cluster (``pip install -e ".[scale]"``); ``local`` starts a LocalCluster of
  ``jobs`` single-threaded worker processes, ``tcp://HOST:PORT`` joins a
  running scheduler.

``func`` must be importable: a module-level function of an installed module
(not a lambda, not a function defined in a notebook), because workers receive
it by reference.  Items and results travel pickled, in chunks.

>>> InProcess().map(len, ["a", "bb"])
[1, 2]
>>> parse_jobs("2"), check_dask("tcp://127.0.0.1:8786")
(2, 'tcp://127.0.0.1:8786')
"""
from __future__ import annotations

import math
import multiprocessing as mp
import os
import signal
import threading
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import Any
from urllib.parse import urlsplit

#: Below this many items the work runs in this process (starting workers costs more).
MIN_PARALLEL_ITEMS = 8
#: Items per task sent to a worker: at most this many ...
MAX_CHUNK = 64
#: ... and about this many tasks per worker, so the load evens out.
TASKS_PER_WORKER = 4
#: Schemes a Dask scheduler address may have.
DASK_SCHEMES = ("tcp", "tls", "ws", "wss", "ucx", "inproc")

Progress = Callable[[int], Any] | None


class ParallelError(RuntimeError):
    """The executor cannot run as configured (bad --jobs/--dask, Dask missing or unreachable, workers died)."""


# --------------------------------------------------------------------------- settings
def available_cores() -> int:
    try:
        return len(os.sched_getaffinity(0)) or 1
    except AttributeError:  # not Linux
        return os.cpu_count() or 1


def parse_jobs(value: str | int, name: str = "--jobs") -> int:
    """A number of worker processes, checked: a whole number of at least 1."""
    try:
        jobs = int(str(value).strip())
    except ValueError:
        raise ParallelError(f"{name} must be a whole number, not {value!r}") from None
    if jobs < 1:
        raise ParallelError(f"{name} must be at least 1, not {jobs}")
    return jobs


def check_dask(address: str, name: str = "--dask") -> str:
    """``local`` or a scheduler address ``SCHEME://HOST:PORT``, checked (not yet contacted)."""
    address = address.strip()
    if address == "local":
        return address
    parts = urlsplit(address)
    try:
        port = parts.port
    except ValueError:
        port = None
    if parts.scheme not in DASK_SCHEMES or not parts.hostname or port is None or parts.path not in ("", "/"):
        raise ParallelError(f"{name} takes 'local' or a scheduler address such as tcp://host:8786, not {address!r}")
    return address


def start_method(wanted: str | None = None) -> str:
    """``wanted`` if this platform has it, else ``forkserver`` where available, else ``spawn``."""
    methods = mp.get_all_start_methods()
    if wanted:
        if wanted not in methods:
            raise ParallelError(f"start method {wanted!r} is not available here (one of {', '.join(methods)})")
        return wanted
    return "forkserver" if "forkserver" in methods else "spawn"


def run_chunk(func: Callable[[Any], Any], items: Sequence[Any]) -> list[Any]:
    """What a worker runs: ``func`` on each item of one chunk."""
    return [func(item) for item in items]


def _chunks(items: Sequence[Any], workers: int) -> list[Sequence[Any]]:
    size = max(1, min(MAX_CHUNK, math.ceil(len(items) / (workers * TASKS_PER_WORKER))))
    return [items[i:i + size] for i in range(0, len(items), size)]


def _collect(parts, progress: Progress) -> list[Any]:
    out: list[Any] = []
    for part in parts:
        out.extend(part)
        if progress:
            progress(len(part))
    return out


# --------------------------------------------------------------------------- executors
class InProcess:
    """The work runs in this process."""

    jobs = 1

    def start(self) -> None:
        pass

    def map(self, func: Callable[[Any], Any], items: Sequence[Any], progress: Progress = None) -> list[Any]:
        return _collect((run_chunk(func, chunk) for chunk in _chunks(list(items), 1)), progress)

    def close(self) -> None:
        pass

    def settings(self) -> dict:
        return {"jobs": 1, "dask": None}


class LocalPool(InProcess):
    """``jobs`` local worker processes (see the module docstring)."""

    def __init__(self, jobs: int, method: str | None = None):
        self.jobs = parse_jobs(jobs)
        self.method = start_method(method)
        self._pool: ProcessPoolExecutor | None = None
        self._preload: str | None = None

    def start(self, module: str | None = None) -> None:
        if self._pool is not None or self.jobs < 2:
            return
        context = mp.get_context(self.method)
        if self.method == "forkserver" and module and module != "__main__":
            context.set_forkserver_preload([module])
        self._pool = ProcessPoolExecutor(max_workers=self.jobs, mp_context=context, initializer=worker_init,
                                         initargs=(os.getpid(),))

    def map(self, func: Callable[[Any], Any], items: Sequence[Any], progress: Progress = None) -> list[Any]:
        items = list(items)
        if self.jobs < 2 or len(items) < MIN_PARALLEL_ITEMS:
            return super().map(func, items, progress)
        self.start(_module_of(func))
        assert self._pool is not None
        chunks = _chunks(items, self.jobs)
        try:
            return _collect(self._pool.map(run_chunk, [func] * len(chunks), chunks), progress)
        except BrokenProcessPool as exc:
            self.close()
            raise ParallelError(f"the worker processes stopped ({exc or 'killed'}); "
                                "try --jobs 1 or a smaller corpus") from None

    def close(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)
        self._pool = None

    def settings(self) -> dict:
        return {"jobs": self.jobs, "dask": None}


class DaskPool(InProcess):
    """Chunks of items on a ``dask.distributed`` cluster: ``local`` or ``tcp://HOST:PORT``."""

    def __init__(self, address: str, jobs: int | None = None):
        self.address = check_dask(address)
        self.jobs = parse_jobs(jobs) if jobs else available_cores()
        self.client: Any = None
        self.cluster: Any = None

    def start(self) -> None:
        if self.client is not None:
            return
        try:
            from dask.distributed import Client, LocalCluster
        except ImportError as exc:
            raise ParallelError("--dask needs the optional extra: pip install -e \".[scale]\" "
                                f"(dask.distributed is not installed: {exc})") from None
        if self.address == "local":
            self.cluster = LocalCluster(n_workers=self.jobs, threads_per_worker=1, processes=True,
                                        dashboard_address=None)
            self.client = Client(self.cluster)
            return
        try:
            self.client = Client(self.address, timeout="10s")
        except (OSError, ValueError, TypeError) as exc:
            raise ParallelError(f"cannot reach the Dask scheduler at {self.address}: "
                                f"{str(exc).splitlines()[0] if str(exc) else type(exc).__name__}") from None

    def map(self, func: Callable[[Any], Any], items: Sequence[Any], progress: Progress = None) -> list[Any]:
        self.start()
        items = list(items)
        workers = len(self.client.scheduler_info().get("workers", {})) or self.jobs
        chunks = _chunks(items, max(1, workers))
        futures = self.client.map(run_chunk, [func] * len(chunks), chunks, pure=False)
        return _collect((future.result() for future in futures), progress)  # submission order

    def close(self) -> None:
        for part in (self.client, self.cluster):
            if part is not None:
                part.close()
        self.client = self.cluster = None

    def settings(self) -> dict:
        address = self.cluster.scheduler_address if self.cluster is not None else self.address
        return {"jobs": self.jobs, "dask": address}


def make_executor(jobs: int | None = None, dask: str | None = None, method: str | None = None):
    """The executor for ``--jobs``/``--dask`` (validated here, in one line; nothing started yet)."""
    if dask:
        return DaskPool(dask, jobs)
    n = available_cores() if jobs is None else parse_jobs(jobs)
    return LocalPool(n, method) if n > 1 else InProcess()


def _module_of(func: Callable) -> str | None:
    while hasattr(func, "func"):  # functools.partial
        func = func.func
    return getattr(func, "__module__", None)


# --------------------------------------------------------------------------- workers
def worker_init(parent: int) -> None:
    """Initializer of every local worker: Ctrl-C is the parent's to report; die with ``parent``."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    die_with(parent)


def die_with(parent: int) -> None:
    """End this process when process ``parent`` ends, however it ends (SIGKILL included).

    Two guards: Linux's ``prctl(PR_SET_PDEATHSIG, SIGKILL)`` kills this process
    when the process that forked it dies (with ``forkserver`` that is the fork
    server, which itself exits when the parent's pipe closes), and a daemon
    thread waiting on a pidfd of ``parent`` (polling its pid where pidfds are
    not available) ends the process as soon as ``parent`` is gone.
    """
    try:
        import ctypes

        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        pass
    if not _alive(parent):
        os._exit(1)
    threading.Thread(target=_watch, args=(parent,), name="kiji-parent-watch", daemon=True).start()


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _watch(parent: int) -> None:
    import select

    try:
        fd = os.pidfd_open(parent)
    except (AttributeError, OSError):
        fd = None
    if fd is not None:
        select.select([fd], [], [])  # readable when the process has ended
        os._exit(1)
    while _alive(parent) and os.getppid() != 1:
        threading.Event().wait(1.0)
    os._exit(1)
