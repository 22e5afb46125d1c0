"""Speakers on news that is not about a war (issue 18, items 2–3): bare surnames janome tags 人名,
が-subjects over a chain of adjuncts, name・body+title, the speaker right after an adnominal cue.
Own sentences, several kinds of story."""
import pandas as pd
import pytest

from kiji.core.textnorm import normalize_text
from kiji.sourcing import extract_sources
from kiji.sourcing.subject import adjunct_chain


def sources(*texts):
    s = pd.DataFrame({"article_id": ["a"] * len(texts), "sentence_id": range(len(texts)), "text": list(texts),
                      "text_norm": [normalize_text(t) for t in texts]})
    return extract_sources(s)


def speaker(text):
    df = sources(text)
    assert len(df) == 1, df
    return df.iloc[0][["canonical", "source_kind"]].tolist()


@pytest.mark.parametrize("text, who", [
    ("鈴木は「悔しい結果だった」と振り返った。", "鈴木"),                      # sport: a bare surname
    ("佐藤も「次は勝ちたい」と語り、会場を後にした。", "佐藤"),
    ("田中一郎首相(民政党総裁)が9日、官邸で会見を開き、退任について「苦しい判断だった」と語った。", "田中一郎"),
    ("山田花子・東西大学教授は「結果に驚いた」と話した。", "山田花子"),       # science: name・body+title
    ("後援会長の川口正夫・北町長が支援に感謝し「皆さんのおかげだ」と述べた。", "川口正夫"),  # politics
    ("「撮影は楽しかった」と語る山田は、笑顔を見せた。", "山田"),             # entertainment: speaker after
    ("「次も勝つ」と話した主将の佐藤さんが、仲間と握手した。", "佐藤"),
    ("店長の木村さんは「春から準備してきました」と話しています。", "木村"),   # lifestyle: polite form
])
def test_named_speakers(text, who):
    assert speaker(text) == [who, "named_person"]


def test_a_place_is_not_a_bare_surname():
    df = sources("東京は「晴れ」と予報された。")
    assert "named_person" not in set(df["source_kind"])


def test_the_subject_of_a_nominalised_clause_is_not_the_speaker():
    df = sources("北国が新しい関税を課したことについて、「対抗する」と述べた。")
    assert "北国" not in set(df["canonical"])


@pytest.mark.parametrize("between, ok", [
    ("9日、官邸で会見を開き、退任について「〓〓」", True), ("支援に感謝し「〓」", True),
    ("攻撃したことについて、「〓」", False), ("、社長は「〓」", False), ("", False),
])
def test_adjunct_chain(between, ok):
    assert adjunct_chain(between) is ok


@pytest.mark.parametrize("text, body", [
    ("米アップルは8日、新しい端末を発売すると発表した。", "アップル"),          # a company after its country
    ("アメリカのアップルが新製品を発表しました。", "アップル"),
    ("北山電機が、新型の電池を来年までに市場に投入する計画を発表しました。", "北山電機"),  # Xが、 is a subject
    ("東山県警によると、男は酒に酔っていた。", "東山県警"),                   # police
    ("東西大学によると、新しい化合物は熱に強い。", "東西大学"),               # a university
])
def test_institutions(text, body):
    df = sources(text)
    assert [body, "institution"] in df[["canonical", "source_kind"]].values.tolist()


def test_a_conjunctive_ga_still_ends_a_clause():
    df = sources("政府は延期を決めたが、首相は「決定を尊重する」と述べた。")
    assert df["source"].tolist() == ["首相"]


def test_a_transcript_label_names_the_speaker():
    df = sources("中村:新しい制度には期待しています。")
    assert df[["canonical", "source_kind", "quote"]].values.tolist() == [
        ["中村", "named_person", "新しい制度には期待しています。"]]


@pytest.mark.parametrize("label, who", [("●田中一郎選手(北町FC):", "田中一郎"), ("(北山電機・川村健社長)", "川村健")])
def test_a_label_line_gives_the_speaker_of_the_quotes_under_it(label, who):
    df = sources(label, "「前半から攻めることができた。次も勝ちたい」")
    said = df[df["quote"] != ""]
    assert said[["canonical", "source_kind", "quote"]].values.tolist() == [
        [who, "named_person", "前半から攻めることができた。次も勝ちたい"]]


@pytest.mark.parametrize("line", ["時間:午後3時から", "注意:雨の日は中止です。", "(写真は資料)", "著者:板垣 英一",
                                  "竹内花子:東京都出身。", "開発者:North Apps LLC"])
def test_a_label_that_names_no_person_is_not_a_speaker(line):
    assert sources(line).empty


def test_an_outlet_with_its_latin_name_in_parentheses():
    df = sources("カナダのノース・デイリー(The North Daily)紙は、提案者が大手企業だと伝えた。")
    assert df[["canonical", "source_kind"]].values.tolist() == [["ノース・デイリー", "media_outlet"]]


def test_a_view_reported_by_an_outlet():
    df = sources("西海タイムズ紙は、経営陣は買収に応じないだろうとのアナリストの見方を伝えた。")
    assert ["西海タイムズ", "media_outlet"] in df[["canonical", "source_kind"]].values.tolist()
