# Quick start: `make demo` and `make test` work on a fresh machine from a clean clone.
PY ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
SEEDS ?= ../shared/corpus/seeds

.PHONY: demo test lint venv browser clean bench-setup

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PY) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip==24.2
	$(BIN)/pip install -q torch==2.13.0   # the CPU wheel on disk first, so no CUDA build is fetched
	$(BIN)/pip install -q -e '.[dev]'
	touch $(STAMP)

venv: $(STAMP)

demo: $(STAMP)
	$(BIN)/storyline build $(SEEDS) --out out/seeds
	@echo "Outputs: out/seeds/story.json out/seeds/brief.md out/seeds/timeline.html (store: out/seeds/storyline.db)"

browser:
	@command -v chromium >/dev/null 2>&1 || (apt-get update -qq && apt-get install -y -qq chromium >/dev/null) || echo "chromium could not be installed; browser tests will be skipped"

test: $(STAMP) browser
	$(BIN)/ruff check src tests benchmarks
	$(BIN)/mypy
	$(BIN)/pytest -q

bench-setup: $(STAMP)
	$(BIN)/pip install -q -e '.[dev,bench]'
	$(BIN)/pip install -q --no-deps tilse==0.2.1

clean:
	rm -rf out .pytest_cache .mypy_cache
