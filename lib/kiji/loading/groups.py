"""Groups of articles (external variables), for views that scale and for comparisons.

Up to :data:`kiji.core.charts.PER_ARTICLE_MAX` articles a report shows each article; beyond it
the same questions are answered per group.  :func:`article_groups` gives every article its
groups; :func:`choose_grouping` picks the most informative one for a corpus; :func:`grouping`
does both in one call and honours the analyst's choice (``kiji report --group-by NAME``, the
notebooks' ``GROUP_BY`` parameter).

Columns of :func:`article_groups`: ``article_id``, ``label`` (:func:`kiji.loading.labels.article_labels`),
``date`` (publication date as a Timestamp, NaT when unknown), ``period`` (the date's day, ISO week,
month or year, whichever gives at most ``max_periods`` periods, or the unit asked for;
``"日付なし"`` when unknown), ``outlet`` (this copy's outlet, else what it reposts, else ``"不明"``),
``folder`` (sub-folder of the file, :mod:`kiji.loading.variables`; ``""`` when none), ``category``
(``""`` when none), then every variable the analyst added in ``metadata.csv``.

>>> import pandas as pd
>>> arts = pd.DataFrame({"article_id": [f"a{i}" for i in range(30)], "title": "見出し",
...                      "published": "2024-05-01", "outlet": "東邦新聞",
...                      "category": ["sport", "economy", "politics"] * 10})
>>> g = grouping(arts)
>>> g.by, g.group.nunique()
('category', 3)
>>> grouping(arts, "outlet").group.unique().tolist()
['東邦新聞']
"""
from __future__ import annotations

from typing import NamedTuple

import pandas as pd

from .labels import article_labels

NO_DATE = "日付なし"
NO_OUTLET = "不明"
PER_ARTICLE = "article"
#: The default grouping's order of preference (:func:`choose_grouping`).
GROUPINGS = ("category", "folder", "period", "outlet")
#: Period units that ``GROUP_BY`` may name instead of ``period`` (fixing the unit).
PERIOD_UNITS = ("day", "week", "month", "year")
#: Columns of :func:`article_groups` that are not grouping variables.
NOT_VARIABLES = ("article_id", "label", "date")
#: A category or folder is preferred over periods when it has this many values.
PREFERRED_VALUES = (2, 40)


class GroupingError(ValueError):
    """``GROUP_BY`` names no variable of the corpus (the message is one line)."""


def period_unit(dates: pd.Series, max_periods: int = 40) -> str:
    """``"day"``, ``"week"``, ``"month"`` or ``"year"``: the finest unit giving at most ``max_periods`` periods
    between the first and the last date (``"day"`` when there are no dates)."""
    d = pd.to_datetime(dates, errors="coerce").dropna()
    if d.empty:
        return "day"
    span_days = (d.max() - d.min()).days + 1
    if span_days <= max_periods:
        return "day"
    if span_days / 7 <= max_periods:
        return "week"
    if span_days / 30.4 <= max_periods:
        return "month"
    return "year"


def period_labels(dates: pd.Series, unit: str) -> pd.Series:
    """Period of each date as sortable text: ``2024-11-19``, ``2024-W47`` or ``2024-11``."""
    d = pd.to_datetime(dates, errors="coerce")
    if unit == "day":
        out = d.dt.strftime("%Y-%m-%d")
    elif unit == "week":
        iso = d.dt.isocalendar()
        out = iso["year"].astype("string") + "-W" + iso["week"].astype("string").str.zfill(2)
    elif unit == "month":
        out = d.dt.strftime("%Y-%m")
    elif unit == "year":
        out = d.dt.strftime("%Y")
    else:
        raise ValueError(f"unknown period unit {unit!r} (day, week, month)")
    return out.astype(object).where(d.notna(), NO_DATE)


def _folder(articles: pd.DataFrame) -> pd.Series:
    if "folder" in articles:
        return articles["folder"].fillna("").astype(str)
    files = articles["source_file"].fillna("").astype(str) if "source_file" in articles else None
    if files is None:
        return pd.Series([""] * len(articles), index=articles.index)
    return files.map(lambda f: f.replace("\\", "/").rsplit("/", 1)[0] if "/" in f.replace("\\", "/") else "")


def _text(articles: pd.DataFrame, column: str) -> pd.Series:
    if column not in articles:
        return pd.Series([""] * len(articles), index=articles.index)
    return articles[column].fillna("").astype(str).str.strip()


def _analyst_variables(articles: pd.DataFrame) -> list[str]:
    """Columns the analyst added in metadata.csv (those after ``category_source``)."""
    columns = list(articles.columns)
    return columns[columns.index("category_source") + 1:] if "category_source" in columns else []


def article_groups(articles: pd.DataFrame, max_periods: int = 40, unit: str | None = None) -> pd.DataFrame:
    """Every article with its label, date, period, outlet, folder, category and the analyst's
    variables (see the module doc).  ``unit`` fixes the period unit (day, week, month, year)."""
    pub = articles["published"].fillna("").astype(str).str[:10] if "published" in articles else pd.Series(
        [""] * len(articles), index=articles.index)
    date = pd.to_datetime(pub.where(pub != ""), errors="coerce", format="%Y-%m-%d")
    unit = unit or period_unit(date, max_periods)
    outlet = articles.get("outlet", pd.Series("", index=articles.index)).fillna("").astype(str)
    origin = articles.get("origin_outlet", pd.Series("", index=articles.index)).fillna("").astype(str)
    outlet = outlet.where(outlet.str.strip() != "", origin).where(lambda s: s.str.strip() != "", NO_OUTLET)
    out = pd.DataFrame({
        "article_id": articles["article_id"].astype(str).values,
        "label": article_labels(articles).values,
        "date": date.values,
        "period": period_labels(date, unit).values,
        "outlet": outlet.values,
        "folder": _folder(articles).values,
        "category": _text(articles, "category").values,
        **{name: _text(articles, name).values for name in _analyst_variables(articles)},
    })
    out.attrs["period_unit"] = unit
    return out


def variables(groups: pd.DataFrame) -> list[str]:
    """The grouping variables of :func:`article_groups`' table (``period``, ``outlet``, ``folder``,
    ``category`` and the analyst's own)."""
    return [c for c in groups.columns if c not in NOT_VARIABLES]


def _n_values(groups: pd.DataFrame, name: str) -> int:
    values = groups[name]
    values = values[(values != "") & (values != NO_DATE)]
    return int(values.nunique())


def choose_grouping(groups: pd.DataFrame, per_article_max: int | None = None) -> str:
    """``"article"`` for a small corpus; else a category or a folder with 2–40 values (what the
    analyst sorted the articles by; of the two, the one that names more articles); else the first of
    period / outlet / the analyst's variables that splits the corpus into at least two groups
    (``"period"`` when nothing does)."""
    from ..core.charts import PER_ARTICLE_MAX

    limit = PER_ARTICLE_MAX if per_article_max is None else per_article_max
    if len(groups) <= limit:
        return PER_ARTICLE
    low, high = PREFERRED_VALUES
    sorted_by = [n for n in ("category", "folder") if n in groups and low <= _n_values(groups, n) <= high]
    if sorted_by:  # the one that names the most articles (a pattern may match only some file names)
        return max(sorted_by, key=lambda n: (int((groups[n] != "").sum()), n == "category"))
    for name in ["period", "outlet"] + [v for v in variables(groups) if v not in GROUPINGS]:
        if name in groups and _n_values(groups, name) >= 2:
            return name
    return "period"


class Grouping(NamedTuple):
    """The result of :func:`grouping`: unpack it as ``groups, by, group = grouping(...)``."""

    groups: pd.DataFrame  #: :func:`article_groups`
    by: str               #: the grouping variable (``"article"`` for one by one)
    group: pd.Series      #: ``article_id`` → group (:func:`group_of`)


def grouping(articles: pd.DataFrame, by: str | None = "", max_groups: int | None = None) -> Grouping:
    """The articles' groups under ``by`` (a variable of :func:`variables`, ``"article"``, or a period
    unit ``day``/``week``/``month``/``year``); empty ``by`` chooses one (:func:`choose_grouping`).

    The one call the notebooks make for their ``GROUP_BY`` parameter.  Raises
    :class:`GroupingError` (one line listing the variables) for a name the corpus does not have."""
    by = (by or "").strip()
    unit = by if by in PERIOD_UNITS else None
    groups = article_groups(articles, unit=unit)
    if unit:
        by = "period"
    if not by:
        by = choose_grouping(groups)
    elif by != PER_ARTICLE and by not in variables(groups):
        names = ", ".join(variables(groups) + [PER_ARTICLE] + list(PERIOD_UNITS))
        raise GroupingError(f"GROUP_BY {by!r}: the articles have no such variable (choose one of {names})")
    return Grouping(groups, by, group_of(groups, by, max_groups))


OTHER = "その他"


def group_of(groups: pd.DataFrame, by: str, max_groups: int | None = None) -> pd.Series:
    """``article_id`` → the article's group under ``by`` (its label for ``"article"``).

    Outlets and folders beyond the ``max_groups - 1`` largest are merged into ``"その他 (k)"``
    (default :data:`kiji.core.charts.PER_ARTICLE_MAX`), so a chart by group stays bounded; periods
    are bounded by :func:`period_unit`."""
    from ..core.charts import PER_ARTICLE_MAX

    column = "label" if by == PER_ARTICLE else by
    values = groups[column].replace("", "(なし)")
    limit = max_groups or PER_ARTICLE_MAX
    if by not in ("period", PER_ARTICLE) and values.nunique() > limit:
        keep = values.value_counts().index[:limit - 1]
        rest = values.nunique() - len(keep)
        values = values.where(values.isin(keep), f"{OTHER} ({rest})")
    return pd.Series(values.values, index=groups["article_id"].values, name=by)


def group_order(group: pd.Series, by: str) -> list[str]:
    """Display order of groups: periods in time order (undated last), articles in corpus order,
    outlets and folders by size."""
    values = list(dict.fromkeys(group.values))
    if by == "period":
        return sorted(values, key=lambda v: (v == NO_DATE, v))
    if by == PER_ARTICLE:
        return values
    counts = group.value_counts()
    return sorted(values, key=lambda v: (str(v).startswith(OTHER), -counts[v], str(v)))


def describe_grouping(groups: pd.DataFrame, by: str) -> str:
    """One sentence saying how a report groups the articles (for a notebook's prose)."""
    n = len(groups)
    if by == PER_ARTICLE:
        return f"{n} 件の記事を記事ごとに示します ({n} articles, shown one by one)."
    unit = groups.attrs.get("period_unit", "")
    what = {"period": f"公開日 ({ {'day': '日', 'week': '週', 'month': '月', 'year': '年'}.get(unit, unit)}単位)",
            "outlet": "媒体", "folder": "フォルダ", "category": "カテゴリ"}.get(by, f"「{by}」")
    k = groups[by].nunique()
    en = {"period": f"publication {unit}"}.get(by, by)
    return f"{n} 件の記事を{what}でまとめて {k} グループとして示します ({n} articles, grouped by {en}: {k} groups)."
