# Readout: `make run` serves the dashboard on the seed; `make test` runs every test.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
PORT ?= 8501
# make run listens on this machine only; ADDRESS=0.0.0.0 make run serves the network too.
ADDRESS ?= 127.0.0.1

.PHONY: run test test-fast lint format screenshots bench bench-app bench-load setup browser-deps clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

# Reinstall only when a requirements file changed.
$(STAMP): requirements.txt requirements-dev.txt | $(BIN)/python
	$(BIN)/python -m pip install --quiet -r requirements-dev.txt
	touch $(STAMP)

setup: $(STAMP)

run: $(STAMP)
	$(BIN)/python -m models analyze data/seed-xi-putin-moscow-talks-2023-03.txt
	$(BIN)/streamlit run app.py --server.port $(PORT) --server.address $(ADDRESS) --server.headless true

test: $(STAMP) browser-deps
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/python -m pytest -n 2 --dist loadgroup

test-fast: $(STAMP)
	$(BIN)/python -m pytest -m "not model and not browser and not corpora" -x -q

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: $(STAMP)
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

# The README's page images: every page in chromium, written to screenshots/ (never compared;
# the browser tests write theirs to a temporary folder unless READOUT_SCREENSHOTS names one).
screenshots: $(STAMP) browser-deps
	READOUT_SCREENSHOTS=screenshots $(BIN)/python -m pytest -q -m browser tests/e2e/test_pages.py

# BERTopic, for the topics benchmark only: its own venv, never the app's requirements.
BERTOPIC := var/venv-bertopic/.installed
$(BERTOPIC): benchmarks/requirements-bertopic.txt
	$(PYTHON) -m venv var/venv-bertopic
	var/venv-bertopic/bin/python -m pip install --quiet -r benchmarks/requirements-bertopic.txt
	touch $(BERTOPIC)

bench: $(STAMP) $(BERTOPIC) browser-deps
	$(BIN)/python benchmarks/bench_embed.py
	$(BIN)/python benchmarks/bench_topics.py
	$(BIN)/python benchmarks/bench_ann.py
	$(BIN)/python benchmarks/bench_dask.py
	$(BIN)/python benchmarks/bench_analyze.py
	$(BIN)/python benchmarks/bench_extract.py
	@if [ -f var/bench-all.db ]; then \
	  $(BIN)/python benchmarks/bench_app.py --big-store var/bench-all.db && \
	  $(BIN)/python benchmarks/synth_store.py && \
	  $(BIN)/python benchmarks/bench_app.py --big-store var/bench-1m.db --skip-browser --repeat 3; \
	else echo "dashboard at 8,417 documents and at 1,000,000 paragraphs: build var/bench-all.db first (benchmarks/bench_app.py says how)"; fi

bench-app: $(STAMP) browser-deps
	$(BIN)/python benchmarks/bench_app.py

# 20 browser sessions at once on a 1,000-document store, one uploading: p50/p95, errors, memory.
bench-load: $(STAMP) browser-deps
	$(BIN)/python benchmarks/bench_load.py

# Debian's chromium for the browser test; skipped where it is already there.
browser-deps:
	@command -v chromium >/dev/null 2>&1 || { \
	  if [ "$$(id -u)" = 0 ]; then apt-get update -qq && apt-get install -y -qq chromium >/dev/null; \
	  else echo "chromium missing: the browser test will be skipped (apt-get install chromium)"; fi; }

clean:
	rm -rf $(VENV) readout.db readout.db-* readout.db.*.usearch
