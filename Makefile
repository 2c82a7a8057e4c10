# Two commands on a fresh machine: `make run` and `make test`.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-dev

.PHONY: run test lint typecheck pytest bench demo clean browser lock model

$(BIN)/python:
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "Python 3.11 or newer is needed (set PYTHON=...)")'
	$(PYTHON) -m venv $(VENV)

$(STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $@

## make model: the answers' sentence-embedding model, fetched once into .cache/models/ and
## checked against pinned hashes (scripts/fetch-model; nothing is downloaded at run time),
## and the embeddings of the content's phrasings worked out once, before the tests' workers
## (each would else work them out at the same time)
model: $(STAMP)
	@$(BIN)/python scripts/fetch-model
	@$(BIN)/python -m bot.answers.embedding campaigns

## make run: set up .venv, migrate the database and start the bot
run: $(STAMP) model
	@test -f .env || { cp .env.example .env && echo "Created .env from .env.example (no tokens: console chat)."; }
	@$(BIN)/python scripts/member-key .env
	$(BIN)/campaign-bot db upgrade
	$(BIN)/campaign-bot run

## make test: set up .venv with dev extras; ruff, mypy --strict on bot/, pytest
test: $(STAMP) browser lint typecheck pytest

## make browser: Debian's Chromium and its driver, for the dashboard's browser tests
browser:
	@scripts/install-chromium

lint: $(STAMP)
	$(BIN)/ruff check bot tests $(wildcard benchmarks/*.py)

typecheck: $(STAMP)
	$(BIN)/mypy bot

## pytest: the suite on two workers (pytest-xdist); the subprocess-heavy files (the CLI verbs,
## the cluster) share one worker, so they never run at the same time. Our modules are compiled
## once first: on hosts with PYTHONDONTWRITEBYTECODE set, every CLI subprocess would else.
## A crashed worker ends the run (--max-worker-restart=0): xdist 3.8 can hang for ever
## replacing one under loadgroup (pytest-xdist #1327), and the crashed test fails the run anyway.
## A test still running at its in-loop limit (tests/conftest.py) fails with every task's stack
## and is run once more: the first failure and its stacks stay in the report (R, -rR). One
## still running at 97% of its limit has every stack written to the CI log and its event loop
## stopped (tests/watch.py): it fails, and its worker lives on.
pytest: $(STAMP) browser model
	$(BIN)/python -m compileall -q bot
	$(BIN)/pytest -q -n 2 --dist loadgroup --max-worker-restart=0 -rR \
	  --reruns 1 --only-rerun 'still running after'

## make bench: the benchmark suite; writes benchmarks/results.json
bench: $(STAMP) model
	$(BIN)/python -m benchmarks

## make lock: pin every dependency, runtime and dev, as installed in .venv (the Dockerfile's)
lock: $(STAMP)
	{ sed -n '1,3p' requirements.lock; $(BIN)/python -m pip freeze --exclude-editable \
	  | grep -v '^union-campaign-bot'; } > requirements.lock.new && mv requirements.lock.new requirements.lock

demo: $(STAMP) model
	$(BIN)/campaign-bot demo

clean:
	rm -rf $(VENV) .mypy_cache .ruff_cache .pytest_cache
