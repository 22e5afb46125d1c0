"""``kiji.open(folder)``: a corpus to explore in JupyterLab, one short call per question.

>>> c = kiji.open(folder)                      # doctest: +SKIP
>>> c.kwic("停戦")                              # doctest: +SKIP

Loading and every per-article step (tokens, sources, claims) go through kiji's caches, as in
``kiji report``: opening the same folder again, in this or another session, re-uses them.  The
options mirror the command line: ``recursive`` (read subfolders), ``metadata`` (the metadata CSV:
overrides and the analyst's own variables), ``tokenizer`` (``janome`` or ``mecab``) and ``cache``
(a folder, or ``"off"``): they make the explorer's :class:`~kiji.core.run.Run`.
Every method returns a DataFrame (or a result object with DataFrames) to display, filter or save
with ``to_csv``; :meth:`Explorer.export` writes every table like ``kiji export``.
"""
from __future__ import annotations

from functools import cached_property
from pathlib import Path

import pandas as pd

from .loading.corpus import Corpus, load_corpus
from .loading.groups import Grouping, grouping

#: Most groups a comparison keeps apart (:data:`kiji.questions.MAX_GROUPS`).
MAX_GROUPS = 40


def open_corpus(folder: str | Path, *, recursive: bool = False, metadata: str | Path | None = None,
                tokenizer: str | None = None, cache: str | Path | None = None) -> Explorer:
    """Load ``folder`` (see the module doc for the options) and return an :class:`Explorer`.

    >>> c = kiji.open(folder, recursive=True)
    >>> len(c.articles), sorted(c.groups("folder").group.unique())
    (6, ['スポーツ', '国際', '経済'])
    """
    from .core.cache import Cache
    from .core.run import Run
    from .tokens.tokenizer import tokenizer_name

    run = Run(cache=Cache.at(cache), tokenizer=tokenizer_name(tokenizer))
    return Explorer(load_corpus(folder, metadata=metadata, recursive=recursive, run=run), run)


class Explorer:
    """A loaded corpus with one method per question.  ``articles``, ``sentences``, ``skipped`` and
    ``tokens`` are the tables of :func:`kiji.load_corpus` and :func:`kiji.tokens.tokenize_corpus`;
    results are kept for the session (call again: no work).  ``run`` computes the per-article stages
    (default: :func:`kiji.core.run.default_run`)."""

    def __init__(self, corpus: Corpus, run=None):
        from .core.run import default_run

        self.corpus = corpus
        self.run = run or default_run()
        self._memo: dict[tuple, object] = {}

    def __repr__(self) -> str:
        c = self.corpus
        return (f"<kiji corpus {c.folder}: {len(c.articles)} articles, {len(c.sentences)} sentences, "
                f"{len(c.skipped)} files skipped>")

    @property
    def articles(self) -> pd.DataFrame:
        return self.corpus.articles

    @property
    def sentences(self) -> pd.DataFrame:
        return self.corpus.sentences

    @property
    def skipped(self) -> pd.DataFrame:
        return self.corpus.skipped

    @cached_property
    def tokens(self) -> pd.DataFrame:
        from .tokens import tokenize_corpus

        return tokenize_corpus(self.corpus, run=self.run)

    def _once(self, key: tuple, compute):
        if key not in self._memo:
            self._memo[key] = compute()
        return self._memo[key]

    def groups(self, by: str | None = None) -> Grouping:
        """The articles' groups under ``by`` (``category``, ``folder``, ``period`` or ``day``/``week``/
        ``month``/``year``, ``outlet``, ``article``, a column of metadata.csv; ``None``: chosen from the
        corpus, as the reports do): ``(groups, by, group)``.

        >>> g = c.groups("folder")
        >>> g.by, g.group.value_counts().sort_index().to_dict()
        ('folder', {'スポーツ': 2, '国際': 2, '経済': 2})
        """
        return grouping(self.articles, by or "", max_groups=MAX_GROUPS)

    def kwic(self, term: str, window: int = 5, *, unit: str = "tokens") -> pd.DataFrame:
        """Every occurrence of ``term`` with ``window`` tokens of context (:func:`kiji.terms.kwic.kwic`).

        >>> c.kwic("停戦")[["article_id", "left", "node", "right"]].head(2).values.tolist()
        [['talks', '両国は', '停戦', 'に合意した。'], ['talks', '', '停戦', 'の監視は国連が']]
        """
        from .terms.kwic import kwic

        return kwic(self.tokens, term, window=window, unit=unit, articles=self.articles, sentences=self.sentences)

    def distinctive(self, by: str | None = None, *, min_count: int = 2) -> pd.DataFrame:
        """Distinctive words of each group (:func:`kiji.questions.distinctive.distinctive_words`: G²,
        ratio, long format), groups as :meth:`groups` ``by``.

        >>> d = c.distinctive(by="folder")
        >>> d[d["rank"] == 1][["group", "word", "count", "count_elsewhere"]].values.tolist()
        [['スポーツ', '選手', 4, 0], ['国際', '停戦', 4, 0], ['経済', '株価', 3, 0]]
        """
        from .questions.distinctive import distinctive_words

        g = self.groups(by)
        return self._once(("distinctive", g.by, min_count), lambda: distinctive_words(
            self.tokens, g.group, min_count=min_count).assign(group_by=g.by))

    def rising(self, *, unit: str = "", window: int | None = None, min_count: int = 3) -> pd.DataFrame:
        """Rising words by period (:func:`kiji.questions.trends.rising_words`); ``unit`` ``day``/``week``/
        ``month``/``year`` (default: chosen from the date range).

        >>> r = c.rising(unit="month", min_count=2)
        >>> r[r["period"] == "2024-06"][["period", "word", "count", "count_before"]].head(1).values.tolist()
        [['2024-06', '停戦', 4, 0]]
        """
        from .questions.trends import rising_words

        period = grouping(self.articles, unit or "period").group
        return rising_words(self.tokens, period, window=window, min_count=min_count)

    def correspondence(self, by: str | None = None, *, words: int = 60, codes: str | Path | None = None,
                       unit: str = "sentence", plot: bool = False):
        """Correspondence analysis of words × groups (:mod:`kiji.questions.correspondence`), or of the
        codes of a code file × groups when ``codes`` is given (coded units of ``unit`` counted); with
        ``plot=True`` the labelled map (a matplotlib Figure) instead of the result.

        >>> ca = c.correspondence(by="folder", words=6)
        >>> sorted(ca.columns()["label"]), len(ca.rows())
        (['スポーツ', '国際', '経済'], 6)
        >>> sorted(c.correspondence(by="folder", codes=code_file).rows()["label"])
        ['停戦', '経済', '試合']
        """
        from .questions.correspondence import code_group_table, correspondence, word_group_table

        g = self.groups(by)
        if codes is not None:
            coded = self.code(codes, unit=unit).long()
            ca = correspondence(code_group_table(coded, g.group))
            kind = "コード (codes)"
        else:
            ca = self._once(("ca", g.by, words), lambda: correspondence(word_group_table(self.tokens, g.group,
                                                                                         words=words)))
            kind = "語 (words)"
        if plot:
            from .questions.charts import plot_biplot

            return plot_biplot(ca, title=f"対応分析: {kind} × {g.by}", row_kind=kind)
        return ca

    def clusters(self, by: str | None = "article", *, k: int | None = None, plot: bool = False):
        """Hierarchical clustering of groups (default: of articles) by their words
        (:func:`kiji.questions.clusters.cluster_groups`); ``plot=True`` gives the dendrogram.

        >>> tree = c.clusters(by="article", k=3)
        >>> tree.membership["cluster"].nunique()
        3
        """
        from .questions.clusters import cluster_groups

        g = self.groups(by)
        tree = cluster_groups(self.tokens, g.group, k=k)
        if plot:
            from .questions.charts import plot_dendrogram

            return plot_dendrogram(tree)
        return tree

    def topics(self, k: int = 8, *, by: str | None = None, random_state: int = 0):
        """A topic model with ``k`` topics (:func:`kiji.questions.topics.topic_model`) and each group's
        topic shares: ``(model, shares)``.

        >>> model, shares = c.topics(k=3, by="folder")
        >>> model.k, sorted(shares["group"].unique())
        (3, ['スポーツ', '国際', '経済'])
        """
        from .questions.topics import topic_model, topic_shares

        g = self.groups(by)
        model = self._once(("topics", k, random_state), lambda: topic_model(self.tokens, k=k,
                                                                             random_state=random_state))
        return model, topic_shares(model, g.group).assign(group_by=g.by)

    def search(self, expression: str, *, unit: str = "sentence") -> pd.DataFrame:
        """Sentences matching a boolean word query in the coding-rule syntax (:mod:`kiji.codes.rules`:
        ``and``, ``or``, ``not``, parentheses, ``A+B``, ``near(A-B)``, ``seq(A-B)``, ``'raw text'``)
        over base forms, in units of ``unit`` (``sentence``, ``paragraph``, ``article``): one row per
        sentence whose words made a unit match, with ``marked`` (the words in 【】), ``title``.

        >>> hits = c.search("停戦 and not 監視")
        >>> for text in hits["marked"]:
        ...     print(text)
        両国は【停戦】に合意した。
        外相は【停戦】が続くことを望むと述べた。
        政府によると、捕虜の交換も【停戦】の条件になる。
        """
        from .codes import code_corpus, parse_codes
        from .codes.sentences import matching_sentences

        rules = parse_codes(f"*search\n{expression}\n", file="search")
        coding = code_corpus(self.corpus, rules, unit=unit, tokens=self.tokens)
        out = matching_sentences(coding, self.sentences)
        titles = self.articles.set_index("article_id")["title"]
        return out.drop(columns=["group", "code", "html"]).assign(title=out["article_id"].map(titles).values)

    def code(self, codes: str | Path, *, unit: str = "sentence"):
        """Apply a code file (:mod:`kiji.codes`) to every ``unit``: the :class:`~kiji.codes.Coding`
        (``.wide()`` units × codes, ``.long()`` one row per coded unit and code, ``.hits`` the words).

        >>> coding = c.code(code_file)
        >>> coding.wide().sum().to_dict()
        {'停戦': 4, '経済': 6, '試合': 2}
        """
        from .codes import code_corpus, read_codes

        rules = read_codes(codes)
        return self._once(("code", str(codes), unit, rules), lambda: code_corpus(
            self.corpus, rules, unit=unit, tokens=self.tokens))

    def crosstab(self, codes: str | Path, by: str | None = None, *, unit: str = "sentence") -> pd.DataFrame:
        """Codes × groups (:func:`kiji.codes.stats.crosstab`): one row per code and group with the coded
        units, their share, the expected count and the adjusted residual, and the code's test
        (``chi2``, ``p_value``, ``test``: χ², Fisher's exact or Monte-Carlo, named).

        >>> t = c.crosstab(code_file, by="folder")
        >>> t[t["code"] == "停戦"][["group", "units", "coded"]].values.tolist()
        [['スポーツ', 6, 0], ['国際', 7, 4], ['経済', 7, 0]]
        """
        from .codes.stats import crosstab

        coding = self.code(codes, unit=unit)
        g = self.groups(by)
        unit_group = coding.units.set_index("unit_id")["article_id"].map(g.group)
        cells, tests = crosstab(coding.wide(), unit_group, order=sorted(set(g.group)))
        out = cells.merge(tests[["code", "chi2", "dof", "p_value", "test"]], on="code", how="left")
        return out.assign(group_by=g.by)

    def sources(self) -> pd.DataFrame:
        """Who is cited and how, one row per attribution with its sentence (:mod:`kiji.sourcing`).

        >>> s = c.sources()
        >>> {"article_id", "sentence_id"} <= set(s.columns)
        True
        """
        from .sourcing import extract_sources

        return self._once(("sources",), lambda: extract_sources(self.sentences, run=self.run))

    def claims(self) -> pd.DataFrame:
        """The numbers the articles claim, normalized and reconciled (:mod:`kiji.claims`).

        >>> cl = c.claims()
        >>> {"article_id", "sentence_id"} <= set(cl.columns)
        True
        """
        from .claims import claims_table

        return self._once(("claims",), lambda: claims_table(self.corpus, run=self.run))

    def export(self, out: str | Path, *, csv: str = "small") -> list[Path]:
        """Write every table, as ``kiji export`` does, into ``out`` (Parquet + CSV); returns the files."""
        from .report.export import export

        return export(self.corpus, out, csv=csv, run=self.run)
