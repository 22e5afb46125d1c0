import numpy as np
import pandas as pd

from kiji.terms.wordclouds import cloud_frequencies, make_wordcloud
from kiji.tokens.tokenizer import tokenize_sentences


def test_cloud_counts_and_same_image_every_run():
    s = pd.DataFrame({"article_id": ["a", "a", "b"], "sentence_id": [0, 1, 0],
                      "text_norm": ["ジョー・バイデン大統領が述べた。", "バイデン氏が述べた。", "核兵器。"]})
    f = cloud_frequencies(tokenize_sentences(s), stopwords=())  # counts, whatever the stopword files hold
    all_ = f[f["article_id"] == "ALL"].set_index("term")["count"]
    assert all_["バイデン"] == 2 and all_["述べる"] == 2 and all_["核兵器"] == 1
    assert "ジョー・バイデン" not in all_.index
    one = make_wordcloud(f[f["article_id"] == "ALL"], width=200, height=120).to_array()
    two = make_wordcloud(f[f["article_id"] == "ALL"], width=200, height=120).to_array()
    assert np.array_equal(one, two)
