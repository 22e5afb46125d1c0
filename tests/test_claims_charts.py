"""Claims figures: one call per figure, by article or by date, capped number of panels."""
import math

import matplotlib
import pandas as pd
import pytest

matplotlib.use("Agg")

from kiji.claims import charts  # noqa: E402


@pytest.fixture(autouse=True, scope="module")
def japanese_font():
    from kiji.core.charts import use_japanese_font
    use_japanese_font()  # a label the font cannot draw is an error, not a box


def synthetic_claims(n_articles: int, n_groups: int) -> tuple[pd.DataFrame, pd.DataFrame]:
    rows = []
    for g in range(n_groups):
        for a in range(n_articles):
            value = 100.0 + (a % 3) * (10 if g % 2 else 0)
            rows.append({"article_id": f"a{a:03d}", "sentence_id": g, "value": value, "low": value * 0.9,
                         "high": math.inf if a == 0 else value * 1.1, "unit": "人", "subject_group": f"件{g}",
                         "group_id": f"G{g:03d}", "status": "differs" if g % 2 else "consistent", "kind": "people"})
    articles = pd.DataFrame({"article_id": [f"a{a:03d}" for a in range(n_articles)],
                             "title": [f"記事{a}" for a in range(n_articles)],
                             "published": ["" if a == 1 else f"2025-01-{a % 28 + 1:02d}" for a in range(n_articles)]})
    return pd.DataFrame(rows), articles


@pytest.mark.parametrize("n_articles, by_date", [(4, False), (30, True)])
def test_group_values_by_article_or_by_date_and_capped(n_articles, by_date):
    claims, articles = synthetic_claims(n_articles, 20)
    fig = charts.group_values(claims, articles, max_groups=5, by_date_above=25)
    panels = [ax for ax in fig.axes if ax.axison]
    assert len(panels) == 5
    titles = [ax.get_title() for ax in panels]
    assert all("差異" in t for t in titles[:5])              # differs groups come before consistent ones
    assert any("日付なし 1件は除外" in t for t in titles) == by_date
    matplotlib.pyplot.close(fig)


def test_single_article_groups_are_not_drawn():
    claims, articles = synthetic_claims(1, 3)
    claims["status"] = "single"
    fig = charts.group_values(claims, articles)
    assert not any(ax.axison for ax in fig.axes)
    matplotlib.pyplot.close(fig)


def test_status_and_kind_charts_draw():
    claims, articles = synthetic_claims(30, 4)
    for fig in (charts.status_counts(claims), charts.kinds_by_article(claims, articles)):
        assert fig.axes
        matplotlib.pyplot.close(fig)
    empty = charts.kinds_by_article(claims.iloc[0:0], articles)
    assert not empty.axes[0].axison
