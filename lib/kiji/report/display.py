"""What a report notebook shows: bounded tables with a link to the full CSV, and findings as
sentences.

``configure(DATA_DIR)`` once per notebook (``DATA_DIR`` is the report's ``data/`` folder, passed
by ``kiji report``; empty when the notebook runs on its own).  ``table(frame, "name")`` then writes
the full table to ``DATA_DIR/name.csv`` (+ Parquet, Excel-safe like every export) and shows its top
``n`` rows with full, wrapping text, the count of rows left out and a link to the CSV.
``say("…")`` shows a computed finding as a paragraph.  Everything is HTML-escaped here and
sanitized again by :mod:`kiji.report.sanitize`.
"""
from __future__ import annotations

import html
import re
from pathlib import Path

import pandas as pd

from ..core.run import SETTINGS_FILE, Run, use_run

_STATE: dict[str, Path | None] = {"data_dir": None}
#: Tables this process wrote (it may write them again; a table it did not write is never overwritten)
_WRITTEN: set[str] = set()
_NAME = re.compile(r"^[A-Za-z0-9_][A-Za-z0-9_.-]*$")

#: Rows shown by default before "… N more rows".
TOP_ROWS = 15


def configure(data_dir: str | Path | None) -> None:
    """Where :func:`table` writes full tables (``None`` or ``""``: nowhere).  When ``kiji report``
    saved its run's settings there, library calls in this kernel compute as that run did
    (:meth:`kiji.core.run.Run.load`: tokenizer, cache, data folder, workers)."""
    _STATE["data_dir"] = Path(data_dir) if data_dir else None
    if data_dir and (Path(data_dir) / SETTINGS_FILE).is_file():
        use_run(Run.load(data_dir))


class Table:
    """A bounded view of a DataFrame for a report page."""

    def __init__(self, frame: pd.DataFrame, n: int, link: str | None, caption: str = ""):
        self.frame, self.n, self.link, self.caption = frame, n, link, caption

    @property
    def hidden(self) -> int:
        return max(len(self.frame) - self.n, 0)

    def _footer(self) -> str:
        parts = []
        if self.hidden:
            parts.append(f"… ほか {self.hidden} 行 ({self.hidden} more rows; {self.n} of {len(self.frame)} shown)")
        elif len(self.frame) == 0:
            parts.append("(該当なし / no rows)")
        return " ".join(parts)

    def _repr_html_(self) -> str:
        with pd.option_context("display.max_colwidth", None):
            body = self.frame.head(self.n).to_html(index=False, escape=True, border=0, na_rep="",
                                                   classes="dataframe kiji-table")
        caption = f"<p><strong>{html.escape(self.caption)}</strong></p>" if self.caption else ""
        footer = html.escape(self._footer())
        if self.link:
            footer += f' 全表 (full table): <a href="{html.escape(self.link)}">{html.escape(self.link)}</a>'
        return f'{caption}{body}<p class="kiji-more">{footer}</p>'

    def __repr__(self) -> str:
        with pd.option_context("display.max_colwidth", 80, "display.width", 200):
            text = self.frame.head(self.n).to_string(index=False) if len(self.frame) else "(no rows)"
        return text + ("\n" + self._footer() if self.hidden else "")


def _show(obj) -> None:
    from IPython.display import display

    display(obj)


def table(frame: pd.DataFrame, name: str | None = None, n: int = TOP_ROWS, caption: str = "") -> None:
    """Show the top ``n`` rows of ``frame`` on the page (anywhere in a cell, also in loops); the full
    table is saved as ``data/<name>.csv``."""
    _show(make_table(frame, name, n, caption))


def make_table(frame: pd.DataFrame, name: str | None = None, n: int = TOP_ROWS, caption: str = "") -> Table:
    """The :class:`Table` :func:`table` shows (written to the data folder when ``name`` is given)."""
    link = None
    folder = _STATE["data_dir"]
    if name and folder is not None:
        if not _NAME.match(name):
            raise ValueError(f"table name {name!r}: letters, digits, _ . - only")
        if str(folder / name) not in _WRITTEN and (folder / f"{name}.parquet").exists():
            # the run's exported tables (read by every notebook) or another page's: never overwritten
            raise ValueError(f"table name {name!r}: data/{name}.parquet is already there (an exported table "
                             "or another page's): choose another name")
        _WRITTEN.add(str(folder / name))
        from .export import write_table

        write_table(frame.reset_index(drop=True), folder, name)
        link = f"data/{name}.csv"
    return Table(frame, n, link, caption)


class Finding:
    def __init__(self, text: str):
        self.text = text

    def _repr_html_(self) -> str:
        return f'<p class="kiji-finding">{html.escape(self.text)}</p>'

    def __repr__(self) -> str:
        return self.text


def say(text: str | list[str]) -> None:
    """Show a computed finding as a paragraph of the page (anywhere in a cell); a list: one paragraph each."""
    for line in [text] if isinstance(text, str) else text:
        _show(Finding(line))


def chart(fig, empty: str = "(図なし: 描くデータがありません / nothing to draw)"):
    """Show a figure returned by a kiji chart function and free it; ``None`` shows ``empty`` instead."""
    if fig is None:
        say(empty)
        return None
    import matplotlib.pyplot as plt

    _show(fig)
    plt.close(fig)
    return None


def save(frame: pd.DataFrame, name: str, what: str = "") -> None:
    """Write ``frame`` to ``data/<name>.csv`` and show one line linking it (no table on the page)."""
    t = make_table(frame, name, 0)
    if t.link:
        _show(_Link(t.link, f"{what or name}: {len(frame)} rows"))


class _Link:
    def __init__(self, link: str, text: str):
        self.link, self.text = link, text

    def _repr_html_(self) -> str:
        return (f'<p class="kiji-more">{html.escape(self.text)}: '
                f'<a href="{html.escape(self.link)}">{html.escape(self.link)}</a></p>')

    def __repr__(self) -> str:
        return f"{self.text}: {self.link}"
