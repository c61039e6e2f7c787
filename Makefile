# Two commands on a fresh machine: `make demo` and `make test`.
PY ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: demo test lint bench workbook clean

$(BIN)/python:
	@$(PY) -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null || { echo "Python 3.11 or later is needed (set PY=/path/to/python3.11)"; exit 2; }
	$(PY) -m venv $(VENV)

$(STAMP): $(BIN)/python pyproject.toml
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	@touch $(STAMP)

demo: $(STAMP)
	$(BIN)/smep demo --out demo-output

test: lint
	$(BIN)/python -m pytest

lint: $(STAMP)
	$(BIN)/ruff check smep_xl tests benchmarks tools
	$(BIN)/ruff format --check smep_xl tests benchmarks tools
	$(BIN)/lint-imports

bench: $(STAMP)
	$(BIN)/python -m benchmarks

workbook: $(STAMP)
	$(BIN)/smep build-workbook workbooks/SMEP_Master.xlsm

clean:
	rm -rf $(VENV) demo-output build *.egg-info
