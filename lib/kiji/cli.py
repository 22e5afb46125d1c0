"""Command line: ``kiji export`` and ``kiji report`` (also ``python -m kiji``)."""
from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from . import __version__
from .loading.corpus import CorpusError, load_corpus


CACHE_HELP = "per-article cache folder (default data/cache; 'off' to disable)"


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="kiji", description="Analyse a folder of Japanese news articles.")
    parser.add_argument("--version", action="version", version=f"kiji {__version__}")
    sub = parser.add_subparsers(dest="command", required=True)
    exp = sub.add_parser("export", help="write the corpus tables (CSV with BOM + Parquet)")
    exp.add_argument("--articles", required=True, type=Path, help="folder holding the article files")
    exp.add_argument("--out", required=True, type=Path, help="folder to write the tables to")
    exp.add_argument("--metadata", type=Path, default=None, help="metadata override CSV (default data/metadata.csv)")
    exp.add_argument("--cache", type=str, default=None, help=CACHE_HELP)
    rep = sub.add_parser("report", help="execute every notebook on a folder and write HTML reports")
    rep.add_argument("--articles", required=True, type=Path, help="folder holding the article files")
    rep.add_argument("--out", required=True, type=Path, help="folder to write the reports to")
    rep.add_argument("--notebooks", type=Path, default=None, help="folder of notebooks (default: the project's)")
    rep.add_argument("--no-input", action="store_true", help="hide code cells in the HTML")
    rep.add_argument("--cache", type=str, default=None, help=CACHE_HELP)
    return parser


def _err(message: str) -> None:
    print(f"kiji: error: {message}", file=sys.stderr)


def _load(args):
    corpus = load_corpus(args.articles, metadata=getattr(args, "metadata", None))
    print(f"{args.articles}: {corpus.summary()}")
    for name, reason in corpus.skipped.itertuples(index=False):
        print(f"  skipped {name}: {reason}")
    if corpus.articles.empty:
        raise CorpusError(f"no loadable article in {args.articles}")
    return corpus


def cmd_export(args) -> int:
    from .core import cache
    from .report.export import export

    corpus = _load(args)
    cache.PROGRESS["enabled"] = True
    written = export(corpus, args.out, progress=lambda name: print(f"  analysing: {name}"))
    print(f"  per-article work: {cache.stats_text()}")
    print(f"wrote {len(written)} files to {args.out}")
    return 0


def cmd_report(args) -> int:
    from .report.run import render_reports

    corpus = _load(args)
    result = render_reports(args.articles, args.out, notebooks=args.notebooks, no_input=args.no_input,
                            corpus=corpus)
    failed = [r for r in result if not r.ok]
    for r in failed:
        _err(f"notebook {r.name} failed: {r.error.splitlines()[0] if r.error else ''}")
    print(f"reports: {args.out / 'index.html'}")
    return 1 if failed else 0


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    if getattr(args, "cache", None):
        # also reaches the notebook kernels, which inherit the environment
        os.environ["KIJI_CACHE"] = args.cache if args.cache.lower() == "off" else str(Path(args.cache).resolve())
    try:
        return {"export": cmd_export, "report": cmd_report}[args.command](args)
    except CorpusError as exc:
        _err(str(exc))
        return 2
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    sys.exit(main())
