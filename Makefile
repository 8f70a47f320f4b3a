# make serve : set up, ingest new seeds, build and serve the site with live reload
# make test  : set up, then run the whole test suite (what CI runs)
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
HOST   ?= 127.0.0.1:8000
CHECK_FLAGS ?=
export NO_MKDOCS_2_WARNING := 1

.PHONY: setup serve site ingest check fmt schemas test test-fast bench bench-quick fuzz clean

setup: $(STAMP)

# Re-installs only when the pins or the package metadata change.
$(STAMP): requirements.lock pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements.lock
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps -e .
	@touch $(STAMP)

ingest: setup
	$(BIN)/python -m build_tools ingest seeds/

check: setup
	$(BIN)/python -m build_tools check $(CHECK_FLAGS)

fmt: setup
	$(BIN)/python -m build_tools fmt

# JSON Schemas for editors (see CONTRIBUTING.md); run again after adding registry entries.
schemas: setup
	$(BIN)/python -m build_tools schema .schemas

site: ingest
	$(BIN)/mkdocs build --strict

# A bad seed is reported but must not stop the server: the rest of the corpus still builds.
# --dirty: a rebuild renders only the pages whose content changed (the corpus plugin makes
# that exact: see build_tools/adapters/dirty.py).
serve: setup
	-$(BIN)/python -m build_tools ingest seeds/
	$(BIN)/mkdocs serve --livereload --dirty --dev-addr $(HOST)

test: setup
	$(BIN)/python -m pytest

test-fast: setup
	$(BIN)/python -m pytest -m "not browser and not slow"

# Ours beside plain mkdocs-material at each size; table on stdout and in benchmarks/RESULTS.md.
# An interrupted run carries on with: make bench BENCH_ARGS=--resume
BENCH_SIZES ?= 1000,5000,10000
BENCH_ARGS  ?=
bench: setup
	$(BIN)/python -m benchmarks --sizes $(BENCH_SIZES) $(BENCH_ARGS)

# N=200, for development (about two minutes)
bench-quick: setup
	$(BIN)/python -m benchmarks --quick $(BENCH_ARGS)

# The fuzz targets of tests/fuzzing.py for FUZZ_MINUTES (make test runs them at CI size).
FUZZ_MINUTES ?= 10
fuzz: setup
	$(BIN)/python -m benchmarks.fuzz --minutes $(FUZZ_MINUTES)

clean:
	rm -rf site .cache .pytest_cache benchmarks/out
