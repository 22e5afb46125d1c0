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
