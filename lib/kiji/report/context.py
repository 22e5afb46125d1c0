"""What a report notebook opens: the run's tables, computed once, and how its articles are grouped.

``kiji report`` exports every table once into the report's ``data/`` folder
(Parquet) before the notebooks run; each notebook then opens them with one call
and only draws::

    ctx = open_run(DATA_DIR, ARTICLES)        # the tables of this run
    view = ctx.grouping()                     # article, period, outlet or folder (GROUP_BY: ctx.grouping(GROUP_BY))
    sources = ctx.table("sources", ["article_id", "sentence_id", "source_kind"])

A table is read with only the columns asked for (Parquet column selection), so
a notebook never loads the token table whole when it draws three of its
columns.  When ``DATA_DIR`` is empty or does not hold a table (a notebook run
by hand on a folder), the tables are computed from ``ARTICLES`` instead, by
:func:`kiji.pipeline.tables` with the run ``kiji report`` saved beside the
tables (:meth:`kiji.core.run.Run.load`, through :func:`kiji.report.display.configure`;
the defaults otherwise), through the
same per-article cache, once per context.

``open_run`` also prepares the page: Japanese fonts for charts, and
:func:`kiji.report.display.configure` so that ``display.table(frame, "name")``
writes its full table next to the others.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from ..loading.corpus import Corpus, load_corpus
from ..loading.groups import NO_DATE, describe_grouping, group_order, grouping
from . import display

#: The loader's tables (the others come from :func:`kiji.pipeline.tables`).
CORPUS_TABLES = ("articles", "paragraphs", "sentences", "skipped")


@dataclass
class Grouping:
    """How a report shows its articles: one by one (``by == "article"``) or by period, outlet or folder.

    ``groups``: :func:`kiji.loading.groups.article_groups`; ``group``: article_id → its group;
    ``order``: the groups in display order; ``labels``: article_id → the article's label.
    """
    groups: pd.DataFrame
    by: str
    group: pd.Series
    order: list[str]
    labels: pd.Series

    @property
    def description(self) -> str:
        return describe_grouping(self.groups, self.by)

    @property
    def dated_periods(self) -> int:
        """How many publication periods the dated articles fall in (0 when none is dated)."""
        periods = self.groups["period"]
        return int(periods[periods != NO_DATE].nunique())

    def of(self, frame: pd.DataFrame) -> pd.DataFrame:
        """``frame`` with its ``article_id`` replaced by the article's group (for per-group tables)."""
        return frame.assign(article_id=frame["article_id"].astype(str).map(self.group))

    def labelled(self, frame: pd.DataFrame, column: str = "article") -> pd.DataFrame:
        """``frame`` with a ``column`` holding each row's article label."""
        return frame.assign(**{column: frame["article_id"].astype(str).map(self.labels)})


@dataclass
class RunTables:
    """The tables of one run (see the module doc): read from ``data_dir`` or computed from ``articles``."""
    data_dir: Path | None
    articles_dir: Path | None
    _computed: dict[str, pd.DataFrame] = field(default_factory=dict, repr=False)
    _corpus: Corpus | None = field(default=None, repr=False)

    def has(self, name: str) -> bool:
        """Whether the table was exported (else it is computed when asked for)."""
        return self.data_dir is not None and (self.data_dir / f"{name}.parquet").is_file()

    def table(self, name: str, columns: list[str] | None = None) -> pd.DataFrame:
        """Table ``name`` with only ``columns`` (all when None)."""
        if self.has(name):
            return pd.read_parquet(self.data_dir / f"{name}.parquet", columns=columns)  # type: ignore[operator]
        frame = self._compute(name)
        return frame[columns].copy() if columns is not None else frame.copy()

    def _compute(self, name: str) -> pd.DataFrame:
        if name in CORPUS_TABLES:
            return getattr(self.corpus, name)
        if not self._computed:
            self._computed.update(_pipeline_tables(self.corpus, self.data_dir))
        if name not in self._computed:
            raise KeyError(f"no table {name!r} (known: {', '.join(sorted(self._computed))})")
        return self._computed[name]

    @property
    def corpus(self) -> Corpus:
        """The corpus (articles, paragraphs, sentences, skipped): from the exported tables, else loaded."""
        if self._corpus is None:
            if all(self.has(n) for n in CORPUS_TABLES):
                frames = {n: pd.read_parquet(self.data_dir / f"{n}.parquet") for n in CORPUS_TABLES}  # type: ignore[operator]
                self._corpus = Corpus(folder=self.articles_dir or Path("."), **frames)
            elif self.articles_dir is None:
                raise ValueError("no exported tables and no articles folder to compute them from")
            else:
                self._corpus = load_corpus(self.articles_dir)
        return self._corpus

    @property
    def articles(self) -> pd.DataFrame:
        return self.table("articles")

    def grouping(self, by: str | None = None) -> Grouping:
        """The articles' grouping (:func:`kiji.loading.groups.grouping`): ``by`` = ``"article"``, a
        variable (``period``, ``outlet``, ``folder``, ``category``, the analyst's own), a period unit
        (``day`` … ``year``), or None/"" for the one that suits the corpus.  A name the corpus does
        not have raises :class:`kiji.loading.groups.GroupingError` (one line)."""
        groups, chosen, group = grouping(self.articles, by)
        return Grouping(groups, chosen, group, group_order(group, chosen), groups.set_index("article_id")["label"])


def _pipeline_tables(corpus: Corpus, data_dir: Path | None) -> dict[str, pd.DataFrame]:
    """Every table of the corpus, computed by the default run (:func:`open_run` made it the run
    ``kiji report`` saved in ``data_dir``, when there is one: :func:`kiji.report.display.configure`)."""
    from .. import pipeline
    from ..core.run import default_run

    return pipeline.tables(corpus, default_run())


def open_run(data_dir: str | Path | None = None, articles: str | Path | None = None,
             charts: bool = True) -> RunTables:
    """Open a run's tables for a report notebook (see the module doc).

    ``data_dir``: the report's ``data/`` folder (``kiji report`` passes it as
    ``DATA_DIR``); empty or None when the notebook runs by hand, the tables are
    then computed from ``articles``.  ``charts``: set up Japanese fonts.

    >>> ctx = open_run("", "seeds", charts=False)
    >>> ctx.has("sentences"), sorted(ctx.table("skipped").columns)
    (False, ['reason', 'source_file'])
    """
    folder = Path(data_dir) if data_dir else None
    display.configure(folder)
    if charts:
        from ..core.charts import use_japanese_font

        use_japanese_font()
    return RunTables(folder, Path(articles) if articles else None)
