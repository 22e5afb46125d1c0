"""One executor for per-article work: local processes, a Dask cluster, or this process.

:func:`map_articles` returns ``[func(item) for item in items]``, in the order
of ``items``, whichever way it runs:

* ``jobs == 1``, or too little work to be worth starting workers
  (fewer than :data:`MIN_PARALLEL_ITEMS` items): in this process;
* ``jobs > 1``: a pool of ``jobs`` worker processes, kept for the life of the
  process, so each worker builds its dictionaries (janome/MeCab tokenizer,
  lexicons) once and re-uses them for every later article and stage.  Workers
  start with ``forkserver`` where the platform has it, else ``spawn``
  (``KIJI_MP_START=fork|spawn|forkserver`` chooses): never ``fork`` from a
  process that may run threads (Jupyter kernels, pyarrow);
* ``dask`` set (``"local"`` or ``"tcp://HOST:PORT"``): the chunks are
  submitted to a ``dask.distributed`` cluster (``pip install -e ".[scale]"``);
  ``local`` starts a LocalCluster of ``jobs`` single-threaded worker processes.

``func`` must be importable: a module-level function of an installed module
(not a lambda, not a function defined in a notebook), because workers receive
it by reference.  Items and results travel pickled; chunks of several items
keep the overhead small.

Settings: :func:`configure` (``kiji --jobs N --dask ADDRESS``), else the
environment variables ``KIJI_JOBS`` and ``KIJI_DASK`` (which notebook kernels
started by ``kiji report`` inherit), else the cores available to this process
and no Dask.
"""
from __future__ import annotations

import atexit
import math
import multiprocessing as mp
import os
import signal
from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import ProcessPoolExecutor
from typing import Any

#: Below this many items the work runs in this process (starting workers costs more).
MIN_PARALLEL_ITEMS = 8
#: Items per task sent to a worker: at most this many ...
MAX_CHUNK = 64
#: ... and about this many tasks per worker, so the load evens out.
TASKS_PER_WORKER = 4

_SETTINGS: dict[str, Any] = {"jobs": None, "dask": None}
_POOL: dict[str, Any] = {"executor": None, "key": None}
_DASK: dict[str, Any] = {"client": None, "cluster": None, "address": None}


class ParallelError(RuntimeError):
    """The executor cannot run as configured (bad --jobs/--dask, Dask missing)."""


def available_cores() -> int:
    try:
        return len(os.sched_getaffinity(0)) or 1
    except AttributeError:  # not Linux
        return os.cpu_count() or 1


def configure(jobs: int | None = None, dask: str | None = None) -> None:
    """Set the number of worker processes and the Dask cluster for this process
    and, through the environment, for the notebook kernels it starts."""
    if jobs is not None:
        if jobs < 1:
            raise ParallelError(f"--jobs must be at least 1, not {jobs}")
        _SETTINGS["jobs"] = jobs
        os.environ["KIJI_JOBS"] = str(jobs)
    if dask is not None:
        if dask and dask != "local" and "://" not in dask:
            raise ParallelError(f"--dask takes 'local' or a scheduler address such as tcp://host:8786, "
                                f"not {dask!r}")
        _SETTINGS["dask"] = dask or None
        if dask:
            os.environ["KIJI_DASK"] = dask
        else:
            os.environ.pop("KIJI_DASK", None)


def reset() -> None:
    """Forget :func:`configure` (and its environment variables); stop workers and Dask."""
    shutdown()
    close_dask()
    _SETTINGS.update(jobs=None, dask=None)
    for name in ("KIJI_JOBS", "KIJI_DASK"):
        os.environ.pop(name, None)


def jobs() -> int:
    """Worker processes to use: configured, else ``KIJI_JOBS``, else the cores available."""
    if _SETTINGS["jobs"]:
        return _SETTINGS["jobs"]
    env = os.environ.get("KIJI_JOBS", "").strip()
    if env:
        try:
            value = int(env)
        except ValueError:
            raise ParallelError(f"KIJI_JOBS must be a whole number, not {env!r}") from None
        if value < 1:
            raise ParallelError(f"KIJI_JOBS must be at least 1, not {value}")
        return value
    return available_cores()


def dask_address() -> str | None:
    """``"local"``, ``"tcp://HOST:PORT"`` or None (no Dask)."""
    value = _SETTINGS["dask"] or os.environ.get("KIJI_DASK", "").strip() or None
    if value and value != "local" and "://" not in value:
        raise ParallelError(f"--dask takes 'local' or a scheduler address such as tcp://host:8786, not {value!r}")
    return value


def start_method() -> str:
    wanted = os.environ.get("KIJI_MP_START", "").strip()
    methods = mp.get_all_start_methods()
    if wanted:
        if wanted not in methods:
            raise ParallelError(f"KIJI_MP_START={wanted!r} is not available here (one of {', '.join(methods)})")
        return wanted
    return "forkserver" if "forkserver" in methods else "spawn"


#: settings a worker takes from the process that sent the work (e.g. ``--tokenizer``), also on Dask workers
WORKER_ENV = ("KIJI_TOKENIZER",)


def _settings() -> dict[str, str | None]:
    return {name: os.environ.get(name) for name in WORKER_ENV}


def run_chunk(func: Callable[[Any], Any], items: Sequence[Any], env: dict[str, str | None] | None = None) -> list[Any]:
    """What a worker runs: ``func`` on each item of one chunk, with the sender's ``env`` settings."""
    for name, value in (env or {}).items():
        if value is None:
            os.environ.pop(name, None)
        else:
            os.environ[name] = value
    return [func(item) for item in items]


def _chunks(items: Sequence[Any], workers: int) -> list[Sequence[Any]]:
    size = max(1, min(MAX_CHUNK, math.ceil(len(items) / (workers * TASKS_PER_WORKER))))
    return [items[i:i + size] for i in range(0, len(items), size)]


def map_articles(func: Callable[[Any], Any], items: Sequence[Any], *, n_jobs: int | None = None,
                 dask: str | None = None, progress: Callable[[int], Any] | None = None) -> list[Any]:
    """``[func(item) for item in items]`` computed by the configured executor, in order.

    ``progress(k)`` is called as each chunk of ``k`` items is done."""
    items = list(items)
    n = jobs() if n_jobs is None else n_jobs
    address = dask if dask is not None else dask_address()
    if address:
        return _map_dask(func, items, address, n, progress)
    parts: Iterable[list[Any]]
    if n <= 1 or len(items) < MIN_PARALLEL_ITEMS:
        chunks = _chunks(items, 1)
        parts = (run_chunk(func, chunk) for chunk in chunks)
    else:
        chunks = _chunks(items, n)
        executor = _executor(n, _module_of(func))
        parts = executor.map(run_chunk, [func] * len(chunks), chunks, [_settings()] * len(chunks))
    out: list[Any] = []
    for part in parts:
        out.extend(part)
        if progress:
            progress(len(part))
    return out


def _module_of(func: Callable) -> str | None:
    while hasattr(func, "func"):  # functools.partial
        func = func.func
    return getattr(func, "__module__", None)


def _worker_init() -> None:
    # Ctrl-C reaches the whole process group: the parent reports it once, workers stay quiet
    signal.signal(signal.SIGINT, signal.SIG_IGN)


def _executor(n: int, module: str | None) -> ProcessPoolExecutor:
    method = start_method()
    key = (n, method)
    if _POOL["executor"] is not None and _POOL["key"] == key:
        return _POOL["executor"]
    shutdown()
    context = mp.get_context(method)
    if method == "forkserver" and module and module != "__main__":
        context.set_forkserver_preload([module])
    _POOL["executor"] = ProcessPoolExecutor(max_workers=n, mp_context=context, initializer=_worker_init)
    _POOL["key"] = key
    return _POOL["executor"]


def _map_dask(func: Callable[[Any], Any], items: list[Any], address: str, n: int,
              progress: Callable[[int], Any] | None) -> list[Any]:
    client = dask_client(address, n)
    chunks = _chunks(items, max(1, len(client.scheduler_info().get("workers", {})) or n))
    futures = client.map(run_chunk, [func] * len(chunks), chunks, [_settings()] * len(chunks), pure=False)
    out: list[Any] = []
    for future in futures:  # submission order
        part = future.result()
        out.extend(part)
        if progress:
            progress(len(part))
    return out


def dask_client(address: str, n: int | None = None):
    """The process-wide ``dask.distributed`` client for ``address`` (started on first use)."""
    if _DASK["client"] is not None and _DASK["address"] == address:
        return _DASK["client"]
    try:
        from dask.distributed import Client, LocalCluster
    except ImportError as exc:
        raise ParallelError("--dask needs the optional extra: pip install -e \".[scale]\" "
                            f"(dask.distributed is not installed: {exc})") from None
    close_dask()
    if address == "local":
        cluster = LocalCluster(n_workers=n or jobs(), threads_per_worker=1, processes=True,
                               dashboard_address=None)
        client = Client(cluster)
        _DASK["cluster"] = cluster
        # notebook kernels started from here join this cluster instead of starting their own
        os.environ["KIJI_DASK"] = cluster.scheduler_address
    else:
        try:
            client = Client(address, timeout="10s")
        except OSError as exc:
            raise ParallelError(f"cannot reach the Dask scheduler at {address}: {exc}") from None
    _DASK.update(client=client, address=address)
    return client


def close_dask() -> None:
    if _DASK["client"] is not None:
        _DASK["client"].close()
    if _DASK["cluster"] is not None:
        _DASK["cluster"].close()
    _DASK.update(client=None, cluster=None, address=None)


def shutdown() -> None:
    """Stop the worker processes (they are restarted on next use)."""
    if _POOL["executor"] is not None:
        _POOL["executor"].shutdown(wait=True, cancel_futures=True)
    _POOL.update(executor=None, key=None)


atexit.register(close_dask)
atexit.register(shutdown)
