"""Command line: ``kiji export`` and ``kiji report`` (also ``python -m kiji``).

Environment variables are read here, once, as the defaults of options:
``KIJI_JOBS`` (``--jobs``), ``KIJI_DASK`` (``--dask``), ``KIJI_TOKENIZER``
(``--tokenizer``), ``KIJI_CACHE`` (``--cache``), ``KIJI_MP_START`` (how local
workers start).  They become one :class:`~kiji.core.run.Run`, passed to
everything that computes; nothing below reads them again, and the notebooks
of ``kiji report`` get the run's settings in a file beside the tables.

Before any analysis the options are checked (a bad ``--jobs``/``--dask`` value
or an unreachable Dask scheduler is one line, exit 2), then the output folder,
and a staging folder is made beside it (:mod:`kiji.report.output_folder`): a
bad ``--out`` is one line, exit 2.  Ctrl-C prints one line and exits 130,
leaving ``--out`` as it was.  Warnings (metadata table, unusable cache, an
article whose analysis failed) are printed as ``warning:`` lines; they never
stop the run.  A run that lost a stage (it failed for every article, or the
workers died) writes nothing: ``--out`` keeps the previous output, one line
says why, exit 1.
"""
from __future__ import annotations

import argparse
import contextlib
import errno
import math
import os
import signal
import sys
import threading
from pathlib import Path

from . import __version__
from .core.names import shown_name
from .loading.corpus import CorpusError, load_corpus
from .loading.files import MAX_BYTES

#: Corpus-level warnings printed one per line; the rest are counted in one more line.
MAX_WARNINGS_SHOWN = 10
CACHE_HELP = ("per-article cache folder (default KIJI_CACHE, else $XDG_CACHE_HOME/kiji or ~/.cache/kiji; "
              "'off' to disable)")
METADATA_HELP = ("metadata CSV: overrides and the analyst's own variables (default data/metadata.csv)")
RECURSIVE_HELP = "also read the subfolders (each article's 'folder' is its subfolder path)"
#: environment variables read once, here, as the defaults of options
ENVIRONMENT = ("KIJI_JOBS", "KIJI_DASK", "KIJI_TOKENIZER", "KIJI_CACHE", "KIJI_MP_START")


def _parser() -> argparse.ArgumentParser:
    # allow_abbrev=False: --article or --show-cod is an error, never silently taken for --articles/--show-code
    parser = argparse.ArgumentParser(prog="kiji", description="Analyse a folder of Japanese news articles.",
                                     allow_abbrev=False)
    parser.add_argument("--version", action="version", version=f"kiji {__version__}")
    sub = parser.add_subparsers(dest="command", required=True)
    exp = sub.add_parser("export", help="write the corpus tables (CSV with BOM + Parquet)", allow_abbrev=False)
    exp.add_argument("--articles", required=True, type=Path, help="folder holding the article files")
    exp.add_argument("--out", required=True, type=Path, help="folder to write the tables to")
    _corpus_options(exp)
    exp.add_argument("--cache", type=str, default=None, help=CACHE_HELP)
    exp.add_argument("--max-bytes", type=_size, default=MAX_BYTES,
                     help=f"size limit of one article file, e.g. 5M (default {MAX_BYTES // 2**20}M)")
    exp.add_argument("--csv", choices=("none", "small", "all"), default="small",
                     help="CSV copies next to the Parquet files: 'small' (default) for the tables an analyst "
                          "opens, not the per-token/per-sentence ones nor tables over 200,000 rows; 'all'; 'none'")
    _scale_options(exp)
    rep = sub.add_parser("report", help="execute every notebook on a folder and write HTML reports",
                         allow_abbrev=False)
    rep.add_argument("--articles", type=Path, help="folder holding the article files (required)")
    rep.add_argument("--out", type=Path, help="folder to write the reports to (required)")
    rep.add_argument("--notebooks", type=Path, default=None, help="folder of notebooks (default: the project's)")
    rep.add_argument("--show-code", action="store_true", help="include the code cells in the HTML pages")
    rep.add_argument("--no-input", action="store_true", help=argparse.SUPPRESS)  # the default now
    rep.add_argument("--param", action="append", default=[], metavar="NAME=VALUE",
                     help="notebook parameter, e.g. --param KWIC_TERMS=核,停戦 (repeatable; see --list-params)")
    rep.add_argument("--list-params", action="store_true",
                     help="list the parameters the notebooks declare (name, type, default, help) and exit")
    _corpus_options(rep)
    rep.add_argument("--cache", type=str, default=None, help=CACHE_HELP)
    rep.add_argument("--max-bytes", type=_size, default=MAX_BYTES,
                     help=f"size limit of one article file, e.g. 5M (default {MAX_BYTES // 2**20}M)")
    _scale_options(rep)
    return parser


def _corpus_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--metadata", type=Path, default=None, help=METADATA_HELP)
    parser.add_argument("--recursive", action="store_true", help=RECURSIVE_HELP)
    parser.add_argument("--group-by", default=None, metavar="NAME",
                        help="compare articles by this variable: category, folder, period "
                             "(or day/week/month/year), outlet, article, or a column of metadata.csv "
                             "(default: chosen from the corpus)")
    parser.add_argument("--codes", type=Path, default=None, metavar="FILE",
                        help="coding rules (default data/codes/example.txt; syntax in data/README.md)")


def _scale_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--jobs", type=str, default=None,
                        help="worker processes for the per-article work (default KIJI_JOBS, else the cores available)")
    parser.add_argument("--tokenizer", choices=("janome", "mecab"), default=None,
                        help="janome (default, or KIJI_TOKENIZER) or mecab (fugashi + ipadic, many times faster)")
    parser.add_argument("--dask", type=str, default=None, metavar="local|tcp://HOST:PORT",
                        help="run the per-article work on a dask.distributed cluster (needs the [scale] extra; "
                             "default KIJI_DASK)")


def make_run(args, environ=None):
    """The run of a command: its options, else the environment's ``KIJI_*`` values (read here, once).

    A bad value raises :class:`~kiji.core.parallel.ParallelError` or ``ValueError`` (one line); a Dask
    scheduler is contacted now, before any work."""
    from .core.cache import Cache
    from .core.parallel import make_executor, parse_jobs
    from .core.paths import data_dir
    from .core.run import Run
    from .tokens.tokenizer import tokenizer_name

    env = {name: (environ if environ is not None else os.environ).get(name, "").strip() for name in ENVIRONMENT}
    jobs_text = args.jobs if args.jobs is not None else env["KIJI_JOBS"]
    jobs = parse_jobs(jobs_text, "--jobs" if args.jobs is not None else "KIJI_JOBS") if jobs_text else None
    executor = make_executor(jobs, args.dask if args.dask is not None else env["KIJI_DASK"] or None,
                             env["KIJI_MP_START"] or None)
    try:
        tokenizer = tokenizer_name(args.tokenizer or env["KIJI_TOKENIZER"] or None)
    except ValueError:
        raise ValueError(f"KIJI_TOKENIZER must be janome or mecab, not {env['KIJI_TOKENIZER']!r}") from None
    if tokenizer == "mecab":
        from .tokens.tokenizer import mecab_ready

        mecab_ready()  # a user dictionary that does not compile or load: one line, before any work
    cache = Cache.at(args.cache if args.cache is not None else env["KIJI_CACHE"] or None)
    executor.start()  # an unreachable scheduler fails here, before any work
    return Run(data_dir=data_dir(), cache=cache, executor=executor, tokenizer=tokenizer, progress=True)


def _size(text: str) -> int:
    """'2000000', '500K', '5M', '1G' → bytes."""
    units = {"K": 2**10, "M": 2**20, "G": 2**30}
    given, text = text, text.strip().upper().removesuffix("B").removesuffix("I")
    try:
        value = float(text[:-1]) * units[text[-1]] if text and text[-1] in units else float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a size: {text!r} (e.g. 5M)") from None
    if not math.isfinite(value) or value <= 0 or value >= 2**62:
        raise argparse.ArgumentTypeError(f"not a usable size: {given!r} (a positive number such as 5M or 200K)")
    return int(value)


def _err(message: str) -> None:
    print(f"kiji: error: {message}", file=sys.stderr)


def _warn(message: str) -> None:
    print(f"  warning: {message}", flush=True)


def _staged(args):
    """The checked output folder (before any analysis)."""
    from .report.output_folder import StagedOutput

    if not args.articles.is_dir():
        raise CorpusError(f"articles folder not found: {args.articles}" if not args.articles.exists()
                          else f"not a folder: {args.articles} (give the folder that holds the article files)")
    return StagedOutput(args.out, args.articles,
                        warn=lambda m: print(f"kiji: warning: {m}", file=sys.stderr, flush=True))


def _load(args, run):
    corpus = load_corpus(args.articles, metadata=getattr(args, "metadata", None), max_bytes=args.max_bytes,
                         recursive=getattr(args, "recursive", False), run=run)
    print(f"{shown_name(str(args.articles))}: {corpus.summary()}", flush=True)
    for name, reason in corpus.skipped.itertuples(index=False):
        print(f"  skipped {name}: {reason}")
    for message in corpus.warnings[:MAX_WARNINGS_SHOWN]:
        _warn(message)
    if len(corpus.warnings) > MAX_WARNINGS_SHOWN:
        _warn(f"... and {len(corpus.warnings) - MAX_WARNINGS_SHOWN:,} more warnings like these "
              f"({len(corpus.warnings):,} in all)")
    if corpus.articles.empty:
        subfolders = corpus.skipped["reason"].str.startswith("subfolder: not searched").sum()
        hint = f" ({subfolders} subfolder(s) not searched: add --recursive)" if subfolders else ""
        raise CorpusError(f"no loadable article in {args.articles}{hint}")
    return corpus


@contextlib.contextmanager
def _kernel_environment(args):
    """The notebook kernels load the corpus as this command did (``--recursive``, ``--metadata``):
    through the environment they inherit, restored afterwards."""
    wanted = {"KIJI_RECURSIVE": "1" if args.recursive else None,
              "KIJI_METADATA": str(args.metadata.resolve()) if args.metadata else None,
              "KIJI_CODES": str(args.codes.resolve()) if args.codes else None,
              "KIJI_GROUP_BY": args.group_by.strip() if args.group_by else None}
    saved = {k: os.environ.get(k) for k in wanted}
    try:
        _set_environment(wanted)
        yield
    finally:
        _set_environment(saved)


def _set_environment(values: dict[str, str | None]) -> None:
    for key, value in values.items():
        if value is None:
            os.environ.pop(key, None)
        else:
            os.environ[key] = value


def _check_codes(args) -> str:
    """The code file's digest, after reading it (a bad rule is one line, before any work)."""
    import hashlib

    from .codes import codes_path, read_codes

    path = codes_path(args.codes)
    if args.codes or path.exists():
        read_codes(path)
        return hashlib.sha256(path.read_bytes()).hexdigest()
    return ""


def _check_group_by(args, corpus) -> bool:
    """Whether ``--group-by`` was given; a name the articles lack is one line, before any analysis."""
    if not args.group_by or not args.group_by.strip():
        return False
    from .loading.groups import grouping

    grouping(corpus.articles, args.group_by)
    return True


def cmd_export(args, run) -> int:
    from .report.export import export
    from .report.reuse import INPUTS_FIELD, export_is_current, run_key

    codes = _check_codes(args)
    with _staged(args) as staged, _kernel_environment(args):
        corpus = _load(args, run)
        _check_group_by(args, corpus)
        key = run_key(corpus, run.tokenizer, csv=args.csv, codes=codes, group_by=args.group_by or "")
        previous = export_is_current(args.out, key)
        if previous:  # the staging folder is dropped, --out stays as it is
            print(f"nothing changed since the previous export: its {len(previous)} files in {args.out} are current")
            return 0
        written = export(corpus, args.out, progress=lambda name: print(f"  analysing: {name}", flush=True),
                         staged=staged, warn=_warn, csv=args.csv, record={INPUTS_FIELD: key}, run=run)
    print(f"  per-article work: {run.stats_text()}")
    print(f"wrote {len(written)} files to {args.out}")
    return 0


def _report_parameters(args) -> dict:
    """``--param NAME=VALUE`` checked against the notebooks' declarations and typed (before any work)."""
    from .report import params
    from .report.run import notebook_paths

    raw = {}
    for item in args.param:
        name, sep, value = item.partition("=")
        if not sep or not name.strip().isidentifier():
            raise params.ParamError(f"--param {item!r}: expected NAME=VALUE")
        raw[name.strip()] = value
    return params.check(raw, params.declared(notebook_paths(args.notebooks)))


def cmd_report(args, run) -> int:
    from .report import params
    from .report.run import notebook_paths, render_reports

    if args.list_params:
        print(params.listing(params.declared(notebook_paths(args.notebooks))))
        return 0
    missing = [opt for opt, value in (("--articles", args.articles), ("--out", args.out)) if value is None]
    if missing:
        raise CorpusError(f"kiji report needs {' and '.join(missing)}")
    parameters = _report_parameters(args)
    _check_codes(args)
    if args.codes:
        parameters["CODES"] = str(args.codes.resolve())
    with _staged(args) as staged, _kernel_environment(args):
        corpus = _load(args, run)
        if _check_group_by(args, corpus):
            parameters["GROUP_BY"] = args.group_by.strip()
        result = render_reports(args.articles, args.out, notebooks=args.notebooks, show_code=args.show_code,
                                corpus=corpus, staged=staged, warn=_warn, parameters=parameters, run=run)
    failed = [r for r in result if not r.ok]
    if failed:
        _err(f"{len(failed)} of {len(result)} notebooks failed: {', '.join(r.name for r in failed)}")
    print(f"reports: {args.out / 'index.html'}")
    return 1 if failed else 0


def _interrupt_once(signum, frame):
    """The first Ctrl-C raises KeyboardInterrupt; later ones are ignored while the run cleans up."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    raise KeyboardInterrupt


def main(argv: list[str] | None = None) -> int:
    """Run one command; Ctrl-C at any point after this line gives one line and exit 130."""
    in_main_thread = threading.current_thread() is threading.main_thread()
    previous = signal.signal(signal.SIGINT, _interrupt_once) if in_main_thread else None
    out: object = "the output folder"
    for stream in (sys.stdout, sys.stderr):  # a name of any bytes never stops a print
        if hasattr(stream, "reconfigure"):
            stream.reconfigure(errors="backslashreplace")
    try:
        args = _parser().parse_args(argv)
        out = getattr(args, "out", out)
        return _run(args)
    except KeyboardInterrupt:
        _close_progress_bars()
        print(f"kiji: interrupted; {out} left as it was", file=sys.stderr, flush=True)
        return 130
    finally:
        if in_main_thread:
            signal.signal(signal.SIGINT, previous)


def _close_progress_bars() -> None:
    """End every progress bar still open, on its own line, so the next message starts a line of its own."""
    tqdm = sys.modules.get("tqdm") or sys.modules.get("tqdm.auto")
    bars = list(getattr(getattr(tqdm, "tqdm", None), "_instances", None) or [])
    for bar in bars:
        with contextlib.suppress(Exception):
            bar.close()
    if bars:
        print(file=sys.stderr, flush=True)


def _os_error(exc: OSError) -> str:
    """One line for a failed write or read: what, where, and for a full disk what to do."""
    where = f" ({shown_name(str(exc.filename))})" if exc.filename else ""
    hint = "; free some space and run again" if exc.errno in (errno.ENOSPC, errno.EDQUOT) else ""
    return f"{exc.strerror or exc}{where}{hint}"


def _run(args: argparse.Namespace) -> int:
    from .codes.rules import CodeFileError
    from .core.parallel import ParallelError
    from .core.run import StageLost
    from .core.vocab import VocabError
    from .loading.groups import GroupingError
    from .report.output_folder import OutputError
    from .report.params import ParamError
    from .tokens.mecab import MecabUnavailable

    try:
        run = make_run(args)
    except (ParallelError, ValueError, MecabUnavailable) as exc:
        _err(str(exc))
        return 2
    try:
        with run:
            return {"export": cmd_export, "report": cmd_report}[args.command](args, run)
    except StageLost as exc:
        _err(f"{exc}; {args.out} left as it was")
        return 1
    except (CorpusError, OutputError, ParallelError, MecabUnavailable, ParamError, GroupingError,
            CodeFileError, VocabError) as exc:
        _err(str(exc))
        return 2
    except OSError as exc:  # a full disk, a folder that went away: one line, --out as it was
        _err(f"{_os_error(exc)}; {shown_name(str(args.out))} left as it was")
        return 1


if __name__ == "__main__":
    sys.exit(main())
