"""KWIC (key word in context) concordances, within sentence bounds.

Two units of context:

* ``unit="tokens"``: the node is a token (or a run of tokens) of the token
  table of :func:`kiji.tokens.tokenizer.tokenize_sentences`; the context is up to
  ``window`` tokens on each side, never crossing the sentence's start or end.
  ``match="exact"`` matches the surface or the base form (述べる finds 述べた),
  ``match="contains"`` any token whose surface contains the query (核 finds
  核兵器, 核ドクトリン, 非核...).  A query that is several tokens long
  (核兵器使用) is matched as a run of consecutive tokens.
* ``unit="chars"``: the node is every occurrence of the query string in the
  sentence's normalized text; the context is up to ``window`` characters each
  side, again within the sentence.

Context text keeps a single space where the source had whitespace between two
tokens (``start`` offsets of the token table).
"""
from __future__ import annotations

import pandas as pd

from kiji.core.textnorm import normalize_text

KWIC_COLUMNS = ["article_id", "sentence_id", "token_id", "start", "left", "node", "right"]
META_COLUMNS = ["title", "outlet"]


def _join(surfaces, starts) -> str:
    """Concatenate surfaces, with one space where the text had a gap (whitespace)."""
    out = []
    prev_end = None
    for s, st in zip(surfaces, starts):
        if prev_end is not None and st > prev_end:
            out.append(" ")
        out.append(s)
        prev_end = st + len(s)
    return "".join(out)


def _add_meta(df: pd.DataFrame, articles: pd.DataFrame | None) -> pd.DataFrame:
    if articles is None:
        for c in META_COLUMNS:
            df[c] = ""
        return df
    meta = articles[["article_id"] + [c for c in META_COLUMNS if c in articles.columns]].copy()
    meta["article_id"] = meta["article_id"].astype(str)
    df = df.merge(meta, on="article_id", how="left")
    for c in META_COLUMNS:
        if c not in df.columns:
            df[c] = ""
        df[c] = df[c].fillna("")
    return df


def _sentence_texts(tokens: pd.DataFrame) -> pd.DataFrame:
    rows = []
    for (aid, sid), g in tokens.groupby(["article_id", "sentence_id"], sort=True, observed=True):
        rows.append((str(aid), int(sid), _join(g["surface"].astype(str), g["start"])))
    return pd.DataFrame(rows, columns=["article_id", "sentence_id", "text_norm"])


def kwic(tokens: pd.DataFrame, query: str, *, window: int = 5, unit: str = "tokens",
         match: str = "exact", articles: pd.DataFrame | None = None,
         sentences: pd.DataFrame | None = None, tokenizer_kwargs: dict | None = None) -> pd.DataFrame:
    """Concordance of ``query`` in ``tokens`` (any subset of articles).

    Returns one row per hit, sorted by ``article_id``, ``sentence_id``, position:

    - ``article_id``, ``sentence_id``: where the hit is;
    - ``token_id``: first token of the node (tokens unit) or the token in which
      the hit starts (chars unit); ``start``: character offset of the node in the
      normalized sentence text;
    - ``left``, ``node``, ``right``: the context and the node as text (``left``
      ends right before the node, ``right`` starts right after it); the window
      stops at the sentence's start/end;
    - ``title``, ``outlet``: from ``articles`` (``corpus.articles``) when given,
      else empty.

    ``sentences`` (``corpus.sentences``) is used by ``unit="chars"`` for the
    exact normalized text; without it the text is rebuilt from the tokens.
    """
    query = normalize_text(query).strip()
    if not query:
        raise ValueError("empty query")
    if unit == "tokens":
        df = _kwic_tokens(tokens, query, window, match, tokenizer_kwargs or {})
    elif unit == "chars":
        df = _kwic_chars(tokens, query, window, sentences)
    else:
        raise ValueError("unit must be 'tokens' or 'chars'")
    df = df.sort_values(["article_id", "sentence_id", "start"], ignore_index=True)
    return _add_meta(df, articles)[KWIC_COLUMNS + META_COLUMNS]


def _kwic_tokens(tokens, query, window, match, tokenizer_kwargs) -> pd.DataFrame:
    rows = []
    surf_all = tokens["surface"].astype(str)
    base_all = tokens["base_form"].astype(str)
    if match == "exact":
        pattern = [query]
        if not ((surf_all == query) | (base_all == query)).any():
            from kiji.tokens.tokenizer import tokenize_text
            pattern = tokenize_text(query, **tokenizer_kwargs) or [query]
    elif match == "contains":
        pattern = None
    else:
        raise ValueError("match must be 'exact' or 'contains'")
    t = tokens.assign(_surf=surf_all, _base=base_all)
    for (aid, sid), g in t.groupby(["article_id", "sentence_id"], sort=True, observed=True):
        g = g.sort_values("token_id")
        surf = g["_surf"].tolist()
        base = g["_base"].tolist()
        starts = g["start"].tolist()
        tids = g["token_id"].tolist()
        n = len(surf)
        for i in range(n):
            if pattern is None:
                if query not in surf[i]:
                    continue
                j = i + 1
            else:
                k = len(pattern)
                if i + k > n:
                    continue
                if k == 1:
                    if surf[i] != query and base[i] != query:
                        continue
                elif surf[i:i + k] != pattern:
                    continue
                j = i + k
            lo, hi = max(0, i - window), min(n, j + window)
            rows.append((str(aid), int(sid), int(tids[i]), int(starts[i]),
                         _join(surf[lo:i], starts[lo:i]), _join(surf[i:j], starts[i:j]),
                         _join(surf[j:hi], starts[j:hi])))
    return pd.DataFrame(rows, columns=KWIC_COLUMNS)


def _kwic_chars(tokens, query, window, sentences) -> pd.DataFrame:
    if sentences is not None:
        col = "text_norm" if "text_norm" in sentences.columns else "text"
        texts = sentences[["article_id", "sentence_id", col]].rename(columns={col: "text_norm"})
        texts = texts.assign(article_id=texts["article_id"].astype(str),
                             text_norm=texts["text_norm"].map(normalize_text))
        ids = set(tokens["article_id"].astype(str))
        texts = texts[texts["article_id"].isin(ids)]
    else:
        texts = _sentence_texts(tokens)
    tok_starts = {k: (g["start"].tolist(), g["token_id"].tolist())
                  for k, g in tokens.assign(article_id=tokens["article_id"].astype(str))
                                    .groupby(["article_id", "sentence_id"], observed=True)}
    rows = []
    for aid, sid, text in texts.itertuples(index=False):
        if not isinstance(text, str):
            continue
        pos = text.find(query)
        while pos >= 0:
            end = pos + len(query)
            starts, tids = tok_starts.get((aid, sid), ([], []))
            tid = -1
            for st, ti in zip(starts, tids):
                if st <= pos:
                    tid = ti
                else:
                    break
            rows.append((aid, int(sid), int(tid), pos, text[max(0, pos - window):pos], query,
                         text[end:end + window]))
            pos = text.find(query, pos + 1)
    return pd.DataFrame(rows, columns=KWIC_COLUMNS)
