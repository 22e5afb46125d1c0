"""The run manifest ``kiji-run.json``: what a run wrote and saw, to say what changed in the next one.

Written last into every output folder (:mod:`kiji.report.output_folder`):
``kind`` (``export`` or ``report``), ``generated``, ``articles`` (article id →
``sha256``, ``title``), ``figures`` (headline figure → number) and ``files``
(every file kiji wrote, relative path → SHA-256).  A manifest of another
shape (edited, truncated, from elsewhere) is ignored with one warning.
"""
from __future__ import annotations

import json
import os
import stat
from importlib import metadata
from pathlib import Path

from ..loading.inventory import summary

MANIFEST = "kiji-run.json"


def headline_figures(corpus, tables: dict) -> dict[str, float]:
    """Figures compared between runs: corpus size plus one or two per analysis."""
    s = summary(corpus)
    figures = {"articles": s["articles"], "skipped files": s["skipped"], "sentences": s["sentences"],
               "characters": s["characters"]}
    if "tokens" in tables:
        figures["tokens"] = len(tables["tokens"])
    if "sources" in tables and len(tables["sources"]):
        src = tables["sources"]
        figures["attributions"] = len(src)
        figures["anonymous share"] = round(float((src["source_kind"] == "anonymous").mean()), 3)
    if "escalation" in tables:
        figures["escalation mentions"] = len(tables["escalation"])
    if "events" in tables:
        figures["dated events"] = len(tables["events"])
    return figures


def read_manifest(out: Path, warn=None) -> dict | None:
    """The manifest in ``out`` when it has the expected shape; None (and one warning) otherwise."""
    path = Path(out) / MANIFEST
    try:
        st = os.lstat(path)
    except OSError:
        return None
    problem, data = "", None
    if not stat.S_ISREG(st.st_mode) or st.st_size > 50 * 2**20:
        problem = "not a regular file of sensible size"
    else:
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError) as exc:
            problem = f"unreadable ({type(exc).__name__})"
    problem = problem or manifest_problem(data)
    if problem:
        if warn:
            warn(f"{path}: {problem}; ignored (no comparison with the previous run)")
        return None
    return data


def manifest_problem(data) -> str:
    """'' when ``data`` has the manifest's shape, else what is wrong."""
    if not isinstance(data, dict):
        return "not a JSON object"
    articles = data.get("articles", {})
    if not isinstance(articles, dict) or not all(
            isinstance(k, str) and isinstance(v, dict) and isinstance(v.get("sha256", ""), str)
            and isinstance(v.get("title", ""), str) for k, v in articles.items()):
        return "'articles' is not a mapping of article id to {sha256, title}"
    figures = data.get("figures", {})
    if not isinstance(figures, dict) or not all(
            isinstance(k, str) and (v is None or (isinstance(v, (int, float)) and not isinstance(v, bool)))
            for k, v in figures.items()):
        return "'figures' is not a mapping of name to number"
    files = data.get("files", {})
    if not isinstance(files, dict) or not all(isinstance(k, str) and isinstance(v, str) for k, v in files.items()):
        return "'files' is not a mapping of file name to SHA-256"
    if not isinstance(data.get("generated", ""), str):
        return "'generated' is not text"
    return ""


def manifest_data(kind: str, corpus, figures: dict | None = None) -> dict:
    """What a run records about itself (the output folder adds ``generated`` and ``files``)."""
    return {"kind": kind,
            "articles": {str(a.article_id): {"sha256": str(a.content_sha256), "title": str(a.title)}
                         for a in corpus.articles.itertuples()},
            "figures": figures or {}}


def compare_runs(previous: dict | None, corpus, figures: dict) -> dict | None:
    """New, removed and changed articles, and the headline figures that moved, since ``previous``."""
    if not previous:
        return None
    before = previous.get("articles", {})
    now = {a.article_id: a for a in corpus.articles.itertuples()}
    old_figures = previous.get("figures", {})
    return {
        "since": previous.get("generated", ""),
        "new": sorted(set(now) - set(before)),
        "removed": sorted((aid, before[aid].get("title", "")) for aid in set(before) - set(now)),
        "changed": sorted(aid for aid in set(now) & set(before)
                          if before[aid].get("sha256") != now[aid].content_sha256),
        "moved": [(k, old_figures.get(k), v) for k, v in figures.items() if old_figures.get(k) != v],
    }


REPORT_PACKAGES = ("kiji", "janome", "pandas", "matplotlib", "papermill", "nbconvert")


def versions(packages: tuple[str, ...] = REPORT_PACKAGES) -> dict[str, str]:
    """Installed version of each package ('-' when it is not installed)."""
    out = {}
    for pkg in packages:
        try:
            out[pkg] = metadata.version(pkg)
        except metadata.PackageNotFoundError:
            out[pkg] = "-"
    return out


