"""Load a folder of Japanese articles into tidy, traceable DataFrames.

``load_corpus(folder)`` reads every file in ``folder`` (and, with
``recursive=True``, in its subfolders): each one ends either in ``articles``
or in ``skipped`` with a reason a person understands; one bad file never stops
the rest.

DataFrames of a :class:`Corpus`:

``articles`` (one row per loaded file)
    ``article_id`` (file stem; the file name when two files share a stem,
    then its relative path), ``source_file`` (the file name; its path relative
    to ``folder`` for a file in a subfolder: ``sports/a.txt``), ``format``
    (``text``, ``livedoor``, ``html``), ``title``,
    ``published`` (ISO date, '' when unknown: never guessed), ``url`` (this
    copy's URL), ``outlet`` (who published this copy), ``outlet_kind``
    (``blog``, ``news_feed``, ...), ``outlet_description``, ``origin_outlet``,
    ``origin_title``, ``origin_url`` (what it reposts or translates),
    ``translator``, ``credits`` (photo/agency credit lines), ``encoding``,
    ``n_paragraphs``, ``n_sentences``, ``n_chars`` (characters of body text),
    ``warnings`` ('; '-joined), ``boilerplate`` (lines removed from the body,
    newline-joined), ``content_sha256`` and, for each metadata field,
    ``<field>_source``: ``header``, ``footer``, ``html``, ``heuristic``,
    ``override``, ``title`` (an outlet read from the title's site suffix), ``url`` (an outlet
    from the URL's domain: ``data/outlet_domains.csv``, else the site's name in the domain; a
    publication date written in the URL's path, /2018/09/13/, when the text has none) or ''
    when the field is empty; the external variables
    ``folder``, ``category`` and ``category_source``
    (:mod:`kiji.loading.variables`), then one column per variable the analyst
    added in ``metadata.csv`` (:mod:`kiji.loading.overrides`).
``paragraphs``
    ``article_id``, ``paragraph_id`` (0-based within the article), ``text``
    (raw, for display), ``text_norm`` (normalized copy for analysis).
``sentences``
    ``article_id``, ``paragraph_id``, ``sentence_id`` (0-based within the
    article), ``text``, ``text_norm``.
``skipped``
    ``source_file``, ``reason``.

``Corpus.warnings`` lists problems that concern no single article (e.g. a
``metadata.csv`` row naming a file that is not in the folder).

Files are listed and read by :mod:`kiji.loading.files`: regular files only
(symbolic links, FIFOs, sockets and devices are skipped with the reason,
never opened), at most ``max_bytes`` each (default
:data:`kiji.loading.files.MAX_BYTES`), and kiji's own output is never read
back as an article.  A file that holds a single line of text is read as the
body (without a title), not skipped.
"""
from __future__ import annotations

import hashlib
import itertools
import os
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from ..core.entities import EntityTable, entity_table
from ..core.names import shown_name
from ..core.run import default_run
from ..core.vocab import VocabError
from ..core.vocab import table as vocab_table
from .dates import parse_date_line
from .decode import NotText, decode_bytes
from .file_cache import LoadCache
from .files import MAX_BYTES, NotReadable, list_articles, read_bounded
from .html_text import extract_html, looks_like_html
from .normalize import normalize_newlines, normalize_text, strip_invisible
from .outlet_site import DOMAINS, date_from_url, outlet_from_url, strip_site_suffix
from .overrides import MetadataError, apply_overrides, load_overrides, unmatched_files, variable_fields
from .pasted import load_furniture
from .sentences import MAX_SENTENCE_CHARS, cap_sentences, split_paragraphs, split_sentences
from .text_layout import FIELDS, Layout, read_layout
from .variables import category_of, load_category_rules

#: Hiragana, katakana or a CJK ideograph: a file without any is skipped (see :func:`load_file`).
_JAPANESE = re.compile(r"[\u3041-\u309f\u30a1-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff66-\uff9f]")

NOT_ARTICLE_SUFFIXES = {
    ".csv": "CSV table", ".tsv": "TSV table", ".json": "JSON data", ".parquet": "Parquet table",
    ".xlsx": "Excel workbook", ".xls": "Excel workbook", ".ipynb": "Jupyter notebook", ".py": "Python code",
    ".png": "image", ".jpg": "image", ".jpeg": "image", ".gif": "image", ".webp": "image",
}
ARTICLE_COLUMNS = (["article_id", "source_file", "format"] + FIELDS
                   + ["encoding", "n_paragraphs", "n_sentences", "n_chars", "warnings", "boilerplate",
                      "content_sha256"] + [f"{f}_source" for f in FIELDS] + ["folder", "category", "category_source"])
PARAGRAPH_COLUMNS = ["article_id", "paragraph_id", "text", "text_norm"]
SENTENCE_COLUMNS = ["article_id", "paragraph_id", "sentence_id", "text", "text_norm"]
SKIPPED_COLUMNS = ["source_file", "reason"]


class CorpusError(Exception):
    """The folder cannot be read as a corpus (missing, not a folder, nothing loadable)."""


@dataclass
class Corpus:
    folder: Path
    articles: pd.DataFrame
    paragraphs: pd.DataFrame
    sentences: pd.DataFrame
    skipped: pd.DataFrame
    warnings: list[str] = field(default_factory=list)

    def article(self, article_id: str) -> pd.Series:
        """One article's metadata row."""
        return self.articles.set_index("article_id").loc[article_id]

    def summary(self) -> str:
        """One-line summary, e.g. for the terminal."""
        return (f"{len(self.articles)} articles loaded, {len(self.skipped)} files skipped, "
                f"{len(self.sentences)} sentences")

    def __repr__(self) -> str:
        return f"<Corpus {self.folder.name}: {self.summary()}>"


@dataclass
class LoadedArticle:
    row: dict
    paragraphs: list[str]
    sentences: list[tuple[int, str]] = field(default_factory=list)
    #: ``normalize_text`` of each paragraph / sentence (the ``text_norm`` columns)
    paragraphs_norm: list[str] = field(default_factory=list)
    sentences_norm: list[str] = field(default_factory=list)


def _from_html(text: str) -> tuple[Layout, str]:
    page = extract_html(text)
    if not page.text.strip():
        raise NotText("HTML page with no article text (only markup, scripts or navigation)")
    meta = page.meta
    layout = Layout(paragraphs=[])
    lines = [line for line in page.text.split("\n") if line.strip()]
    # the page's <h1> often repeats the <title>: drop it from the body
    if lines and page.title and normalize_text(lines[0]).strip() in normalize_text(page.title):
        layout.boilerplate.append(lines.pop(0))
    layout.paragraphs = lines
    layout.set("title", page.title, "html")
    layout.set("url", meta.get("og:url") or meta.get("canonical", ""), "html")
    layout.set("outlet", meta.get("og:site_name", ""), "html")
    for key in ("article:published_time", "datepublished", "pubdate", "date", "dc.date"):
        if meta.get(key):
            value = meta[key]
            layout.set("published", parse_date_line(value[:10]) or parse_date_line(value), "html")
    return layout, "html"


def load_file(path: Path, outlets: EntityTable, max_bytes: int = MAX_BYTES) -> LoadedArticle:
    """Read one file; raise :class:`NotText` with the reason when it is not an article."""
    suffix = path.suffix.lower()
    if suffix in NOT_ARTICLE_SUFFIXES:
        raise NotText(f"{NOT_ARTICLE_SUFFIXES[suffix]} ({suffix}), not an article")
    try:
        data = read_bounded(path, max_bytes=max_bytes)
    except NotReadable as exc:
        raise NotText(str(exc)) from exc
    decoded = decode_bytes(data)
    text = normalize_newlines(decoded.text)
    if looks_like_html(text):
        layout, fmt = _from_html(text)
    else:
        layout = read_layout(text, outlets)
        fmt = "livedoor" if layout.sources.get("url") == "header" else "text"
    paragraphs = [p for line in layout.paragraphs for p in split_paragraphs(line)]
    if not paragraphs and layout.sources.get("title") == "header":
        # a single line of text (after any header date) is the article, not only its title
        paragraphs = split_paragraphs(layout.meta.pop("title"))
        layout.sources.pop("title", None)
        layout.warnings.append("one line of text only: read as the body, no title")
    sentences: list[tuple[int, str]] = []
    too_long = 0
    for pid, p in enumerate(paragraphs):
        capped, n_long = cap_sentences(split_sentences(p))
        sentences.extend((pid, s) for s in capped)
        too_long += n_long
    if too_long:
        layout.warnings.append(f"{too_long} sentence(s) longer than {MAX_SENTENCE_CHARS:,} characters "
                               "split at 。 ignoring quotation brackets, or at 、")
    # a paragraph of only invisible characters yields no sentence: drop such paragraphs
    keep = [pid for pid, p in enumerate(paragraphs) if strip_invisible(p).strip()]
    if not sentences:
        what = "only a title and metadata" if layout.meta.get("title") else "no text"
        raise NotText(f"no article text ({what})")
    if not any(_JAPANESE.search(s) for _, s in sentences):  # a Makefile, an English README, a log
        raise NotText("no Japanese text (no kana or kanji): not a Japanese article")
    row: dict = {"source_file": shown_name(path.name), "format": fmt, "encoding": decoded.encoding,
                 "n_paragraphs": len(keep), "n_sentences": len(sentences),
                 "n_chars": sum(len(s) for _, s in sentences),
                 "warnings": decoded.warnings + layout.warnings,
                 "boilerplate": "\n".join(layout.boilerplate),
                 "content_sha256": hashlib.sha256(data).hexdigest()}
    for name in FIELDS:
        row[name] = layout.meta.get(name, "")
        row[f"{name}_source"] = layout.sources.get(name, "") if row[name] else ""
    if not row["title"] and not any(w.startswith("one line of text only") for w in row["warnings"]):
        row["warnings"].append("no title found")
    return LoadedArticle(row=row, paragraphs=paragraphs, sentences=sentences,
                         paragraphs_norm=[normalize_text(p) for p in paragraphs],
                         sentences_norm=[normalize_text(s) for _, s in sentences])


def load_corpus(folder: str | Path, metadata: str | Path | None = None,
                outlets: EntityTable | None = None, max_bytes: int = MAX_BYTES,
                recursive: bool | None = None, *, run=None) -> Corpus:
    """Load every file of ``folder``; see the module docstring for the DataFrames.

    ``metadata`` is the override table (default: the file ``KIJI_METADATA``
    names, else ``data/metadata.csv``; a given path that does not exist is
    reported in ``Corpus.warnings``).  ``max_bytes`` is the size limit of one
    article file.  ``recursive`` also reads the subfolders (default: the
    environment variable ``KIJI_RECURSIVE``, which ``kiji report --recursive``
    sets for the notebooks).  ``run`` (a :class:`~kiji.core.run.Run`, default
    :func:`~kiji.core.run.default_run`) gives the cache of the loader's per-file results.
    Raises :class:`CorpusError` when the folder is missing or not a folder,
    or the metadata table cannot be read.
    """
    folder = Path(folder)
    if not folder.exists():
        raise CorpusError(f"articles folder not found: {folder}")
    if not folder.is_dir():
        raise CorpusError(f"not a folder: {folder} (give the folder that holds the article files)")
    recursive, metadata = _from_environment(recursive, metadata)
    explicit_outlets, outlets = outlets, outlets or entity_table()
    warnings: list[str] = []
    try:
        overrides = load_overrides(metadata, warnings)
    except MetadataError as exc:
        raise CorpusError(str(exc)) from None
    try:
        rules = load_category_rules()
    except VocabError as exc:
        raise CorpusError(str(exc)) from None
    extra = variable_fields(overrides)
    site = _Site.load(outlets)
    articles: list[dict] = []
    paragraphs: list[tuple] = []
    sentences: list[tuple] = []
    try:
        files, skipped = list_articles(folder, recursive=recursive)
    except OSError as exc:
        raise CorpusError(f"cannot list the articles folder {folder}: {exc.strerror or exc}") from None
    # one lookup per file, not a scan of the override table per file
    overrides_by_file = {name: rows for name, rows in overrides.groupby("source_file", sort=False)}
    no_overrides = overrides.iloc[0:0]
    seen_ids: set[str] = set()
    seen_hashes: dict[str, str] = {}
    # files already read in an earlier run (same bytes): from the cache (kiji.loading.file_cache)
    file_cache = LoadCache.open(LoadedArticle, max_bytes, run or default_run()) if explicit_outlets is None else None
    cached = file_cache.lookup(files) if file_cache else {}
    for path in files:
        rel = shown_name(path.relative_to(folder).as_posix())  # as shown: bytes and control characters escaped
        try:
            loaded = cached.get(path) or _load_new(path, outlets, max_bytes, file_cache)
        except NotText as exc:
            skipped.append((rel, str(exc)))
            continue
        except Exception as exc:  # one bad file never stops the rest
            skipped.append((rel, shown_name(f"could not be read ({type(exc).__name__}: {exc})")))
            continue
        row = loaded.row
        row["source_file"] = rel
        article_id = _unique_id((shown_name(path.stem), shown_name(path.name), rel), rel, seen_ids)
        seen_ids.add(article_id)
        row["article_id"] = article_id
        if (twin := seen_hashes.get(row["content_sha256"])):
            row["warnings"].append(f"same bytes as {twin}")
        seen_hashes.setdefault(row["content_sha256"], rel)
        own = next((overrides_by_file[k] for k in (unicodedata.normalize("NFC", rel),
                                                  unicodedata.normalize("NFC", shown_name(path.name)))
                    if k in overrides_by_file), no_overrides)
        _finish_row(row, own, path.parent.relative_to(folder).as_posix(), rules, extra)
        site.complete(row)
        articles.append(row)
        paragraphs.extend((article_id, pid, p, n)
                          for pid, (p, n) in enumerate(zip(loaded.paragraphs, loaded.paragraphs_norm)))
        sentences.extend((article_id, pid, sid, s, n)
                         for sid, ((pid, s), n) in enumerate(zip(loaded.sentences, loaded.sentences_norm)))
    if file_cache:
        file_cache.save()
    names = ([shown_name(p.relative_to(folder).as_posix()) for p in files] + [shown_name(p.name) for p in files]
             + [n for n, _ in skipped])
    return Corpus(
        folder=folder,
        articles=_frame(articles, ARTICLE_COLUMNS + extra),
        paragraphs=_with_norm(pd.DataFrame(paragraphs, columns=PARAGRAPH_COLUMNS)),
        sentences=_with_norm(pd.DataFrame(sentences, columns=SENTENCE_COLUMNS)),
        skipped=pd.DataFrame(skipped, columns=SKIPPED_COLUMNS),
        warnings=warnings + unmatched_files(overrides, names, folder.name, metadata),
    )


def _unique_id(candidates: tuple[str, ...], rel: str, seen: set[str]) -> str:
    """The first of ``candidates`` not in ``seen``, else ``rel#2``, ``rel#3``, … (made one at a time).

    >>> _unique_id(("a", "a.txt", "x/a.txt"), "x/a.txt", {"a", "a.txt", "x/a.txt", "x/a.txt#2"})
    'x/a.txt#3'
    """
    for candidate in candidates:
        if candidate not in seen:
            return candidate
    return next(i for i in (f"{rel}#{n}" for n in itertools.count(2)) if i not in seen)


def _from_environment(recursive: bool | None, metadata: str | Path | None) -> tuple[bool, str | Path | None]:
    """Defaults of :func:`load_corpus` from ``KIJI_RECURSIVE`` and ``KIJI_METADATA`` (set by ``kiji report``
    for the notebook kernels, so they load the corpus as the command did)."""
    if recursive is None:
        recursive = os.environ.get("KIJI_RECURSIVE", "").strip().lower() in ("1", "true", "yes")
    if metadata is None and os.environ.get("KIJI_METADATA"):
        metadata = os.environ["KIJI_METADATA"]
    return recursive, metadata


def _finish_row(row: dict, overrides: pd.DataFrame, folder: str, rules: list, extra: list[str]) -> None:
    """Apply one file's overrides and set its external variables (folder, category, the analyst's)."""
    sources = {f: row[f"{f}_source"] for f in FIELDS}
    meta = {f: row[f] for f in FIELDS}
    variables: dict[str, str] = {}
    apply_overrides(meta, sources, row["warnings"], overrides, variables)
    for f in FIELDS:
        row[f], row[f"{f}_source"] = meta[f], (sources[f] if meta[f] else "")
    row["folder"] = "" if folder == "." else folder
    file_name = row["source_file"].rsplit("/", 1)[-1]
    row["category"], row["category_source"] = category_of(rules, file_name, row["url"], row["folder"])
    if variables.get("category"):
        row["category"], row["category_source"] = variables["category"], "override"
    row.update({name: variables.get(name, "") for name in extra})
    row["warnings"] = "; ".join(row["warnings"])


class _Site:
    """Title and outlet from the page's site (:mod:`kiji.loading.outlet_site`), after the overrides: the site's
    name leaves the title (``… | NHK | 宇宙``; source ``title``), and an article with no outlet yet takes
    the one its URL's domain names (source ``url``).  Overridden fields are left alone."""

    def __init__(self, outlets: EntityTable, domains: pd.DataFrame):
        self.outlets, self.domains, self.furniture = outlets, domains, load_furniture()
        self.names = {str(o) for o in domains["outlet"]}

    @classmethod
    def load(cls, outlets: EntityTable) -> _Site:
        try:
            return cls(outlets, vocab_table(DOMAINS))
        except VocabError as exc:
            raise CorpusError(str(exc)) from None

    def is_outlet(self, name: str) -> bool:
        return bool(self.outlets.outlet(name)) or name in self.names or self.furniture.looks_like_outlet(name)

    def complete(self, row: dict) -> None:
        if row.get("title") and row.get("title_source") != "override":
            title, name = strip_site_suffix(row["title"], self.is_outlet)
            if name:
                row["title"] = title
                if not row.get("outlet"):
                    row["outlet"], row["outlet_source"] = self.outlets.outlet(name) or name, "title"
        if not row.get("published") and row.get("url") and (day := date_from_url(row["url"])):
            row["published"], row["published_source"] = day, "url"
        if not row.get("outlet") and row.get("url"):
            name, _ = outlet_from_url(row["url"], self.domains, self.outlets.outlet_from_url)
            if name:
                row["outlet"], row["outlet_source"] = name, "url"


def _load_new(path: Path, outlets: EntityTable, max_bytes: int, file_cache: LoadCache | None) -> LoadedArticle:
    """A file not in the loader cache: read it, and keep the result for the next run."""
    loaded = load_file(path, outlets, max_bytes)
    if file_cache:
        file_cache.add(path, loaded)
    return loaded


def _frame(rows: list[dict], columns: list[str]) -> pd.DataFrame:
    frame = pd.DataFrame(rows, columns=columns)
    for col in ("n_paragraphs", "n_sentences", "n_chars"):
        frame[col] = frame[col].astype("int64")
    return frame


def _with_norm(frame: pd.DataFrame) -> pd.DataFrame:
    for col in ("paragraph_id", "sentence_id"):
        if col in frame:
            frame[col] = frame[col].astype("int64")
    return frame
