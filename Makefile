# kiji — run `make help` for the list of targets.
# Every target installs what it needs into .venv first (python3 with venv and pip is all a machine needs).

PYTHON  ?= python3
VENV    ?= .venv
PY      := $(VENV)/bin/python
ARTICLES ?= seeds
OUT     ?= reports
STAMP   := $(VENV)/.kiji-installed

.DEFAULT_GOAL := help
.PHONY: help install report export test test-all lint lab notebooks clean bench lock upgrade eval

help: ## show this list
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-10s %s\n", $$1, $$2}'

LOCK    := requirements/lock.txt

$(STAMP): pyproject.toml $(LOCK)
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r $(LOCK)
	$(PY) -m pip install --quiet --no-deps -e .
	$(PY) -m ipykernel install --sys-prefix --name python3 --display-name "Python 3" >/dev/null
	@touch $(STAMP)

install: $(STAMP) ## create .venv and install kiji with its dependencies

report: $(STAMP) ## render every notebook on ARTICLES (default seeds) to HTML in OUT (default reports); SHOW_CODE=1 keeps code
	$(PY) -m kiji report --articles "$(ARTICLES)" --out "$(OUT)" $(if $(filter-out 0,$(SHOW_CODE)),--show-code)

export: $(STAMP) ## write the corpus tables of ARTICLES as CSV + Parquet to OUT (default export)
	$(PY) -m kiji export --articles "$(ARTICLES)" --out "$(if $(filter reports,$(OUT)),export,$(OUT))"

test: $(STAMP) ## the fast tier: unit tests + nbval over every notebook, without the tests marked slow (a few minutes)
	$(PY) -m pytest -m "not slow"

test-all: $(STAMP) ## every test, the slow corpus-scale ones included
	$(PY) -m pytest

eval: $(STAMP) ## precision/recall on the real-text any-news dev set (git-ignored cache, tests/anynews); HELD=1 adds the held-out split
	$(PY) tests/anynews/evaluate.py $(if $(filter-out 0,$(HELD)),--held) $(if $(filter-out 0,$(MISSES)),--misses)

bench: $(STAMP) ## benchmark on 100/1,000/10,000 generated articles (BENCH_SIZES, BENCH_ARTICLES=DIR); writes benchmarks/RESULTS.md
	$(PY) benchmarks/bench.py

lab: $(STAMP) ## JupyterLab on notebooks/ (127.0.0.1; Japanese readable without system fonts); LAB_ARGS="--port 9999 --no-browser"
	$(PY) -m kiji.report.lab --notebook-dir=notebooks $(LAB_ARGS)

notebooks: $(STAMP) ## re-execute the committed notebooks in place on seeds/ (after changing the library)
	cd notebooks && for nb in [0-9][0-9]_*.ipynb; do ../$(VENV)/bin/jupyter nbconvert --to notebook --execute --inplace "$$nb" || exit 1; done

clean: ## remove generated reports, exports and kiji's cache (the user cache folder; keeps .venv)
	rm -rf reports export data/cache "$${XDG_CACHE_HOME:-$$HOME/.cache}/kiji"

lint: $(STAMP) ## ruff (rules and complexity limit in pyproject.toml), notebook code-cell format check, mypy on lib/
	$(PY) -m ruff check lib tests notebooks
	$(PY) -m ruff format --check notebooks
	$(PY) -m mypy

lock: ## re-resolve requirements/lock.txt from pyproject.toml (pins every package; run after editing dependencies)
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet uv
	$(VENV)/bin/uv pip compile pyproject.toml --extra test --extra scale --universal --python-version 3.11 -o $(LOCK)

upgrade: ## take the newest releases into the lock, reinstall, and run the whole suite and lint
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet uv
	$(VENV)/bin/uv pip compile pyproject.toml --extra test --extra scale --universal --python-version 3.11 --upgrade -o $(LOCK)
	$(MAKE) install test-all lint
