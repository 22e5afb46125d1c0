"""kiji benchmark: ``make bench`` (or ``python benchmarks/bench.py``).

For each corpus size N (default 100, 1,000 and 10,000 articles), built by
recombining the project's own test texts (``tests/corpus_factory.py``) or
taken from a folder (``--articles DIR``: its first N files), it measures in one
run, each step in a fresh process:

* a plain janome loop over the corpus's sentences (``Tokenizer().tokenize``),
  the reference every ratio is taken to, and its characters per second; and a
  plain MeCab loop (fugashi + ipadic, surface and features read), the floor;
* kiji's tokenization (``tokenize_corpus``, no cache) with 1 and 2 jobs, and
  with ``--tokenizer mecab`` (2 jobs), plus the share of identical tokens;
* ``kiji export`` cold (empty cache, 2 jobs) with janome and with MeCab;
  warm (nothing changed: the previous export is kept); warm into a new
  folder (every per-article result from the cache, all tables written);
  and with one article added;
* ``kiji report`` cold and warm (for the sizes in ``--report-sizes``);
* peak memory: the largest resident set of the process tree (kiji plus its
  worker processes and kernels), sampled every 0.1 s;
* CPU time of every step: user + system seconds of its whole process tree (the
  larger of ``getrusage(RUSAGE_CHILDREN)`` around it and the sum over the processes
  seen while sampling), and the load average when it started.
  On a shared machine wall time depends on the others' work; CPU time much less,
  so before/after comparisons should use it.

Results go to ``benchmarks/RESULTS.md`` (``--out``), with the machine and the
issue's targets, each marked met or not.  Not part of ``make test``.
"""
from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import resource
import shutil
import subprocess
import sys
import tempfile
import textwrap
import time
from pathlib import Path

import psutil

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

PY = sys.executable


# --------------------------------------------------------------------------- measuring
def measure(cmd: list[str], env: dict | None = None, cwd: Path | None = None, may_fail: bool = False) -> dict:
    """Run ``cmd``; wall seconds, peak RSS of its process tree (MiB), exit code, output tail."""
    full_env = {**os.environ, **(env or {})}
    load = os.getloadavg()[0]
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, env=full_env, cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                            text=True)
    peak = 0
    cpu_seen: dict[int, float] = {}  # per process of the tree: its last user + system seconds
    out_lines: list[str] = []
    import threading

    def reader():
        for line in proc.stdout:
            out_lines.append(line)
    t = threading.Thread(target=reader, daemon=True)
    t.start()
    ps = psutil.Process(proc.pid)
    while proc.poll() is None:
        try:
            procs = [ps] + ps.children(recursive=True)
            total = 0
            for p in procs:
                try:
                    total += p.memory_info().rss
                    times = p.cpu_times()
                    cpu_seen[p.pid] = times.user + times.system
                except psutil.Error:
                    pass
            peak = max(peak, total)
        except psutil.Error:
            pass
        time.sleep(0.1)
    seconds = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    # reaped descendants only (a forkserver's workers are not ours to reap), or the sampled sum
    # (misses each process's last 0.1 s): the larger of the two
    cpu = max((after.ru_utime - usage.ru_utime) + (after.ru_stime - usage.ru_stime), sum(cpu_seen.values()))
    t.join(timeout=5)
    if proc.returncode != 0 and not may_fail:
        print("".join(out_lines[-30:]), file=sys.stderr)
        raise SystemExit(f"benchmark step failed ({proc.returncode}): {' '.join(cmd)}")
    return {"seconds": seconds, "cpu_s": cpu, "load": load, "peak_mib": peak / 2**20,
            "output": "".join(out_lines[-20:]),
            "returncode": proc.returncode, "all_output": "".join(out_lines)}


RAW_JANOME = """
import sys, time, pandas as pd
from janome.tokenizer import Tokenizer
texts = pd.read_parquet(sys.argv[1])["text_norm"].tolist()
tok = Tokenizer()
start, cpu = time.perf_counter(), time.process_time()
n = 0
for text in texts:
    for t in tok.tokenize(text):
        n += 1
seconds = time.perf_counter() - start
print("RESULT", seconds, sum(map(len, texts)), n, time.process_time() - cpu)
"""

RAW_MECAB = """
import sys, time, pandas as pd
import fugashi, ipadic
texts = pd.read_parquet(sys.argv[1])["text_norm"].tolist()
tagger = fugashi.GenericTagger(ipadic.MECAB_ARGS)
start, cpu = time.perf_counter(), time.process_time()
n = 0
for text in texts:
    for w in tagger(text):
        surface, feature = w.surface, w.feature
        n += 1
seconds = time.perf_counter() - start
print("RESULT", seconds, sum(map(len, texts)), n, time.process_time() - cpu)
"""

KIJI_TOKENIZE = """
import sys, time
if __name__ == "__main__":
    import kiji
    from kiji.core.parallel import make_executor
    from kiji.core.run import Run
    from kiji.tokens import tokenize_corpus
    run = Run(cache=None, executor=make_executor(int(sys.argv[2])), tokenizer=sys.argv[3])
    corpus = kiji.load_corpus(sys.argv[1], run=run)
    start = time.perf_counter()
    tokens = tokenize_corpus(corpus, run=run)
    seconds = time.perf_counter() - start
    tokens.to_parquet(sys.argv[4])
    print("RESULT", seconds, len(tokens))
"""


def result_line(output: str) -> list[float]:
    for line in output.splitlines():
        if line.startswith("RESULT"):
            return [float(x) for x in line.split()[1:]]
    raise SystemExit(f"no RESULT line in:\n{output}")


def identical_share(janome_path: Path, mecab_path: Path) -> float:
    import pandas as pd

    cols = ["article_id", "sentence_id", "start", "surface", "base_form", "pos", "pos1", "pos2", "pos3"]
    j = pd.read_parquet(janome_path, columns=cols).astype(str)
    m = pd.read_parquet(mecab_path, columns=cols).astype(str)
    same = j.merge(m, on=cols, how="inner")
    return len(same) / max(len(j), len(m))


# --------------------------------------------------------------------------- corpora
def build_corpus(folder: Path, n: int, source: Path | None) -> None:
    if folder.exists():
        shutil.rmtree(folder)
    if source is None:
        from tests.corpus_factory import make_corpus

        make_corpus(folder, n, seed=0, layout="flat")
        return
    files = sorted(p for p in source.iterdir() if p.is_file() and not p.name.startswith("."))[:n]
    if len(files) < n:
        raise SystemExit(f"{source} holds only {len(files)} files, fewer than {n}")
    folder.mkdir(parents=True)
    for p in files:
        shutil.copy(p, folder / p.name)


def add_one_article(folder: Path, n: int, source: Path | None, work: Path) -> None:
    if source is None:
        from tests.corpus_factory import make_corpus

        extra = work / "plus-one"
        paths = make_corpus(extra, n + 1, seed=0, layout="flat")
        shutil.copy(paths[-1], folder / paths[-1].name)
        shutil.rmtree(extra)
        return
    files = sorted(p for p in source.iterdir() if p.is_file() and not p.name.startswith("."))
    if len(files) <= n:
        raise SystemExit(f"{source} has no article beyond the first {n} for the +1 step")
    shutil.copy(files[n], folder / files[n].name)


# --------------------------------------------------------------------------- one size
def bench_size(n: int, work: Path, source: Path | None, with_report: bool, with_tokenize: bool, log,
               tokenizers: tuple[str, ...] = ("janome", "mecab")) -> dict:
    import kiji

    arts = work / f"articles-{n}"
    build_corpus(arts, n, source)
    env_off = {"KIJI_CACHE": "off"}
    os.environ["KIJI_CACHE"] = "off"
    corpus = kiji.load_corpus(arts)
    texts = work / f"sentences-{n}.parquet"
    corpus.sentences[["text_norm"]].to_parquet(texts)
    chars = int(corpus.sentences["text_norm"].str.len().sum())
    r: dict = {"n": n, "articles": len(corpus.articles), "sentences": len(corpus.sentences), "chars": chars}
    del corpus

    log(f"N={n}: raw janome loop over {chars:,} characters ...")
    for key, script in (("raw_janome", RAW_JANOME), ("raw_mecab", RAW_MECAB)):
        m = measure([PY, "-c", script, str(texts)])
        seconds, _, n_tokens, cpu = result_line(m["output"])
        r[key] = {"seconds": seconds, "cpu_s": cpu, "chars_per_s": chars / seconds, "tokens": int(n_tokens),
                  "peak_mib": m["peak_mib"], "load": m["load"]}

    steps = (("tok_janome_1", 1, "janome"), ("tok_janome_2", 2, "janome"), ("tok_mecab_2", 2, "mecab"))
    for label, jobs, name in steps if with_tokenize else ():
        log(f"N={n}: kiji tokenization {name}, {jobs} job(s) ...")
        out = work / f"tokens-{n}-{label}.parquet"
        m = measure([PY, "-c", KIJI_TOKENIZE, str(arts), str(jobs), name, str(out)], env=env_off)
        seconds, rows = result_line(m["output"])
        r[label] = {"seconds": seconds, "tokens": int(rows), "peak_mib": m["peak_mib"]}
    if with_tokenize:
        r["mecab_identical_share"] = identical_share(work / f"tokens-{n}-tok_janome_1.parquet",
                                                     work / f"tokens-{n}-tok_mecab_2.parquet")

    def export(label: str, out: Path, cache: Path, *extra: str) -> None:
        log(f"N={n}: kiji export {label} ...")
        m = measure([PY, "-m", "kiji", "export", "--articles", str(arts), "--out", str(out),
                     "--cache", str(cache), "--jobs", "2", *extra])
        r[label] = {"seconds": m["seconds"], "cpu_s": m["cpu_s"], "load": m["load"], "peak_mib": m["peak_mib"]}

    cache, cache_mecab = work / f"cache-{n}", work / f"cache-mecab-{n}"
    for folder in (cache, cache_mecab):
        shutil.rmtree(folder, ignore_errors=True)
    if "janome" in tokenizers:
        export("export_cold", work / f"export-{n}", cache)
    if "mecab" in tokenizers:
        export("export_cold_mecab", work / f"export-mecab-{n}", cache_mecab, "--tokenizer", "mecab")
    # warm runs and +1 with the first tokenizer measured
    main = () if tokenizers[0] == "janome" else ("--tokenizer", "mecab")
    out, cache_main = (work / f"export-{n}", cache) if not main else (work / f"export-mecab-{n}", cache_mecab)
    r["warm_tokenizer"] = tokenizers[0]
    export("export_warm", out, cache_main, *main)
    export("export_warm_new_folder", work / f"export-{n}-b", cache_main, *main)
    add_one_article(arts, n, source, work)
    export("export_plus_one", out, cache_main, *main)

    if with_report:
        for label in ("report_cold", "report_warm"):
            log(f"N={n}: kiji report ({label}) ...")
            m = measure([PY, "-m", "kiji", "report", "--articles", str(arts), "--out", str(work / f"report-{n}"),
                         "--cache", str(work / f"cache-report-{n}"), "--jobs", "2"], may_fail=True)
            failed = [line.split(":")[0].split()[-1] for line in m["all_output"].splitlines()
                      if line.startswith("[") and ": FAILED" in line]
            reused = sum("previous page re-used" in line for line in m["all_output"].splitlines())
            pages = [line.strip() for line in m["all_output"].splitlines()
                     if line.startswith("[") and (": ok" in line or ": FAILED" in line or "re-used" in line)]
            r[label] = {"seconds": m["seconds"], "cpu_s": m["cpu_s"], "load": m["load"], "peak_mib": m["peak_mib"],
                        "failed": failed, "reused": reused, "pages": pages}
    for p in work.glob(f"tokens-{n}-*.parquet"):
        p.unlink()
    return r


# --------------------------------------------------------------------------- report
def machine() -> dict:
    cpu = platform.processor() or ""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    from kiji.report.manifest import versions as package_versions

    versions = package_versions(("janome", "fugashi", "ipadic", "pandas", "pyarrow", "dask"))
    return {"cpu": cpu, "cores": len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count(),
            "ram_gib": psutil.virtual_memory().total / 2**30, "python": platform.python_version(),
            "os": platform.platform(), "versions": versions, "load": os.getloadavg()}


def ratio(r: dict, key: str) -> float:
    return r[key]["seconds"] / r["raw_janome"]["seconds"]


def render(results: list[dict], before: dict, after: dict, started: str, source: Path | None) -> str:
    def fmt_s(x):
        return f"{x:,.1f} s" if x >= 1 else f"{x:.2f} s"

    lines = ["# kiji benchmark results", "",
             (f"Measured {started} UTC by `make bench` (`benchmarks/bench.py`), every figure below from this one run."
              if not started.startswith("from ") else
              f"Rendered {dt.datetime.now(dt.timezone.utc):%Y-%m-%d %H:%M} UTC by `benchmarks/bench.py` {started} "
              "(see below for when each was measured; the load averages below are those at rendering time)."),
             "", "## Machine", "",
             f"- CPU: {before['cpu']}, {before['cores']} cores available; RAM {before['ram_gib']:.0f} GiB",
             f"- Python {before['python']} on {before['os']}",
             "- " + ", ".join(f"{k} {v}" for k, v in before["versions"].items()),
             f"- Load average (1/5/15 min) at the start: {' / '.join(f'{x:.1f}' for x in before['load'])}; "
             f"at the end: {' / '.join(f'{x:.1f}' for x in after['load'])}.",
             "- **The machine was shared** with other developers' test runs while this ran: absolute times "
             "vary between runs; the ratios compare steps measured minutes apart in the same run.",
             "", "## Corpora", "",
             ("Built by recombining the project's own test articles (`tests/corpus_factory.py`, seed 0, flat "
              "layout: plain-text and livedoor-format files, some Shift_JIS)." if source is None else
              f"The first N files of `{source}`."), "",
             "| N | articles | sentences | characters |", "|---:|---:|---:|---:|"]
    for r in results:
        lines.append(f"| {r['n']:,} | {r['articles']:,} | {r['sentences']:,} | {r['chars']:,} |")
    lines += ["", "## Figures", "",
              "Time (wall clock, fresh process each, including Python start-up and imports for the `kiji` "
              "commands), ratio to the raw janome loop over the same sentences, peak memory of the process tree "
              "(kiji, its worker processes, notebook kernels).", ""]
    header = "| step | " + " | ".join(f"N={r['n']:,}" for r in results) + " |"
    lines += [header, "|---|" + "---:|" * len(results)]
    rows = [("raw janome loop (reference)", "raw_janome"),
            ("raw MeCab loop (fugashi + ipadic, features read)", "raw_mecab"),
            ("kiji tokenization, janome, 1 job", "tok_janome_1"),
            ("kiji tokenization, janome, 2 jobs", "tok_janome_2"), ("kiji tokenization, MeCab, 2 jobs", "tok_mecab_2"),
            ("`kiji export` cold, janome, 2 jobs", "export_cold"),
            ("`kiji export` cold, MeCab, 2 jobs", "export_cold_mecab"),
            ("`kiji export` warm (nothing changed)", "export_warm"),
            ("`kiji export` warm into a new folder", "export_warm_new_folder"),
            ("`kiji export` with 1 article added", "export_plus_one"),
            ("`kiji report` cold", "report_cold"), ("`kiji report` warm (nothing changed)", "report_warm")]
    for label, key in rows:
        cells = []
        for r in results:
            if key not in r:
                cells.append("not run")
            elif key in ("raw_janome", "raw_mecab"):
                cells.append(f"{fmt_s(r[key]['seconds'])} ({r[key]['chars_per_s']:,.0f} chars/s)")
            else:
                cells.append(f"{fmt_s(r[key]['seconds'])} = {ratio(r, key):.2f}×")
        lines.append(f"| {label} | " + " | ".join(cells) + " |")
    def peak(r, key):
        return f"{r[key]['peak_mib']:,.0f} MiB" if key in r else "not run"

    lines.append("| peak memory, cold export (janome) | " + " | ".join(peak(r, "export_cold") for r in results) + " |")
    lines.append("| peak memory, cold export (MeCab) | " + " | ".join(peak(r, "export_cold_mecab") for r in results)
                 + " |")
    lines.append("| peak memory, `kiji report` cold | " + " | ".join(peak(r, "report_cold") for r in results) + " |")
    lines.append("| `kiji report`: notebooks failed / pages re-used (cold; warm) | "
                 + " | ".join(f"{', '.join(r['report_cold']['failed']) or 'none'} / {r['report_cold']['reused']}; "
                              f"{', '.join(r['report_warm']['failed']) or 'none'} / {r['report_warm']['reused']}"
                              if "report_cold" in r else "not run" for r in results) + " |")
    lines.append("| MeCab tokens identical to janome's | "
                 + " | ".join(f"{r['mecab_identical_share']:.2%}" if "mecab_identical_share" in r else "not run"
                              for r in results) + " |")
    lines.append("| tokenizer of the warm and +1 runs | " + " | ".join(r.get("warm_tokenizer", "janome")
                                                                    for r in results) + " |")
    for r in results:
        for label in ("report_cold", "report_warm"):
            if label in r:
                lines.append(f"\n`kiji report` N={r['n']:,}, {label.split('_')[1]}: " + "; ".join(r[label]["pages"]))

    def cold(r):
        return r["export_cold"] if "export_cold" in r else r["export_cold_mecab"]

    derived = []
    for r in results:
        parts = []
        if "tok_janome_1" in r:
            parts.append(f"2 jobs vs 1 job {r['tok_janome_1']['seconds'] / r['tok_janome_2']['seconds']:.2f}× as fast")
            parts.append(f"MeCab vs janome tokenization (2 jobs) "
                         f"{r['tok_janome_2']['seconds'] / r['tok_mecab_2']['seconds']:.1f}× as fast")
        if "export_cold" in r and "export_cold_mecab" in r:
            parts.append(f"MeCab vs janome cold export {r['export_cold']['seconds'] / r['export_cold_mecab']['seconds']:.1f}×"
                         " as fast")
        parts.append(f"warm/cold {r['export_warm']['seconds'] / cold(r)['seconds']:.3f}")
        parts.append(f"+1/cold {r['export_plus_one']['seconds'] / cold(r)['seconds']:.3f}")
        if "report_cold" in r:
            parts.append(f"report warm/cold {r['report_warm']['seconds'] / r['report_cold']['seconds']:.3f}")
        derived.append(f"N={r['n']:,}: " + ", ".join(parts))
    lines += ["", "Derived (warm and +1 against the cold export with the same tokenizer): " + "; ".join(derived) + "."]
    big = [r for r in results if r["n"] >= 1000]
    if len(big) >= 2:
        a, b = big[-2], big[-1]
        key = "export_cold" if "export_cold" in a and "export_cold" in b else "export_cold_mecab"
        lines += ["", f"Scaling {a['n']:,} → {b['n']:,} articles ({b['chars'] / a['chars']:.1f}× the characters): "
                  f"cold export ({'janome' if key == 'export_cold' else 'MeCab'}) "
                  f"{b[key]['seconds'] / a[key]['seconds']:.1f}× the time, "
                  f"raw janome loop {b['raw_janome']['seconds'] / a['raw_janome']['seconds']:.1f}×, "
                  f"+1 article {b['export_plus_one']['seconds'] / a['export_plus_one']['seconds']:.1f}×, "
                  f"peak memory {b[key]['peak_mib'] / a[key]['peak_mib']:.1f}×."]
    lines += cpu_table(results)
    lines += ["", "## Targets of issue 13", "", "| target | measured | met? |", "|---|---|---|"]
    top = max(results, key=lambda r: r["n"])

    def target(name, ok, shown):
        lines.append(f"| {name} | {shown} | {'met' if ok else '**not met**'} |")

    for r in results:
        tag = f" (N={r['n']:,})"
        if "export_cold" in r:
            target("cold export ≤ 0.6× raw janome loop (janome, 2 jobs)" + tag, ratio(r, "export_cold") <= 0.6,
                   f"{ratio(r, 'export_cold'):.2f}×")
        if "export_cold_mecab" in r:
            target("cold export with MeCab ≤ 0.15× raw janome loop" + tag, ratio(r, "export_cold_mecab") <= 0.15,
                   f"{ratio(r, 'export_cold_mecab'):.2f}×")
        w = r["export_warm"]["seconds"] / cold(r)["seconds"]
        target("warm export ≤ 0.1× cold" + tag, w <= 0.1, f"{w:.3f}×")
        p = r["export_plus_one"]["seconds"] / cold(r)["seconds"]
        target("+1 article ≤ 0.12× cold" + tag, p <= 0.12, f"{p:.3f}×")
        if "report_cold" in r:
            q = r["report_warm"]["seconds"] / r["report_cold"]["seconds"]
            target("`kiji report` with nothing new ≤ 0.15× its cold run" + tag, q <= 0.15, f"{q:.3f}×")
    shares = [r["mecab_identical_share"] for r in results if "mecab_identical_share" in r]
    if shares:
        target("MeCab ≥ 99% identical tokens (generated corpora)", min(shares) >= 0.99, f"{min(shares):.2%} (lowest)")
    pk = max((r[k]["peak_mib"] for k in ("export_cold", "export_cold_mecab") if k in top), default=0)
    target(f"peak RSS ≤ 2 GiB at {top['n']:,} articles (cold export, process tree)", pk <= 2048, f"{pk:,.0f} MiB")
    lines += targets_20(results)
    return "\n".join(lines) + "\n"


CPU_ROWS = (("raw janome loop (reference)", "raw_janome"), ("raw MeCab loop (floor)", "raw_mecab"),
            ("`kiji export` cold, janome, 2 jobs", "export_cold"),
            ("`kiji export` cold, MeCab, 2 jobs", "export_cold_mecab"),
            ("`kiji export` warm (nothing changed)", "export_warm"),
            ("`kiji export` with 1 article added", "export_plus_one"),
            ("`kiji report` cold", "report_cold"), ("`kiji report` warm (nothing changed)", "report_warm"))


def cpu_table(results: list[dict]) -> list[str]:
    """CPU seconds (user + system of the step's process tree) with the ratios to both plain loops, and
    the 1-minute load average when each step started."""
    if not any("cpu_s" in r.get("raw_janome", {}) for r in results):
        return []  # results of a bench that did not measure CPU time
    lines = ["", "CPU time (user + system seconds of the whole process tree: steady on a shared machine, "
             "unlike wall time), as × the plain janome loop / × the plain MeCab loop, and the 1-minute load "
             "average when the step started:", "",
             "| step | " + " | ".join(f"N={r['n']:,}" for r in results) + " |", "|---|" + "---:|" * len(results)]
    for label, key in CPU_ROWS:
        cells = []
        for r in results:
            step, jan, mec = r.get(key, {}), r.get("raw_janome", {}), r.get("raw_mecab", {})
            if "cpu_s" not in step:
                cells.append("not run")
                continue
            text = f"{step['cpu_s']:,.1f} s"
            if key not in ("raw_janome", "raw_mecab") and jan.get("cpu_s") and mec.get("cpu_s"):
                text += f" = {step['cpu_s'] / jan['cpu_s']:.2f}× / {step['cpu_s'] / mec['cpu_s']:.0f}×"
            cells.append(f"{text} (load {step.get('load', float('nan')):.1f})")
        lines.append(f"| {label} | " + " | ".join(cells) + " |")
    return lines


def targets_20(results: list[dict]) -> list[str]:
    """Issue 20's targets, on wall time (as the issue states them) and on CPU time."""
    lines = ["", "## Targets of issue 20 (wall time; CPU time in brackets)", "",
             "| target | measured | met? |", "|---|---|---|"]

    def both(r, key, ref):
        wall = r[key]["seconds"] / r[ref]["seconds"]
        cpu = (r[key]["cpu_s"] / r[ref]["cpu_s"]) if r[key].get("cpu_s") and r[ref].get("cpu_s") else None
        return wall, cpu

    def row(name, value, limit):
        wall, cpu = value
        shown = f"{wall:.3f}×" + (f" ({cpu:.3f}×)" if cpu is not None else "")
        lines.append(f"| {name} | {shown} | {'met' if wall <= limit else '**not met**'} |")

    for r in results:
        tag = f" (N={r['n']:,})"
        if "raw_mecab" not in r:
            continue
        if "export_cold_mecab" in r:
            row("cold export with MeCab ≤ 0.25× plain janome loop" + tag, both(r, "export_cold_mecab", "raw_janome"),
                0.25)
        if "export_cold" in r:
            row("cold export with janome ≤ 0.9× plain janome loop" + tag, both(r, "export_cold", "raw_janome"), 0.9)
        cold = "export_cold_mecab" if r.get("warm_tokenizer") == "mecab" else "export_cold"
        if cold in r:
            row("nothing new ≤ 0.05× cold" + tag, both(r, "export_warm", cold), 0.05)
            row("one article added ≤ 0.1× cold" + tag, both(r, "export_plus_one", cold), 0.1)
        if "report_cold" in r and cold in r:
            row("`kiji report` cold ≤ 3× the cold export" + tag, both(r, "report_cold", cold), 3.0)
            lines.append(f"| `kiji report` cold: process tree ≤ 2 GiB{tag} | {r['report_cold']['peak_mib']:,.0f} MiB | "
                         f"{'met' if r['report_cold']['peak_mib'] <= 2048 else '**not met**'} |")
    return lines


def seeds_parity() -> str:
    """MeCab vs janome on the five seeds, with the shipped data files (the issue's reference figure)."""
    code = ("import kiji; from kiji.tokens import parity; "
            "print(parity.compare(kiji.load_corpus('seeds').sentences).summary())")
    out = subprocess.run([PY, "-c", code], cwd=ROOT, capture_output=True, text=True,
                         env={**os.environ, "KIJI_CACHE": "off", "KIJI_DATA": str(ROOT / "data")})
    return out.stdout.strip() or out.stderr.strip().splitlines()[-1]


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", default=os.environ.get("BENCH_SIZES", "100,1000,10000"))
    parser.add_argument("--report-sizes", default=os.environ.get("BENCH_REPORT_SIZES", "100"),
                        help="sizes at which kiji report is measured too (it executes every notebook)")
    parser.add_argument("--tokenize-sizes", default=os.environ.get("BENCH_TOKENIZE_SIZES", "100,1000"),
                        help="sizes at which tokenization alone is measured (1 and 2 jobs, MeCab)")
    parser.add_argument("--articles", type=Path, default=os.environ.get("BENCH_ARTICLES") or None,
                        help="take the corpora from this folder instead of the generated ones")
    parser.add_argument("--out", type=Path, default=ROOT / "benchmarks" / "RESULTS.md")
    parser.add_argument("--work", type=Path, default=None, help="scratch folder (default: a temporary one)")
    parser.add_argument("--export-tokenizers", default=os.environ.get("BENCH_EXPORT_TOKENIZERS", "janome,mecab"),
                        help="cold exports to measure; warm and +1 runs use the first")
    parser.add_argument("--from-json", type=Path, nargs="*", default=None,
                        help="render RESULTS.md from the results.json file(s) of earlier (possibly partial) runs")
    parser.add_argument("--notes", type=Path, default=ROOT / "benchmarks" / "NOTES.md",
                        help="text appended to the results (what the figures mean)")
    args = parser.parse_args(argv)
    sizes = [int(s) for s in args.sizes.split(",") if s.strip()]
    report_sizes = {int(s) for s in args.report_sizes.split(",") if s.strip()}
    tokenize_sizes = {int(s) for s in args.tokenize_sizes.split(",") if s.strip()}
    work = args.work or Path(tempfile.mkdtemp(prefix="kiji-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    started = dt.datetime.now(dt.timezone.utc).strftime("%Y-%m-%d %H:%M")
    before = machine()

    def log(msg):
        print(f"[{dt.datetime.now().strftime('%H:%M:%S')}] {msg}", flush=True)

    results = []
    if args.from_json:
        results = [r for path in args.from_json for r in json.loads(path.read_text())]
        sizes = []
        started = "from " + ", ".join(f"`{p}`" for p in args.from_json)
    try:
        for n in sizes:
            results.append(bench_size(n, work, args.articles, n in report_sizes, n in tokenize_sizes, log,
                                      tuple(t.strip() for t in args.export_tokenizers.split(",") if t.strip())))
            (work / "results.json").write_text(json.dumps(results, indent=1))
    finally:
        if args.work is None:
            shutil.rmtree(work, ignore_errors=True)
    text = render(results, before, machine(), started, args.articles)
    text += "\n## MeCab parity on the seeds\n\n```\n" + seeds_parity() + "\n```\n"
    if args.notes and args.notes.exists():
        text += "\n" + args.notes.read_text(encoding="utf-8")
    args.out.write_text(text, encoding="utf-8")
    print(text)
    print(textwrap.dedent(f"written to {args.out}"))


if __name__ == "__main__":
    main()
