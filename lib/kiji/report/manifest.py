"""The run manifest ``kiji-run.json``: what a report run saw, to say what changed in the next one."""
from __future__ import annotations

import datetime as dt
import json
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


def read_manifest(out: Path) -> dict | None:
    try:
        return json.loads((out / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


def write_manifest(out: Path, corpus, figures: dict) -> None:
    data = {"articles": {a.article_id: {"sha256": a.content_sha256, "title": a.title}
                         for a in corpus.articles.itertuples()},
            "figures": figures, "generated": dt.datetime.now().isoformat(timespec="seconds")}
    tmp = out / (MANIFEST + ".tmp")
    tmp.write_text(json.dumps(data, ensure_ascii=False, indent=1), encoding="utf-8")
    tmp.replace(out / MANIFEST)


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


def versions() -> dict[str, str]:
    out = {}
    for pkg in ("kiji", "janome", "pandas", "matplotlib", "papermill", "nbconvert"):
        try:
            out[pkg] = metadata.version(pkg)
        except metadata.PackageNotFoundError:
            out[pkg] = "-"
    return out


