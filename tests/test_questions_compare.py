"""Comparing groups: distinctive words, rising words, correspondence analysis, clustering, topics.

Reference values come from scipy (G² of each 2×2 table, χ² of the whole table) and from Greenacre's
published correspondence analysis of the smoking data; the sentences are our own."""
import doctest
import importlib

import numpy as np
import pandas as pd
import pytest
from scipy.cluster.hierarchy import linkage
from scipy.stats import chi2_contingency

from kiji.questions import charts, clusters, correspondence, distinctive, topics, trends
from kiji.tokens.tokenizer import tokenize_sentences

MODULES = ["kiji.questions.distinctive", "kiji.questions.correspondence", "kiji.questions.clusters",
           "kiji.questions.topics", "kiji.questions.trends", "kiji.questions.summaries"]


@pytest.mark.parametrize("name", MODULES)
def test_docstring_examples_run(name):
    result = doctest.testmod(importlib.import_module(name), optionflags=doctest.NORMALIZE_WHITESPACE)
    assert result.attempted > 0 and result.failed == 0


STORIES = {
    # sport
    "s1": ["選手が決勝で得点を挙げた。", "監督は選手の守備をほめた。", "観客は試合の最後まで声援を送った。"],
    "s2": ["新人選手が初めて試合に出場した。", "監督は次の試合でも起用すると話した。"],
    "s3": ["雨で試合が中断した。", "選手は室内で練習を続けた。", "監督は日程の変更を求めた。"],
    # economy
    "e1": ["株価が三日続けて上がった。", "市場では円安が進んだ。", "日銀は金利を据え置いた。"],
    "e2": ["輸出企業の株価が上がった。", "市場は金利の行方を注視している。"],
    "e3": ["円安で輸入物価が上がった。", "市場関係者は株価の調整を予想した。", "金利の上昇を警戒する声もある。"],
    # courts
    "c1": ["裁判所は被告に無罪を言い渡した。", "検察は控訴を検討している。"],
    "c2": ["地裁は原告の訴えを退けた。", "原告は判決を不服として控訴した。", "裁判所は証拠が足りないと判断した。"],
    "c3": ["被告の弁護人は判決を批判した。", "検察は上告しない方針だ。"],
}
GROUP = pd.Series({a: {"s": "スポーツ", "e": "経済", "c": "裁判"}[a[0]] for a in STORIES})


@pytest.fixture(scope="module")
def tokens():
    rows = [(aid, i, s) for aid, sents in STORIES.items() for i, s in enumerate(sents)]
    return tokenize_sentences(pd.DataFrame(rows, columns=["article_id", "sentence_id", "text_norm"]))


def test_distinctive_words_are_the_obvious_ones_and_g2_matches_scipy(tokens):
    table = distinctive.distinctive_words(tokens, GROUP, stopwords=())
    top = distinctive.top_distinctive(table, 3)
    assert {"選手", "試合", "監督"} <= set(top[top["group"] == "スポーツ"]["word"])
    assert {"株価", "市場", "金利"} & set(top[top["group"] == "経済"]["word"])
    assert {"控訴", "判決", "被告", "検察", "裁判所", "原告"} & set(top[top["group"] == "裁判"]["word"])
    for row in table.itertuples():
        cells = [[row.count, row.n_group - row.count], [row.count_elsewhere, row.n_elsewhere - row.count_elsewhere]]
        g2, p, _, _ = chi2_contingency(cells, correction=False, lambda_="log-likelihood")
        assert row.g2 == pytest.approx(g2, abs=1e-3)
        assert row.p_value == pytest.approx(p, rel=1e-6, abs=1e-12)
    # every content word of every group is accounted for
    words = distinctive.grouped_words(tokens, GROUP, stopwords=())
    assert table.groupby("group")["n_group"].first().to_dict() == words.groupby("group").size().to_dict()


def test_ungrouped_articles_are_kept_not_dropped(tokens):
    partial = GROUP.drop(["c1", "c2", "c3"])
    table = distinctive.distinctive_words(tokens, partial, stopwords=())
    assert distinctive.UNGROUPED in set(table["group"])


def test_one_group_has_nothing_to_compare(tokens):
    assert distinctive.distinctive_words(tokens, GROUP.map(lambda g: "全部"), stopwords=()).empty


SMOKE = pd.DataFrame([[4, 2, 3, 2], [4, 3, 7, 4], [25, 10, 12, 4], [18, 24, 33, 13], [10, 6, 7, 2]],
                     index=["SM", "JM", "SE", "JE", "SC"], columns=["none", "light", "medium", "heavy"])


def test_correspondence_matches_chi2_and_greenacre():
    ca = correspondence.correspondence(SMOKE)
    chi2 = chi2_contingency(SMOKE.to_numpy(), correction=False)[0]
    assert ca.total_inertia == pytest.approx(chi2 / SMOKE.to_numpy().sum(), rel=1e-9)
    assert ca.inertia["eigenvalue"].tolist() == pytest.approx([0.074759, 0.010017], abs=1e-6)
    rows = ca.rows().set_index("label")
    # Greenacre (2007), exhibit 8.1: principal coordinates of the staff groups
    assert rows["dim1"].abs().to_dict() == pytest.approx(
        {"SM": 0.066, "JM": 0.259, "SE": 0.381, "JE": 0.233, "SC": 0.201}, abs=1e-3)
    assert rows["dim2"].abs().to_dict() == pytest.approx(
        {"SM": 0.194, "JM": 0.243, "SE": 0.011, "JE": 0.058, "SC": 0.079}, abs=1e-3)
    # transition formula: a row is the weighted mean of the column standard coordinates
    cols = ca.columns().set_index("label")
    profile = SMOKE.div(SMOKE.sum(axis=1), axis=0)
    sigma = np.sqrt(ca.inertia["eigenvalue"].to_numpy())
    standard = cols[["dim1", "dim2"]].to_numpy() / sigma
    assert profile.to_numpy() @ standard == pytest.approx(rows[["dim1", "dim2"]].to_numpy(), abs=1e-5)
    assert rows["inertia_share"].sum() == pytest.approx(1.0, abs=1e-5)


def test_correspondence_leaves_out_empty_rows_and_says_so():
    table = SMOKE.copy()
    table.loc["EMPTY"] = 0
    ca = correspondence.correspondence(table)
    assert ca.dropped == ["EMPTY"] and "EMPTY" not in set(ca.rows()["label"])
    with pytest.raises(ValueError):
        correspondence.correspondence(SMOKE.iloc[:1])


def test_word_group_table_represents_every_group(tokens):
    table = correspondence.word_group_table(tokens, GROUP, words=6, min_count=2, stopwords=())
    assert len(table) == 6 and set(table.columns) == {"スポーツ", "経済", "裁判"}
    # taken in turn from each group: two words of each, each found only in its own group
    own = table.idxmax(axis=1)
    assert own.value_counts().to_dict() == {"スポーツ": 2, "経済": 2, "裁判": 2}
    assert ((table > 0).sum(axis=1) == 1).all()


def test_clusters_find_the_three_stories(tokens):
    tree = clusters.cluster_groups(tokens, pd.Series({a: a for a in STORIES}), k=3, stopwords=())
    member = tree.membership.set_index("group")["cluster"]
    for prefix in "sec":
        assert member[[a for a in STORIES if a[0] == prefix]].nunique() == 1
    assert member.nunique() == 3


def test_topics_are_deterministic_and_shares_sum_to_one(tokens):
    a = topics.topic_model(tokens, k=3, max_df=0.6, stopwords=())
    b = topics.topic_model(tokens, k=3, max_df=0.6, stopwords=())
    pd.testing.assert_frame_equal(a.terms, b.terms)
    assert a.documents.groupby("article_id")["share"].sum().round(5).eq(1).all()
    shares = topics.topic_shares(a, GROUP)
    assert shares.groupby("group")["share"].sum().round(5).eq(1).all()
    assert set(a.labels()) == {1, 2, 3}
    summary = a.summary(4)
    assert summary["share"].sum() == pytest.approx(1, abs=1e-3)
    assert summary["main_articles"].sum() == len(STORIES)
    assert (summary["words"].str.count("・") == 3).all()


def test_rising_words_new_word_of_the_last_period(tokens):
    period = pd.Series({a: ("2024-01" if a.endswith("1") else "2024-02" if a.endswith("2") else "2024-03")
                        for a in STORIES})
    period["c3"] = "日付なし"
    rising = trends.rising_words(tokens, period, min_count=1, stopwords=())
    assert set(rising["period"]) <= {"2024-02", "2024-03"}
    assert (rising["count_before"] >= 0).all() and (rising["g2"] >= 0).all()
    assert rising.attrs["undated_articles"] == 1
    march = rising[rising["period"] == "2024-03"]
    assert march.iloc[0]["rank"] == 1
    trend = trends.word_trend(tokens, period, stopwords=())
    assert "日付なし" not in set(trend["period"])


def test_charts_draw_japanese_without_missing_glyphs(tokens):
    import matplotlib

    matplotlib.use("Agg")
    ca = correspondence.correspondence(correspondence.word_group_table(tokens, GROUP, words=12, stopwords=()))
    fig = charts.plot_biplot(ca)
    assert charts.overlapping_labels(fig) == 0
    labels = {t.get_text() for t in fig.axes[0].texts}
    assert {"スポーツ", "経済", "裁判"} <= labels
    for fig in (charts.plot_distinctive(distinctive.distinctive_words(tokens, GROUP, stopwords=())),
                charts.plot_dendrogram(clusters.cluster_groups(tokens, pd.Series({a: a for a in STORIES}),
                                                               stopwords=())),
                charts.plot_topic_shares(topics.topic_shares(m := topics.topic_model(tokens, k=3, stopwords=()),
                                                             GROUP), m.terms)):
        assert fig is not None
        fig.canvas.draw()


def test_dendrogram_of_many_articles_stays_bounded():
    import matplotlib

    matplotlib.use("Agg")
    rng = np.random.default_rng(1)
    tree = clusters.Tree([f"記事{i}" for i in range(300)], linkage(rng.random((300, 5)), "average"), "euclidean",
                         "average", 4, pd.DataFrame())
    fig = charts.plot_dendrogram(tree)
    labels = [t.get_text() for t in fig.axes[0].get_yticklabels()]
    assert len(labels) == charts.MAX_LEAVES and fig.get_size_inches()[1] < 20
    assert any(label.startswith("(") for label in labels)  # contracted clusters say how many leaves they hold


@pytest.mark.slow
def test_biplot_labels_do_not_overlap_at_40_groups(tmp_path):
    import matplotlib

    matplotlib.use("Agg")
    rng = np.random.default_rng(0)
    groups = [f"{name}{i}" for i, name in zip(range(40), ["国際ニュース", "スポーツ速報", "経済・金融", "ITライフ"] * 10)]
    words = [f"{w}{i}" for i, w in zip(range(60), ["選手", "株価", "首相", "端末", "監督", "円安"] * 10)]
    lam = rng.gamma(1.0, 5, size=(60, 40)) * (1 + 5 * (rng.random((60, 40)) < 0.1))
    ca = correspondence.correspondence(pd.DataFrame(rng.poisson(lam), index=words, columns=groups))
    fig = charts.plot_biplot(ca)
    fig.savefig(tmp_path / "biplot.png", dpi=80)
    assert charts.overlapping_labels(fig) == 0
    shown = {t.get_text() for t in fig.axes[0].texts if t.get_visible()}
    assert set(groups) <= shown  # every group is labelled; only word labels may be hidden


@pytest.mark.slow
@pytest.mark.parametrize("layout", ["folders", "livedoor"])
def test_300_generated_articles_in_6_categories(tmp_path, layout):
    """The issue's scale check: categories read from the subfolders, distinctive words per category,
    a CA map whose labels do not overlap, topics that follow the categories."""
    import shutil

    import matplotlib

    import kiji
    from tests.corpus_factory import make_corpus

    matplotlib.use("Agg")
    folder = tmp_path / "articles"
    make_corpus(folder, 450, layout=layout)
    for extra in sorted(p for p in folder.iterdir() if p.is_dir())[6:]:
        shutil.rmtree(extra)  # six categories left
    c = kiji.open(folder, recursive=True, tokenizer="mecab", cache=tmp_path / "cache")
    assert 280 <= len(c.articles) <= 340 and len(c.skipped) == 0
    g = c.groups()
    assert g.by in ("category", "folder") and g.group.nunique() == 6  # livedoor names its categories
    top = distinctive.top_distinctive(c.distinctive(), 5)
    assert set(top["group"]) == set(g.group) and (top["p_value"] < 0.001).all()
    ca = c.correspondence()
    assert set(ca.columns()["label"]) == set(g.group) and len(ca.rows()) == 60
    assert ca.inertia["share"].sum() > 0.3
    fig = charts.plot_biplot(ca)
    fig.savefig(tmp_path / "ca.png", dpi=80)
    assert charts.overlapping_labels(fig) == 0
    assert set(g.group) <= {t.get_text() for t in fig.axes[0].texts if t.get_visible()}
    model, shares = c.topics(k=6)
    assert len(model.terms) == 60 and set(shares["group"]) == set(g.group)
    main_topic = shares.loc[shares.groupby("group")["share"].idxmax(), "topic"]
    assert main_topic.nunique() >= 5  # the topics follow the categories
    assert charts.plot_topic_shares(shares, model.terms) is not None
    assert charts.plot_dendrogram(c.clusters(by="category")) is not None
