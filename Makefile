# Two entry points a new user needs: `make sample` and `make test`. Both set up .venv on first use.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
DB ?= $(CURDIR)/.communique/sample.duckdb

$(BIN)/communique: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $@

.PHONY: sample test lint bench bench-archive load screenshots serve clean eval
sample: $(BIN)/communique  ## ingest the bundled sample corpus and print a summary
	$(BIN)/communique --db $(DB) ingest samples/corpus
	$(BIN)/communique --db $(DB) summary

test: $(BIN)/communique  ## lint and run the whole test suite
	$(BIN)/ruff check communique tests benchmarks docs scripts
	$(BIN)/pytest

bench: $(BIN)/communique  ## end-to-end ingest benchmark (2,000 documents, with and without resolution)
	$(BIN)/python benchmarks/ingest_speed.py --documents 2000 --no-resolve
	$(BIN)/python benchmarks/ingest_speed.py --documents 2000

bench-archive: $(BIN)/communique  ## the same at 20,000 documents (about 12 minutes): does a new document cost more?
	$(BIN)/python benchmarks/ingest_speed.py --documents 20000 --no-resolve
	$(BIN)/python benchmarks/ingest_speed.py --documents 20000

load: $(BIN)/communique  ## HTTP load check on loopback with a store of more than 10,000 events
	$(BIN)/python benchmarks/serve_load.py

serve: sample  ## the dashboard over the sample corpus on http://127.0.0.1:8000
	$(BIN)/communique --db $(DB) serve

screenshots: $(BIN)/communique  ## docs/*.png from a store of 10,000 events (needs chromium)
	$(BIN)/python docs/screenshots.py

clean:
	rm -rf $(VENV) .communique

eval: $(BIN)/communique  ## score dev and dev2 of ../shared/eval: overall, per half, per language
	$(BIN)/python benchmarks/evaluate.py
