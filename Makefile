# Two commands do everything on a fresh machine (Python 3.11, pip, Debian tools):
#   make report   all reports for the shipped demo data
#   make test     ruff + the test suite (doctests, notebooks, browser check)
PYTHON ?= python3
VENV   ?= .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed
DATA   ?= data/raw
OUT    ?= reports
JOBS   ?= 2

.PHONY: install prepare report test test-fast lint bench lab demo-data clean

$(PY):
	$(PYTHON) -m venv $(VENV)

$(STAMP): pyproject.toml | $(PY)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[test,bench]'
	touch $(STAMP)

install: $(STAMP)

## prepare: validate data/raw and write typed, pseudonymised Parquet to data/processed
prepare: install
	$(PY) -m kalliola_analysis prepare --raw $(DATA) --processed data/processed

## report: every report for every period found in the data, as HTML under reports/
report: prepare
	$(PY) -m kalliola_analysis report all --data data/processed --out $(OUT) --jobs $(JOBS)

## test: lint and run the whole test suite, as CI does, on every core (pytest-xdist)
test: install
	$(VENV)/bin/ruff check .
	$(PY) -m pytest -n $(JOBS)

## test-fast: the suite without the slow tests (notebook execution, browser); for iterating
test-fast: install
	$(VENV)/bin/ruff check .
	$(PY) -m pytest -n $(JOBS) -m "not slow"

lint: install
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check kalliola_analysis tests benchmarks tools || true

## bench: timings and ratios against baselines measured in the same run
bench: install
	$(PY) benchmarks/run.py

## lab: open the notebooks in JupyterLab
lab: prepare
	$(VENV)/bin/jupyter lab notebooks/

## demo-data: regenerate data/raw from the published figures (deterministic)
demo-data: install
	$(PY) tools/make_demo_data.py --out $(DATA)

clean:
	rm -rf $(OUT) data/processed/* .pytest_cache
