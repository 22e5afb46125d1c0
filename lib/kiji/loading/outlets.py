"""Outlet aliases from ``data/outlets.csv`` (columns ``alias``, ``outlet``, ``kind``).

Aliases are matched after NFKC normalization; aliases containing a dot are web
domains and match a URL's host (``www.washingtonpost.com`` → ワシントン・ポスト).
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from urllib.parse import urlparse

import pandas as pd

from .normalize import normalize_text
from ..core.paths import data_file


@dataclass(frozen=True)
class Outlets:
    by_alias: dict[str, str]
    by_domain: dict[str, str]

    def lookup(self, name: str) -> str:
        """Canonical outlet for an alias ('' when unknown)."""
        return self.by_alias.get(normalize_text(name).strip().casefold(), "")

    def from_url(self, url: str) -> str:
        """Canonical outlet whose domain serves ``url`` ('' when unknown)."""
        host = urlparse(url).netloc.lower().split(":")[0]
        for domain, outlet in self.by_domain.items():
            if host == domain or host.endswith("." + domain):
                return outlet
        return ""

    def aliases(self) -> list[str]:
        """Every non-domain alias, longest first (for scanning text)."""
        return sorted(self.by_alias, key=len, reverse=True)


@lru_cache(maxsize=4)
def _load(path: Path, mtime: float) -> Outlets:
    table = pd.read_csv(path, dtype=str, keep_default_na=False)
    by_alias, by_domain = {}, {}
    for alias, outlet in zip(table["alias"], table["outlet"]):
        alias = normalize_text(alias).strip()
        if not alias:
            continue
        if "." in alias and " " not in alias:
            by_domain[alias.lower()] = outlet
        else:
            by_alias[alias.casefold()] = outlet
    return Outlets(by_alias, by_domain)


def load_outlets(path: Path | None = None) -> Outlets:
    path = Path(path) if path else data_file("outlets.csv")
    return _load(path, path.stat().st_mtime)
