"""Every report notebook is a template for any folder (issue 10).

``kiji.report.render_reports`` renders all notebooks on corpora that are not the seeds as the seeds
are laid out: the seeds renamed ``article_0.txt`` …, a single article, undated articles (one titled
in Hangul with an emoji), and a generated corpus of 1,000 articles (``tests/corpus_factory.py``).
Each run must succeed for every notebook, every page must stay under 3 MB, carry the folder's name
and article count, no code and no test marker, and a corpus that is not the seeds must never show
a seed's id, title or outlet.  The 1,000-article report is rendered once per session and shared.
"""
from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from tests.conftest import ROOT, SEEDS

MAX_PAGE_BYTES = 3 * 1024 * 1024
NOTEBOOKS = ["00_corpus", "01_term_frequency", "02_sourcing", "03_escalation", "04_claims", "05_codes_and_comparison"]
# seed-specific facts the old notebooks printed whatever the folder: they must come only from data
SEED_PHRASES = ["ワシントン・ポスト", "Washington Post", "中央日報", "TechWire24", "すずくるのお国のまもり",
                "ウォール・ストリート・ジャーナル", "グローブ・アンド・メール", "With only five articles",
                "Russian commentary", "News stories (000", "レームダック", "林田一博"]


def _seed_ids() -> list[str]:
    return [p.stem for p in sorted(SEEDS.glob("*.txt"))]


def _render(folder: Path, out: Path):
    from kiji.report.run import render_reports

    lines: list[str] = []
    results = render_reports(folder, out, log=lambda *a: lines.append(" ".join(map(str, a))))
    return results, lines


def _pages(out: Path) -> dict[str, str]:
    return {p.name: p.read_text(encoding="utf-8") for p in sorted(out.glob("*.html"))}


def _assert_complete(results, out: Path, folder: Path, n_articles: int):
    assert [r.name for r in results] == NOTEBOOKS
    failed = [(r.name, r.error) for r in results if not r.ok]
    assert not failed, failed
    pages = _pages(out)
    assert set(pages) == {f"{n}.html" for n in NOTEBOOKS} | {"index.html"}
    for name, html in pages.items():
        size = len(html.encode("utf-8"))
        assert size < MAX_PAGE_BYTES, f"{name}: {size / 2**20:.1f} MB"
        assert "NBVAL_" not in html, name
        body = html.split("<main>", 1)[-1]
        assert not re.search(r">\s*(In|Out)(&nbsp;|\s)*\[\s*\d*\s*\]:", body), f"{name}: prompt numbers"
        assert "@font-face" in html and "data:font/woff2;base64," in html, f"{name}: no embedded font"
    for name in NOTEBOOKS:
        html = pages[f"{name}.html"]
        assert 'href="index.html"' in html, name
        assert f"<code>{folder.name}</code>" in html, name
        assert f"{n_articles} articles" in html, name
        assert 'class="kiji-toc"' in html, name
        # no code cells by default
        assert '<div class="highlight hl-ipython3">' not in html, name
    return pages


def _assert_no_seed_facts(pages: dict[str, str]):
    for name, html in pages.items():
        for seed_id in _seed_ids():
            assert seed_id not in html, f"{name}: seed id {seed_id}"
        for phrase in SEED_PHRASES:
            assert phrase not in html, f"{name}: seed-specific phrase {phrase!r}"


# ---------------------------------------------------------------- small corpora

@pytest.fixture(scope="module")
def renamed_seeds(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("renamed") / "my_articles"
    folder.mkdir()
    for i, seed in enumerate(sorted(SEEDS.glob("*.txt"))):
        shutil.copy(seed, folder / f"article_{i}.txt")
    return folder


@pytest.mark.slow
def test_renamed_seeds_render_without_seed_ids(renamed_seeds, tmp_path):
    results, lines = _render(renamed_seeds, tmp_path / "out")
    pages = _assert_complete(results, tmp_path / "out", renamed_seeds, 5)
    for name, html in pages.items():
        for seed_id in _seed_ids():
            assert seed_id not in html, f"{name}: {seed_id}"
    # one terminal line per notebook, with its status and time
    for nb in NOTEBOOKS:
        (line,) = [x for x in lines if re.match(rf"\s+{nb}\s", x)]
        assert re.search(r"\bok\s+\d+ s$", line), line


def test_single_article(tmp_path):
    folder = tmp_path / "one"
    folder.mkdir()
    shutil.copy(sorted(SEEDS.glob("*.txt"))[2], folder / "only.txt")
    results, _ = _render(folder, tmp_path / "out")
    _assert_complete(results, tmp_path / "out", folder, 1)


UNDATED = {
    "taiwan.txt": ("台湾海峡で演習、周辺国が警戒",
                   ["台湾の国防部は十日、周辺海域で大規模な演習が行われたと発表した。",
                    "国防部の報道官は「挑発には冷静に対応する」と述べた。",
                    "関係者によると、演習は三日間続く見通しだという。",
                    "米国務省は双方に自制を求める声明を出した。"]),
    "korea.txt": ("한국 언론도 注目 😀 ソウルの選挙戦",
                  ["ソウル市長選の投票が始まり、各陣営が最後の訴えを行った。",
                   "選挙管理委員会によると、期日前投票率は過去最高となった。",
                   "与党の幹部は「結果を厳粛に受け止める」と語った。"]),
    "economy.txt": ("円安進行、輸入物価に影響",
                    ["外国為替市場で円安が進み、輸入物価の上昇が続いている。",
                     "財務省の高官は匿名を条件に「市場の動きを注視している」と述べた。",
                     "専門家は、物価への影響は当面続くとの見方を示した。"]),
}


@pytest.mark.slow
def test_undated_articles_with_hangul_and_emoji_title(tmp_path):
    folder = tmp_path / "undated"
    folder.mkdir()
    for name, (title, body) in UNDATED.items():
        (folder / name).write_text(title + "\n\n" + "\n".join(body) + "\n", encoding="utf-8")
    results, _ = _render(folder, tmp_path / "out")
    pages = _assert_complete(results, tmp_path / "out", folder, 3)
    _assert_no_seed_facts(pages)
    corpus_page = pages["00_corpus.html"]
    assert "한국 언론도 注目 😀" in corpus_page  # the title itself, as text
    # Hangul has no bundled font: drawn as placeholders, and the page says so
    assert "代替記号" in corpus_page and "placeholders" in corpus_page
    assert "日付なし (no dates)" in corpus_page


# ---------------------------------------------------------------- 1,000 generated articles (shared)

@pytest.fixture(scope="session")
def report_1000(tmp_path_factory):
    from tests.corpus_factory import make_corpus

    folder = tmp_path_factory.mktemp("generated") / "generated_1000"
    make_corpus(folder, 1000, seed=0, layout="flat")
    out = tmp_path_factory.mktemp("report_1000")
    results, lines = _render(folder, out)
    return folder, out, results, lines


@pytest.mark.slow
def test_1000_articles_every_notebook_succeeds_and_pages_stay_small(report_1000):
    folder, out, results, _ = report_1000
    _assert_complete(results, out, folder, 1000)


@pytest.mark.slow
def test_1000_articles_no_seed_fact_in_any_page(report_1000):
    _, out, _, _ = report_1000
    _assert_no_seed_facts(_pages(out))


@pytest.mark.slow
def test_1000_articles_views_are_grouped_and_tables_cut(report_1000):
    _, out, _, _ = report_1000
    pages = _pages(out)
    corpus_page = pages["00_corpus.html"]
    assert "grouped by" in corpus_page
    # long tables show their top rows, say how many are left out and link the full CSV
    assert "more rows" in corpus_page and 'href="data/inventory.csv"' in corpus_page
    assert (out / "data" / "inventory.csv").is_file()
    index = pages["index.html"]
    assert "more articles" in index and 'href="data/articles.csv"' in index
    # pictures are bounded: no page carries more than a handful of charts
    for name in NOTEBOOKS:
        assert pages[f"{name}.html"].count("<img") <= 15, name


def test_notebooks_carry_no_seed_specific_code_or_prose():
    import nbformat

    for name in NOTEBOOKS:
        nb = nbformat.read(ROOT / "notebooks" / f"{name}.ipynb", as_version=4)
        for cell in nb.cells:
            if "parameters" in cell.metadata.get("tags", []):
                continue
            src = cell.source
            assert not re.search(r"(\.str\s*\[:3\]|_id\W{0,3}\[:3\])", src), (name, src[:80])  # ids cut to 3
            assert not re.search(r"""["'](00[0-4])""", src), (name, src[:80])
            for phrase in SEED_PHRASES + ["ATACMS"]:
                assert phrase not in src, (name, phrase)
        assert (nb.metadata.get("kiji") or {}).get("answers"), f"{name}: no one-line answer for the index"
