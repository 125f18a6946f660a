# Two commands a newcomer needs, each working on a fresh machine with only python3 and make:
#   make demo   create the environment, install, run the main job
#   make test   create the environment, install, run the whole suite (tests, doctests, proofs, lint, types)
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
EXTRAS := test,plot,sweep,gambit,games
# the versions the suite was verified with; PIP_CONSTRAINT also pins the build back-end
CONSTRAINTS := requirements/constraints.txt
PIP_VERSION := 26.3

.PHONY: demo test test-latest lock lint typecheck bench clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet pip==$(PIP_VERSION)

$(STAMP): pyproject.toml bargaining/_version.py $(CONSTRAINTS) | $(BIN)/python
	PIP_CONSTRAINT=$(CURDIR)/$(CONSTRAINTS) $(BIN)/python -m pip install --quiet -e ".[$(EXTRAS)]"
	touch $(STAMP)

# the batched solver's compiled kernels (numba, cached on disk beside their source), the
# package's bytecode and matplotlib's font list, made once here so that no run pays for them;
# again whenever the kernels' source changes (Python recompiles a changed module by itself)
KERNELS := $(VENV)/.kernels
$(KERNELS): $(STAMP) bargaining/coercive_game/grid_batch_kernel.py
	$(BIN)/python -m compileall -q bargaining
	$(BIN)/python -c "import matplotlib; matplotlib.use('Agg'); import matplotlib.pyplot"
	$(BIN)/python -c "from bargaining.coercive_game.grid_batch import compile_kernels; print('compiled:', *compile_kernels())"
	touch $(KERNELS)

demo: $(KERNELS)
	$(BIN)/bargaining
	$(BIN)/bargaining analyze --output bargaining-report --force

lint: $(STAMP)
	$(BIN)/ruff check bargaining tests proofs benchmarks
	$(BIN)/ruff format --check bargaining
	$(BIN)/nbstripout --verify notebooks/*.ipynb

typecheck: $(STAMP)
	$(BIN)/mypy

test: $(KERNELS) lint typecheck
	HYPOTHESIS_PROFILE=ci $(BIN)/python -m pytest -n auto --cov --cov-report=term -q

# the suite against the newest release of every dependency, in a venv of its own, so that drift is
# seen here before a user sees it; 'make lock' then records the versions that passed
LATEST := .venv-latest
test-latest:
	rm -rf $(LATEST)
	$(PYTHON) -m venv $(LATEST)
	$(LATEST)/bin/python -m pip install --quiet --upgrade pip
	$(LATEST)/bin/python -m pip install --quiet --upgrade -e ".[$(EXTRAS)]"
	$(MAKE) lint typecheck BIN=$(LATEST)/bin STAMP=
	HYPOTHESIS_PROFILE=ci $(LATEST)/bin/python -m pytest -n auto -q

lock:
	@test -x $(LATEST)/bin/python || { echo "run 'make test-latest' first: lock records the versions it verified"; exit 2; }
	{ sed -n '1,3p' $(CONSTRAINTS); $(LATEST)/bin/python -m pip freeze --exclude-editable | grep -v '^bargaining'; \
	  grep '^setuptools==' $(CONSTRAINTS); } > $(CONSTRAINTS).new
	mv $(CONSTRAINTS).new $(CONSTRAINTS)

bench: $(KERNELS)
	$(BIN)/python -m benchmarks

clean:
	rm -rf $(VENV) $(LATEST) .coverage .mypy_cache .ruff_cache .hypothesis
