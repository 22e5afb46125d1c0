"""Synthetic corpora of any size, recombined from the project's own test articles.

``tests/data/articles/`` holds short Japanese news articles written for this
project (``<category>_<nn>.txt``: a title line, a date line, then one paragraph
per line).  :func:`make_corpus` writes ``n`` article files built from them:

* each article starts from one source article, keeps its lead paragraph, swaps
  some of its other paragraphs with paragraphs of other articles of the same
  category, shuffles them, and is cut or padded to 4–14 paragraphs;
* titles, publication dates (spread over the 18 months 2024-01-01 .. 2025-06-30,
  written in six date formats), outlets and file names vary;
* file formats: plain text (title then date, date then title, or a blog header
  ``Title | Blog`` + blog name line), and the livedoor news corpus format
  (line 1 URL, line 2 ISO datetime ``+0900``, line 3 title, then the body);
  a few files are Shift_JIS (cp932), UTF-8 with a BOM or have CRLF newlines;
* ``layout``: ``"flat"`` every file directly in ``folder``; ``"mixed"`` (the
  default) about a quarter of them in subfolders named by category;
  ``"folders"`` every file in its category's subfolder; ``"livedoor"`` like the
  livedoor news corpus: every file in livedoor format, in category subfolders,
  named ``<category>-<number>.txt``.

Deterministic: the same ``seed`` gives the same bytes under the same names on
any machine (article ``i`` depends only on ``seed`` and ``i``, so the first
1,000 files of a 1,001-article corpus are those of the 1,000-article corpus).
Fast: 10,000 articles in about a second.

Command line: ``python tests/corpus_factory.py OUT_FOLDER N [--seed S] [--layout L]``.
"""
from __future__ import annotations

import argparse
import datetime as dt
import random
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

SOURCE_DIR = Path(__file__).resolve().parent / "data" / "articles"
LAYOUTS = ("flat", "mixed", "folders", "livedoor")
FIRST_DAY = dt.date(2024, 1, 1)
N_DAYS = 547  # 2024-01-01 .. 2025-06-30

_DATE_LINE = re.compile(r"^(\d{4})(?:年(\d{1,2})月(\d{1,2})日|[-/](\d{2})[-/](\d{2}))")
# (name shown in a blog header or used in file names, host for livedoor-style URLs)
_OUTLETS = [
    ("東邦新聞", "www.toho-shimbun.example.jp"),
    ("北洋日報", "hokuyo-nippo.example.jp"),
    ("みなと経済新聞", "minato-keizai.example.com"),
    ("山河タイムズ", "sanga-times.example.net"),
    ("ニュース・ダイジェスト", "news.digest.example.jp"),
    ("国際情勢ウォッチ", "kokusai-watch.example.org"),
]
_BLOGS = ["時事をかみくだくブログ", "ふるさと通信", "安全保障メモ", "経済のミカタ"]
_TITLE_PREFIXES = ["", "", "", "", "【速報】", "【独自】", "【解説】", "<続報>"]
_TITLE_SUFFIXES = ["", "", "", "", "(続報)", "　専門家に聞く", "　現地の声", "　詳報"]
_WEEKDAYS = "月火水木金土日"


@dataclass(frozen=True)
class SourceArticle:
    name: str
    category: str
    title: str
    paragraphs: tuple[str, ...]


@lru_cache(maxsize=4)
def load_sources(folder: Path = SOURCE_DIR) -> tuple[SourceArticle, ...]:
    """The hand-written articles of ``folder`` (``<category>_<nn>.txt``), sorted by name."""
    out = []
    for path in sorted(folder.glob("*.txt")):
        lines = [line.strip() for line in path.read_text(encoding="utf-8").split("\n") if line.strip()]
        head, body = lines[:2], lines[2:]
        dates = [line for line in head if _DATE_LINE.match(line)]
        if len(dates) != 1 or len(body) < 4:
            raise ValueError(f"{path.name}: expected a title line, a date line and a body")
        title = next(line for line in head if line not in dates)
        out.append(SourceArticle(path.stem, path.stem.split("_")[0], title, tuple(body)))
    if not out:
        raise ValueError(f"no source articles in {folder}")
    return tuple(out)


def _by_category(sources: tuple[SourceArticle, ...]) -> dict[str, list[SourceArticle]]:
    groups: dict[str, list[SourceArticle]] = {}
    for src in sources:
        groups.setdefault(src.category, []).append(src)
    return groups


def _date_line(day: dt.date, hour: int, minute: int, rng: random.Random) -> str:
    style = rng.randrange(6)
    if style == 0:
        return f"{day.year}年{day.month}月{day.day}日"
    if style == 1:
        return f"{day.year}年{day.month}月{day.day}日({_WEEKDAYS[day.weekday()]})"
    if style == 2:
        return day.isoformat()
    if style == 3:
        return day.strftime("%Y/%m/%d")
    if style == 4:
        return f"{day.isoformat()}T{hour:02d}:{minute:02d}:00+0900"
    return day.strftime("%d.%m.%Y")


def _article(i: int, seed: int, sources: tuple[SourceArticle, ...],
             groups: dict[str, list[SourceArticle]], layout: str) -> tuple[str, str, str]:
    """(relative folder, file name, text) of article ``i``."""
    rng = random.Random(f"kiji-corpus:{seed}:{i}")
    base = sources[rng.randrange(len(sources))]
    group = groups[base.category]
    pool = [p for src in group for p in src.paragraphs[1:]]
    lead, rest = base.paragraphs[0], list(base.paragraphs[1:])
    if len(group) > 1:
        rest = [rng.choice(pool) if rng.random() < 0.35 else p for p in rest]
    rng.shuffle(rest)
    target = rng.randint(4, 14)
    while len(rest) + 1 < target:
        rest.append(rng.choice(pool))
    paragraphs = [lead] + list(dict.fromkeys(rest))[: target - 1]

    title_from = base if rng.random() < 0.7 else rng.choice(group)
    title = rng.choice(_TITLE_PREFIXES) + title_from.title + rng.choice(_TITLE_SUFFIXES)
    day = FIRST_DAY + dt.timedelta(days=rng.randrange(N_DAYS))
    hour, minute = rng.randrange(6, 23), rng.randrange(60)
    outlet, host = _OUTLETS[rng.randrange(len(_OUTLETS))]
    number = 4_000_000 + seed % 1000 * 100_000 + i

    livedoor = layout == "livedoor" or rng.random() < 0.3
    in_subfolder = {"flat": False, "mixed": rng.random() < 0.25, "folders": True, "livedoor": True}[layout]
    if livedoor:
        head = [f"https://{host}/article/detail/{number}/",
                f"{day.isoformat()}T{hour:02d}:{minute:02d}:00+0900",
                title + ("\t" if rng.random() < 0.2 else "")]  # livedoor titles often end in TAB
    else:
        style = rng.randrange(4)
        date = _date_line(day, hour, minute, rng)
        if style == 0:
            head = [title, date, ""]
        elif style == 1:
            head = [date, title, ""]
        elif style == 2:
            blog = rng.choice(_BLOGS)
            head = [f"{title} | {blog}", blog, date, ""]
        else:
            head = [title, date]
    text = "\n".join(head + paragraphs) + "\n"

    if layout == "livedoor":
        name = f"{base.category}-{number}.txt"
    else:
        name = rng.choice([f"{base.category}-{number}.txt", f"{i:06d}_{rng.getrandbits(40):010x}.txt",
                           f"{day.isoformat()}_{host.split('.')[0]}_{i}.txt", f"記事_{i:05d}.txt"])
    return (base.category if in_subfolder else ""), name, text


def _encode(text: str, rng: random.Random) -> bytes:
    roll = rng.random()
    if roll < 0.05:
        text = text.replace("\n", "\r\n")
    elif roll < 0.10:
        try:
            return text.encode("cp932")
        except UnicodeEncodeError:
            pass
    elif roll < 0.13:
        return text.encode("utf-8-sig")
    return text.encode("utf-8")


def make_corpus(folder: Path, n: int, seed: int = 0, layout: str = "mixed") -> list[Path]:
    """Write ``n`` articles into ``folder`` (created if needed); return their paths in order."""
    if layout not in LAYOUTS:
        raise ValueError(f"layout must be one of {', '.join(LAYOUTS)}, not {layout!r}")
    if n < 0:
        raise ValueError("n must be >= 0")
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    sources = load_sources()
    groups = _by_category(sources)
    made_dirs: set[str] = set()
    paths = []
    for i in range(n):
        sub, name, text = _article(i, seed, sources, groups, layout)
        if sub not in made_dirs:
            (folder / sub).mkdir(exist_ok=True)
            made_dirs.add(sub)
        path = folder / sub / name
        path.write_bytes(_encode(text, random.Random(f"kiji-encoding:{seed}:{i}")))
        paths.append(path)
    return paths


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description="Write a synthetic corpus of Japanese news articles.")
    parser.add_argument("folder", type=Path)
    parser.add_argument("n", type=int)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--layout", choices=LAYOUTS, default="mixed")
    args = parser.parse_args(argv)
    paths = make_corpus(args.folder, args.n, seed=args.seed, layout=args.layout)
    print(f"{len(paths)} articles written to {args.folder} (seed {args.seed}, layout {args.layout})")


if __name__ == "__main__":
    main()
