import math

import pandas as pd

from kiji.terms.cooccurrence import cooccurrence_edges, cooccurrence_graph
from kiji.tokens.tokenizer import tokenize_sentences


def test_jaccard_by_sentence():
    s = pd.DataFrame({"article_id": "a", "sentence_id": range(3),
                      "text_norm": ["政府と軍隊。", "政府と軍隊と経済。", "経済の政府。"]})
    tokens = tokenize_sentences(s)
    e = cooccurrence_edges(tokens, top_n=3, min_cooccurrence=1).set_index(["source", "target"])
    # 政府 in {0,1,2}, 軍隊 in {0,1}, 経済 in {1,2}
    assert math.isclose(e.loc[("政府", "軍隊"), "jaccard"], 2 / 3, abs_tol=1e-6)
    assert math.isclose(e.loc[("経済", "軍隊"), "jaccard"], 1 / 3, abs_tol=1e-6)
    assert e.loc[("政府", "経済"), "cooccurrences"] == 2
    g = cooccurrence_graph(e.reset_index(), tokens)
    assert g.nodes["政府"]["frequency"] == 3 and g.number_of_edges() == 3
