import os
import shutil
import subprocess
import sys

import pandas as pd

from kiji.cli import main


def test_export_writes_bom_csv_and_parquet(tmp_path, seeds_dir, capsys):
    folder = tmp_path / "arts"
    shutil.copytree(seeds_dir, folder)
    (folder / "empty.txt").write_bytes(b"")
    out = tmp_path / "out"
    assert main(["export", "--articles", str(folder), "--out", str(out), "--csv", "all"]) == 0
    printed = capsys.readouterr().out
    assert "5 articles loaded, 1 files skipped" in printed and "skipped empty.txt: empty file" in printed
    for name in ("articles", "skipped", "sentences"):
        raw = (out / f"{name}.csv").read_bytes()
        assert raw.startswith(b"\xef\xbb\xbf")
        csv = pd.read_csv(out / f"{name}.csv", encoding="utf-8-sig", keep_default_na=False)
        parquet = pd.read_parquet(out / f"{name}.parquet")
        assert len(csv) == len(parquet)
    sentences = pd.read_parquet(out / "sentences.parquet")
    assert sentences.groupby("article_id").size().to_dict() == dict(
        pd.read_parquet(out / "articles.parquet")[["article_id", "n_sentences"]].values)
    assert {"article_id", "sentence_id", "text", "text_norm"} <= set(sentences.columns)
    assert pd.read_csv(out / "skipped.csv", encoding="utf-8-sig").source_file.tolist() == ["empty.txt"]
    claims = pd.read_csv(out / "claims.csv", encoding="utf-8-sig", keep_default_na=False)
    assert list(claims.columns[:13]) == ["article_id", "sentence_id", "text", "raw_value", "raw_unit", "value", "unit",
                                         "low", "high", "subject", "source", "group_id", "status"]
    assert len(claims) and set(claims.status) <= {"consistent", "differs", "conflicting", "single"}


def test_missing_or_empty_folder_exits_nonzero_with_message(tmp_path, capsys):
    assert main(["export", "--articles", str(tmp_path / "nope"), "--out", str(tmp_path / "o")]) == 2
    assert "articles folder not found" in capsys.readouterr().err
    (tmp_path / "bad").mkdir()
    (tmp_path / "bad" / "x.gz").write_bytes(b"\x1f\x8b\x08\x00")
    assert main(["export", "--articles", str(tmp_path / "bad"), "--out", str(tmp_path / "o")]) == 2
    err = capsys.readouterr()
    assert "no loadable article" in err.err and "gzip" in err.out


def test_module_and_console_script_entry_points(tmp_path):
    env = dict(os.environ)
    result = subprocess.run([sys.executable, "-m", "kiji", "--version"], capture_output=True, text=True, env=env)
    assert result.returncode == 0 and result.stdout.startswith("kiji ")
    script = shutil.which("kiji", path=os.path.dirname(sys.executable))
    assert script, "the `kiji` command is installed next to the interpreter"
    result = subprocess.run([script, "export", "--articles", str(tmp_path / "nope"), "--out", str(tmp_path)],
                            capture_output=True, text=True)
    assert result.returncode == 2 and "Traceback" not in result.stderr


def test_csv_small_keeps_per_sentence_tables_parquet_only_and_none_writes_no_csv(tmp_path, seeds_dir):
    small, none = tmp_path / "small", tmp_path / "none"
    assert main(["export", "--articles", str(seeds_dir), "--out", str(small), "--jobs", "1"]) == 0
    csvs = {p.stem for p in small.glob("*.csv")}
    parquets = {p.stem for p in small.glob("*.parquet")}
    assert {"articles", "skipped", "sources", "escalation"} <= csvs
    assert not csvs & {"tokens", "sentences", "paragraphs"}
    assert {"tokens", "sentences", "paragraphs"} | csvs <= parquets
    assert main(["export", "--articles", str(seeds_dir), "--out", str(none), "--csv", "none", "--jobs", "1"]) == 0
    assert not list(none.glob("*.csv")) and {p.stem for p in none.glob("*.parquet")} == parquets


def test_bad_scale_options_fail_in_one_line(tmp_path, seeds_dir, capsys):
    out = str(tmp_path / "o")
    assert main(["export", "--articles", str(seeds_dir), "--out", out, "--dask", "nonsense"]) == 2
    assert "--dask takes 'local' or a scheduler address" in capsys.readouterr().err
    assert main(["export", "--articles", str(seeds_dir), "--out", out, "--jobs", "0"]) == 2
    assert "--jobs must be at least 1" in capsys.readouterr().err
