"""Groups of articles, for views that scale: publication period, outlet, folder.

Up to :data:`kiji.core.charts.PER_ARTICLE_MAX` articles a report shows each article; beyond it
the same questions are answered per group.  :func:`article_groups` gives every article its
groups; :func:`choose_grouping` picks the most informative one for a corpus.

Columns of :func:`article_groups`: ``article_id``, ``label`` (:func:`kiji.loading.labels.article_labels`),
``date`` (publication date as a Timestamp, NaT when unknown), ``period`` (the date's day, ISO week
or month, whichever gives at most ``max_periods`` periods; ``"日付なし"`` when unknown), ``outlet``
(this copy's outlet, else what it reposts, else ``"不明"``), ``folder`` (sub-folder of the file
or the category the layout names; ``""`` when none).
"""
from __future__ import annotations

import pandas as pd

from .labels import article_labels

NO_DATE = "日付なし"
NO_OUTLET = "不明"
PER_ARTICLE = "article"
GROUPINGS = ("period", "outlet", "folder")


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
    if "category" in articles:
        return articles["category"].fillna("").astype(str)
    files = articles["source_file"].fillna("").astype(str) if "source_file" in articles else None
    if files is None:
        return pd.Series([""] * len(articles), index=articles.index)
    return files.map(lambda f: f.replace("\\", "/").rsplit("/", 1)[0] if "/" in f.replace("\\", "/") else "")


def article_groups(articles: pd.DataFrame, max_periods: int = 40) -> pd.DataFrame:
    """Every article with its label, date, period, outlet and folder (see the module doc)."""
    pub = articles["published"].fillna("").astype(str).str[:10] if "published" in articles else pd.Series(
        [""] * len(articles), index=articles.index)
    date = pd.to_datetime(pub.where(pub != ""), errors="coerce")
    unit = period_unit(date, max_periods)
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
    })
    out.attrs["period_unit"] = unit
    return out


def choose_grouping(groups: pd.DataFrame, per_article_max: int | None = None) -> str:
    """``"article"`` for a small corpus; else the first of period / outlet / folder that splits the
    corpus into at least two groups (``"period"`` when nothing does)."""
    from ..core.charts import PER_ARTICLE_MAX

    limit = PER_ARTICLE_MAX if per_article_max is None else per_article_max
    if len(groups) <= limit:
        return PER_ARTICLE
    for name in GROUPINGS:
        values = groups[name]
        if name == "period":
            values = values[values != NO_DATE]
        if values[values != ""].nunique() >= 2:
            return name
    return "period"


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
    if by in ("outlet", "folder") and values.nunique() > limit:
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
            "outlet": "媒体", "folder": "フォルダ/カテゴリ"}[by]
    k = groups[by].nunique()
    en = {"period": f"publication {unit}", "outlet": "outlet", "folder": "folder/category"}[by]
    return f"{n} 件の記事を{what}でまとめて {k} グループとして示します ({n} articles, grouped by {en}: {k} groups)."
