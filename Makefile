# The two commands of the README: `make demo` and `make test`. Each sets up everything on a
# fresh machine with Python 3.11 (a .venv with the pinned packages; Chromium for browser tests).
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
DB ?= newsevents.duckdb

.PHONY: demo test install install-test lint chromium clean train-events

$(BIN)/python:
	@command -v $(PYTHON) >/dev/null 2>&1 || { echo "needs $(PYTHON)"; exit 1; }
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

$(VENV)/.installed: $(BIN)/python pyproject.toml
	$(BIN)/pip install --quiet -e .
	@echo "building the gazetteer cache (once per machine; about a minute)"
	$(BIN)/python -c "from newsevents.resolve.gazetteer import load_gazetteer; load_gazetteer()"
	@touch $@

$(VENV)/.installed-test: $(VENV)/.installed pyproject.toml
	$(BIN)/pip install --quiet -e '.[test]'
	@touch $@

install: $(VENV)/.installed

install-test: $(VENV)/.installed-test chromium

# Debian's Chromium for the browser tests (never a browser download).
chromium:
	@command -v chromium >/dev/null 2>&1 || { \
	  echo "installing Debian's chromium for the browser tests"; \
	  (apt-get update -qq && apt-get install -y -qq chromium >/dev/null) || \
	  echo "warning: could not install chromium; browser tests will be skipped"; }

demo: install
	rm -f $(DB)
	$(BIN)/newsevents process examples/ --db $(DB)
	$(BIN)/newsevents summary --db $(DB)

lint: $(VENV)/.installed-test
	$(BIN)/ruff check src tests bench

test: install-test lint
	$(BIN)/python -m pytest -q

# Rebuild the event decision model from data/training/event_labels.jsonl and ../shared/data
# (deterministic: the same labels give the same model and scores).
train-events: install
	mkdir -p bench/results
	$(BIN)/newsevents train events --json bench/results/train-events.json

clean:
	rm -rf $(VENV) $(DB) build *.egg-info src/*.egg-info
