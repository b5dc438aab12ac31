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

.PHONY: sample test lint bench clean
sample: $(BIN)/communique  ## ingest the bundled sample corpus and print a summary
	$(BIN)/communique --db $(DB) ingest samples/corpus
	$(BIN)/communique --db $(DB) summary

test: $(BIN)/communique  ## lint and run the whole test suite
	$(BIN)/ruff check communique tests benchmarks
	$(BIN)/pytest

bench: $(BIN)/communique  ## end-to-end ingest benchmark (2,000 documents)
	$(BIN)/python benchmarks/ingest_speed.py --documents 2000

clean:
	rm -rf $(VENV) .communique
