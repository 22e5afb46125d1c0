"""Metadata of each seed, as a person reading it would take it, and the generic layouts."""
import pytest

from kiji.core.entities import entity_table
from kiji.loading.text_layout import read_layout
from tests.conftest import seed_text


@pytest.fixture(scope="module")
def outlets():
    return entity_table()


def _body(layout):
    return "\n".join(layout.paragraphs)


def test_000_blog_repost_of_washington_post(outlets):
    lay = read_layout(seed_text("000"), outlets)
    assert lay.meta["published"] == "2024-11-18" and lay.sources["published"] == "header"
    assert lay.meta["title"].startswith("レームダック(死に体)バイデン")
    assert lay.meta["origin_url"] == "https://www.washingtonpost.com/national-security/2024/11/17/ukraine-russia-north-korea-atacms/"
    assert lay.meta["origin_outlet"] == "ワシントン・ポスト" and lay.sources["origin_outlet"] == "footer"
    assert lay.meta["origin_title"].startswith("Biden approves Ukraine’s use of long-range")
    assert lay.meta["outlet_kind"] == "blog"
    body = _body(lay)
    for boiler in ("件のコメント", "washingtonpost.com", "参考文献", "2024年11月18日月曜日"):
        assert boiler not in body
        assert any(boiler in b for b in lay.boilerplate)
    assert body.startswith("米政府高官によると")
    assert body.endswith("本レポートに協力した。")


def test_001_translated_commentary(outlets):
    lay = read_layout(seed_text("001"), outlets)
    assert lay.meta["title"] == "「バイデンからのエスカレーション」"
    assert lay.meta["published"] == "2024-11-25"
    assert lay.meta["translator"] == "林田一博" and lay.sources["translator"] == "footer"
    assert "翻訳" not in _body(lay) and "25.11.2024" not in _body(lay)


def test_002_syndication_disclaimer(outlets):
    lay = read_layout(seed_text("002"), outlets)
    assert lay.meta["outlet"] == "TechWire24" and lay.sources["outlet"] == "footer"
    assert lay.meta["outlet_kind"] == "news_feed"
    assert lay.meta["origin_outlet"] == "グローブ・アンド・メール" and lay.sources["origin_outlet"] == "heuristic"
    assert lay.meta["credits"] == "ロイター"
    assert "シンジケート" not in _body(lay)
    assert "published" not in lay.meta  # the article does not say when it was published


def test_003_single_line_article(outlets):
    lay = read_layout(seed_text("003"), outlets)
    assert lay.meta["title"].startswith("米ミサイルで北朝鮮軍を狙う")
    assert "published" not in lay.meta


def test_004_blog_name_description_headings_and_english_source(outlets):
    lay = read_layout(seed_text("004"), outlets)
    assert lay.meta["title"] == "ロシア軍事機構の再建、米敵対勢力が支援"
    assert lay.meta["outlet"] == "すずくるのお国のまもり" and lay.meta["outlet_kind"] == "blog"
    assert lay.meta["outlet_description"].startswith("お国の周りでは")
    assert lay.meta["origin_title"] == "How Putin Rebuilt Russia’s War Machine With Help From U.S. Adversaries"
    assert lay.meta["origin_outlet"] == "ウォール・ストリート・ジャーナル"
    body = _body(lay)
    assert "ロシア軍事機構の再建、米敵対勢力が支援" not in body  # 〇/◎ repeated headings removed
    assert sum("ロシア軍事機構の再建" in b for b in lay.boilerplate) == 4
    assert "お国の周りでは" not in body and "How Putin" not in body
    assert body.startswith("【ワシントン】")


def test_livedoor_format(outlets):
    text = ("http://news.livedoor.com/article/detail/1234567/\n2012-09-10T12:30:00+0900\n"
            "ロシアが核ドクトリンを改定\t\n<写真>プーチン大統領\n本文の一文目。二文目。\n")
    lay = read_layout(text, outlets)
    assert lay.meta["url"] == "http://news.livedoor.com/article/detail/1234567/"
    assert lay.meta["published"] == "2012-09-10"
    assert lay.meta["title"] == "ロシアが核ドクトリンを改定"
    assert lay.paragraphs == ["<写真>プーチン大統領", "本文の一文目。二文目。"]


def test_plain_text_without_metadata_keeps_every_line(outlets):
    lay = read_layout("見出し\n一文目。\n二文目。", outlets)
    assert lay.meta == {"title": "見出し"}
    assert lay.paragraphs == ["一文目。", "二文目。"]
    assert lay.boilerplate == []
