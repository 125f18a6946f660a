# Two commands a newcomer needs, each working on a fresh machine with only python3 and make:
#   make demo   create the environment, install, run the main job
#   make test   create the environment, install, run the whole suite (tests, doctests, proofs, lint, types)
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: demo test lint typecheck bench clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e ".[test,plot,sweep,gambit]"
	touch $(STAMP)

demo: $(STAMP)
	$(BIN)/bargaining
	$(BIN)/bargaining analyze --output bargaining-report

lint: $(STAMP)
	$(BIN)/ruff check bargaining tests proofs benchmarks
	$(BIN)/ruff format --check bargaining
	$(BIN)/nbstripout --verify notebooks/*.ipynb

typecheck: $(STAMP)
	$(BIN)/mypy

test: $(STAMP) lint typecheck
	HYPOTHESIS_PROFILE=ci $(BIN)/python -m pytest --cov --cov-report=term -q

bench: $(STAMP)
	$(BIN)/python -m benchmarks

clean:
	rm -rf $(VENV) .coverage .mypy_cache .ruff_cache .hypothesis
