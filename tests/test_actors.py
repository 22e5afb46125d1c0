"""Actor aliasing (kiji.actors): explicit aliases, longest match, blockers, subjects."""
import pandas as pd

from kiji.escalation.actors import actor_mentions, default_finder


def actors(text):
    return default_finder().actors_in(text)


def test_aliases_map_to_canonical_actors():
    assert actors("バイデン政権とホワイトハウス、国防総省") == ["米国"]
    assert actors("プーチン大統領とクレムリン、モスクワ") == ["ロシア"]
    assert actors("ゼレンスキー大統領はキエフで") == ["ウクライナ"]
    assert actors("金正恩氏は平壌で") == ["北朝鮮"]
    assert actors("北大西洋条約機構(NATO)") == ["NATO"]
    assert actors("イギリスと英国政府") == ["英国"]


def test_people_act_for_their_side():
    # one entity table: a person stands for the side the table gives them
    assert actors("トランプ次期大統領とバイデン大統領") == ["米国"]
    assert actors("プーチン大統領とゼレンスキー大統領") == ["ロシア", "ウクライナ"]


def test_longest_match_and_no_overlap():
    # 米国防総省 is one mention (US), not 米国 + 国防総省
    finder = default_finder()
    found = finder.find("米国防総省は")
    assert [(m.alias, m.actors) for m in found] == [("米国防総省", ("米国",))]


def test_blockers_and_short_forms():
    assert actors("ワシントン・ポストによると") == []
    assert actors("中国地方の天気") == []
    assert actors("中国はロシアを支援") == ["中国", "ロシア"]
    # single-character 英 / 米 are not aliases
    assert actors("英と米の関係") == []


def test_alias_naming_two_actors():
    assert actors("韓米は北朝鮮軍の動きを注視") == ["韓国", "米国", "北朝鮮"]


def test_actor_mentions_table():
    sents = pd.DataFrame({"article_id": ["x", "x"], "sentence_id": [3, 4],
                          "text_norm": ["ロシアとウクライナ", "特になし"]})
    m = actor_mentions(sents)
    assert m[["article_id", "sentence_id", "actor", "start", "end"]].values.tolist() == [
        ["x", 3, "ロシア", 0, 3], ["x", 3, "ウクライナ", 4, 9]]


def test_subject_before_uses_particles_and_titles():
    f = default_finder()
    text = "バイデン大統領は、北朝鮮が兵士を派遣したことへの報復として許可を与えた。"
    assert f.subject_before(text, text.index("兵士を派遣")) == ["北朝鮮"]
    # 〜したことへの closes the が-clause: the retaliation is Biden's
    assert f.subject_before(text, text.index("報復")) == ["米国"]
    text2 = "ある米当局者は、今回の措置は北朝鮮による追加派兵を抑止する狙いもあると述べた。"
    assert f.subject_before(text2, text2.index("派兵")) == ["北朝鮮"]
    text3 = "10月に北朝鮮が到着したことは"
    s = text3.index("北朝鮮が到着")
    assert f.subject_before(text3, s, end=s + len("北朝鮮が到着")) == ["北朝鮮"]
    assert f.subject_before("ロシアへの攻撃を許可", 0) == []
