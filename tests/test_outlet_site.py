"""The page's site: outlet from the URL's domain, the site's name out of the title (issue 18, item 5)."""
import pandas as pd
import pytest

import kiji
from kiji.loading.outlet_site import domain_outlet, outlet_from_url, site_label, strip_site_suffix

TABLE = pd.DataFrame({"domain": ["example-news.jp", "culture.example-news.jp"], "outlet": ["例示新聞", "例示カルチャー"]})


@pytest.mark.parametrize("url, outlet", [
    ("https://example-news.jp/articles/1", "例示新聞"),
    ("https://www.example-news.jp/a", "例示新聞"),
    ("https://culture.example-news.jp/a", "例示カルチャー"),       # the longest domain wins
    ("https://notexample-news.jp/a", ""),                           # not a sub-domain
])
def test_domain_table(url, outlet):
    assert domain_outlet(url.split("/")[2].lower(), TABLE) == outlet


@pytest.mark.parametrize("url, label", [
    ("https://www.sample-daily.co.jp/x", "sample-daily"), ("http://news.townpaper.com/1", "townpaper"),
    ("https://blog.writer.net/p", "writer"), ("not a url", ""), ("http://192.168.0.1/", ""),
])
def test_site_label(url, label):
    assert site_label(url) == label


def test_outlet_from_url_falls_back_to_entities_then_the_site():
    assert outlet_from_url("https://example-news.jp/1", TABLE, lambda u: "X") == ("例示新聞", "domain")
    assert outlet_from_url("https://other.jp/1", TABLE, lambda u: "エンティティ") == ("エンティティ", "domain")
    assert outlet_from_url("https://www.other-site.jp/1", TABLE, lambda u: "") == ("other-site", "site")
    assert outlet_from_url("", TABLE, lambda u: "") == ("", "")


@pytest.mark.parametrize("title, expected", [
    ("探査機が月面に着陸 | 例示放送 | 宇宙", ("探査機が月面に着陸", "例示放送")),
    ("市長選の結果 - 例示新聞", ("市長選の結果", "例示新聞")),
    ("主文は後回しに(例示新聞)", ("主文は後回しに", "例示新聞")),
    ("A社 | B社の提携", ("A社 | B社の提携", "")),                  # no outlet: the title stays whole
    ("例示新聞 | 社説", ("例示新聞 | 社説", "")),                    # nothing before the outlet: keep
])
def test_strip_site_suffix(title, expected):
    assert strip_site_suffix(title, lambda s: s in ("例示放送", "例示新聞")) == expected


def test_a_livedoor_file_gets_its_outlet_from_the_url(tmp_path):
    (tmp_path / "a.txt").write_text("http://news.livedoor.com/article/detail/1234567/\n2012-05-01T10:00:00+0900\n"
                                    "新しいタブレットが登場\n本文の一文目です。新しいタブレットは軽い。\n", encoding="utf-8")
    arts = kiji.load_corpus(tmp_path).articles
    assert arts[["outlet", "outlet_source"]].values.tolist() == [["livedoor ニュース", "url"]]


def test_a_title_suffix_leaves_the_title(tmp_path):
    (tmp_path / "b.html").write_text("<html><head><title>台風が北上 | NHK | 気象</title></head><body><p>"
                                     "台風10号は北上を続けている。</p></body></html>", encoding="utf-8")
    arts = kiji.load_corpus(tmp_path).articles
    assert arts["title"].tolist() == ["台風が北上"] and arts["outlet"].tolist() == ["NHK"]


def test_an_override_wins(tmp_path):
    (tmp_path / "c.txt").write_text("http://news.livedoor.com/article/detail/1/\n2012-05-01T10:00:00+0900\n"
                                    "題\n本文です。\n", encoding="utf-8")
    meta = tmp_path.parent / "meta.csv"
    meta.write_text("source_file,field,value,note\nc.txt,outlet,自分の媒体,\n", encoding="utf-8")
    arts = kiji.load_corpus(tmp_path, metadata=meta).articles
    assert arts[["outlet", "outlet_source"]].values.tolist() == [["自分の媒体", "override"]]


@pytest.mark.parametrize("url, day", [
    ("https://example.jp/news/2018/09/13/abc.html", "2018-09-13"),
    ("https://example.jp/article/20231128-XY12AB/", "2023-11-28"),
    ("https://example.jp/a/FM20221125", "2022-11-25"),
    ("https://example.jp/a/wire-20250724074", "2025-07-24"),
    ("https://example.jp/item/123456789012", ""),         # a long id, not a date
    ("https://example.jp/2019/13/40/", ""),               # no such day
    ("https://20240101.example.jp/a", ""),                # only the path counts
])
def test_date_from_url(url, day):
    from kiji.loading.outlet_site import date_from_url
    assert date_from_url(url) == day


def test_published_from_the_url_only_when_the_text_has_none(tmp_path):
    (tmp_path / "a.txt").write_text("市が新しい図書館を開館\n\n市は1日、新しい図書館を開館した。\n", encoding="utf-8")
    (tmp_path / "b.txt").write_text("2024年5月2日\n市が新しい図書館を開館\n\n市は1日、新しい図書館を開館した。\n",
                                    encoding="utf-8")
    meta = tmp_path.parent / "m.csv"
    meta.write_text("source_file,field,value,note\na.txt,url,https://example.jp/2024/05/01/lib.html,\n"
                    "b.txt,url,https://example.jp/2023/01/01/lib.html,\n", encoding="utf-8")
    arts = kiji.load_corpus(tmp_path, metadata=meta).articles.set_index("source_file")
    assert arts.loc["a.txt", ["published", "published_source"]].tolist() == ["2024-05-01", "url"]
    assert arts.loc["b.txt", "published"] == "2024-05-02"


@pytest.mark.parametrize("first, published, rest", [
    (" date 2025-06-14 日経平均は3日続伸した。", "2025-06-14", "日経平均は3日続伸した。"),
    ("date 2026-02-25 *16:45JST 株価が最高値で終了", "2026-02-25", "株価が最高値で終了"),
    ("公開日: 2025/3/2 14:05 新駅の開業日が決まる", "2025-03-02", "新駅の開業日が決まる"),
])
def test_a_date_that_opens_the_first_line_is_the_publication_date(tmp_path, first, published, rest):
    (tmp_path / "a.txt").write_text(f"{first}\n\n市は新しい計画を発表した。次の段階に進む。\n", encoding="utf-8")
    arts = kiji.load_corpus(tmp_path).articles
    assert arts["published"].tolist() == [published]
    corpus_text = " ".join(kiji.load_corpus(tmp_path).paragraphs["text"]) + " " + arts["title"].iloc[0]
    assert rest in corpus_text and "date" not in corpus_text


def test_a_date_inside_a_sentence_is_not_a_prefix(tmp_path):
    (tmp_path / "a.txt").write_text("市は2025年6月14日に新しい計画を発表した。\n", encoding="utf-8")
    assert kiji.load_corpus(tmp_path).articles["published"].tolist() == [""]


@pytest.mark.parametrize("line, day", [("2020年4月3日 / 15:30", "2020-04-03"), ("2024/11/19 10:00 JST", "2024-11-19")])
def test_date_lines_with_a_clock(line, day):
    from kiji.loading.dates import parse_date_line
    assert parse_date_line(line) == day


@pytest.mark.parametrize("furniture", ["ここから本文です", "印刷版", "写真・図版", "このエントリーをはてなブックマークに追加"])
def test_page_furniture_is_not_the_title(tmp_path, furniture):
    (tmp_path / "a.txt").write_text(f"{furniture}\n新駅の開業日が決まる\n\n市は新駅を来春開業すると発表した。駅前の整備も進む。\n",
                                    encoding="utf-8")
    assert kiji.load_corpus(tmp_path).articles["title"].tolist() == ["新駅の開業日が決まる"]
