"""Building blocks of reports that scale: article labels, groups, bounded tables, fonts."""
from __future__ import annotations

import pandas as pd
import pytest

from kiji.core.fonts import assign_fonts, placeholder_characters, placeholder_note
from kiji.loading.groups import (
    NO_DATE,
    article_groups,
    choose_grouping,
    group_of,
    group_order,
    period_labels,
    period_unit,
)
from kiji.loading.labels import article_labels
from kiji.report import display
from kiji.report.webfont import embed_fonts, page_characters


def _articles(n, *, outlet="東邦新聞", titles=None, dates=None):
    return pd.DataFrame({
        "article_id": [f"a{i}" for i in range(n)],
        "title": titles or [f"日銀が金融政策決定会合を開催 第{i}報" for i in range(n)],
        "published": dates or ["2024-05-01"] * n,
        "outlet": [outlet] * n,
        "origin_outlet": [""] * n,
        "source_file": [f"a{i}.txt" for i in range(n)],
    })


def test_labels_are_outlet_date_title_and_unique():
    arts = _articles(3, titles=["台湾海峡で演習、周辺国が警戒を強める", "台湾海峡で演習、周辺国が警戒を強める", "円安進行"])
    labels = article_labels(arts)
    assert labels["a2"] == "東邦新聞 2024-05-01 円安進行"
    assert labels["a0"].startswith("東邦新聞 2024-05-01 台湾海峡で")
    assert labels.is_unique and labels["a0"] != labels["a1"]


def test_labels_never_guess_missing_fields():
    arts = _articles(2, outlet="", dates=["", ""], titles=["", "選挙戦が最終盤"])
    labels = article_labels(arts)
    assert labels["a0"] == "a0"  # no title, outlet or date: the id, nothing invented
    assert labels["a1"] == "選挙戦が最終盤"


@pytest.mark.parametrize("days,unit", [(10, "day"), (200, "week"), (900, "month"), (4000, "year")])
def test_period_unit_bounds_the_number_of_periods(days, unit):
    dates = pd.Series(pd.date_range("2020-01-01", periods=2, freq=f"{days}D").strftime("%Y-%m-%d"))
    assert period_unit(dates) == unit
    assert period_labels(pd.Series(pd.date_range("2020-01-01", periods=days, freq="D")), unit).nunique() <= 40


def test_grouping_per_article_up_to_threshold_then_by_group():
    small = article_groups(_articles(5))
    assert choose_grouping(small) == "article"
    dates = [f"2024-0{1 + i % 6}-15" for i in range(60)]
    big = article_groups(_articles(60, dates=dates))
    assert choose_grouping(big) == "period"
    group = group_of(big, "period")
    assert group.nunique() == 6
    assert group_order(group, "period") == sorted(group.unique())
    undated = article_groups(_articles(60, dates=[""] * 60))
    assert set(undated["period"]) == {NO_DATE}


def test_outlet_groups_are_bounded():
    arts = _articles(100)
    arts["outlet"] = [f"媒体{i}" for i in range(100)]
    arts["published"] = ""
    groups = article_groups(arts)
    assert choose_grouping(groups) == "outlet"
    group = group_of(groups, "outlet", max_groups=10)
    assert group.nunique() == 10
    assert any(g.startswith("その他 (91)") for g in group.unique())


def test_table_shows_top_rows_counts_the_rest_and_links_the_csv(tmp_path):
    display.configure(tmp_path)
    try:
        frame = pd.DataFrame({"text": [f"文{i}。<b>" for i in range(40)], "n": range(40)})
        t = display.make_table(frame, "evidence", n=5)
        html = t._repr_html_()
        assert html.count("<tr") == 6  # header + 5 rows
        assert "35 more rows" in html and 'href="data/evidence.csv"' in html
        assert "&lt;b&gt;" in html and "<b>" not in html  # text escaped
        assert len(pd.read_csv(tmp_path / "evidence.csv")) == 40
        with pytest.raises(ValueError):
            display.make_table(frame, "../escape", n=5)
    finally:
        display.configure(None)


def test_scripts_without_a_font_become_placeholders_with_a_note():
    assert placeholder_characters("日本語 Жук 😀") == ""
    assert placeholder_characters("한국 뉴스") == "국뉴스한"
    assert "placeholder" in placeholder_note(["한국"]) and placeholder_note(["日本"]) == ""
    fonts, missing = assign_fonts("漢字\u3000Ж")
    assert "\u3000" in "".join(fonts.values()) and missing == ""


def test_chart_with_hangul_and_emoji_never_fails(tmp_path):
    import warnings

    import matplotlib

    matplotlib.use("Agg")
    from kiji.core.charts import figure

    with warnings.catch_warnings():
        warnings.simplefilter("error")
        fig, ax = figure()
        ax.set_title("한국어 😀 Жук 日本語")
        fig.savefig(tmp_path / "x.png")


def test_page_embeds_only_its_characters():
    page = "<html><head><title>東京</title><style>.x{content:'猫'}</style></head><body><p>大阪 &amp; 한</p></body></html>"
    assert page_characters(page) == {"東", "京", "大", "阪", "한"}
    out, missing = embed_fonts(page)
    assert out.count("@font-face") == 2  # IPAexGothic subset + placeholder font for Hangul
    assert missing == "한"
    assert out.index("@font-face") < out.index("</head>")
