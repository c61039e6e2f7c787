# Two commands on a fresh machine: `make demo` and `make test`.
PY ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: demo test lint bench workbook dist clean

$(BIN)/python:
	@$(PY) -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null || { echo "Python 3.11 or later is needed (set PY=/path/to/python3.11)"; exit 2; }
	$(PY) -m venv $(VENV)

$(STAMP): $(BIN)/python pyproject.toml setup.py
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
	$(BIN)/smep build-workbook workbooks/SMEP_Master.xlsm --force

# The wheel and the source distribution, in dist/ (pip install dist/smep_xl-*.whl on a hub's PC).
dist: $(STAMP)
	rm -rf dist build
	$(BIN)/python -m build --no-isolation --outdir dist .

clean:
	rm -rf $(VENV) demo-output build dist *.egg-info
