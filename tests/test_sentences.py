from kiji.loading.sentences import split_paragraphs, split_sentences


def test_full_width_terminators():
    assert split_sentences("核の脅威だ。本当か？そうだ！以上") == ["核の脅威だ。", "本当か？", "そうだ！", "以上"]


def test_quotes_kept_whole_with_attribution():
    text = "ポドヴィグ氏は「もし措置が講じられれば。核の脅威が暗示される」と述べた。次の文。"
    assert split_sentences(text) == ["ポドヴィグ氏は「もし措置が講じられれば。核の脅威が暗示される」と述べた。", "次の文。"]


def test_standalone_quote_is_one_sentence():
    assert split_sentences("「これは競争ではない。」と書いた。") == ["「これは競争ではない。」と書いた。"]


def test_parentheses_do_not_split():
    assert split_sentences("ATACMS(発音は「アタックエムズ」。)は誘導ミサイルだ。") == ["ATACMS(発音は「アタックエムズ」。)は誘導ミサイルだ。"]


def test_unclosed_quote_falls_back_to_plain_splitting():
    assert split_sentences("彼は「一つ。二つ。三つ。") == ["彼は「一つ。", "二つ。", "三つ。"]


def test_repeated_marks_stay_with_their_sentence():
    assert split_sentences("本当か！？そうだ…。") == ["本当か！？", "そうだ…。"]


def test_one_line_article_splits_into_paragraphs_and_sentences():
    line = "一段落目の文。続く文だ。 二段落目の文。 「引用だ」とし「続きだ」と話した。"
    assert split_paragraphs(line) == ["一段落目の文。続く文だ。", "二段落目の文。", "「引用だ」とし「続きだ」と話した。"]


def test_003_single_line_seed_splits(seed_corpus):
    s = seed_corpus.sentences
    one = s[s.article_id.str.startswith("003")]
    assert len(one) >= 30
    assert one.text.str.len().max() < 250
    assert one.paragraph_id.nunique() > 10


def test_no_paragraph_break_inside_a_quotation():
    from kiji.loading.sentences import split_paragraphs

    line = "監督は「勝った！ 最高のチームだ！」と投稿した。 試合は延長戦までもつれた。"
    assert split_paragraphs(line) == ["監督は「勝った！ 最高のチームだ！」と投稿した。", "試合は延長戦までもつれた。"]
    assert split_paragraphs("「閉じない！ 次の文。") == ["「閉じない！", "次の文。"]
