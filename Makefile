# The two commands of the README. Each makes .venv if needed and installs the
# pinned, hash-checked requirements (requirements/*.txt) before it runs.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin

.PHONY: demo test lock

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

# Install sitrep and run it on the bundled example articles.
demo: $(BIN)/python
	$(BIN)/pip install --quiet --require-hashes -r requirements/pip-lock.txt
	$(BIN)/pip install --quiet --require-hashes -r requirements/core-lock.txt
	$(BIN)/pip install --quiet --no-deps -e .
	$(BIN)/sitrep demo

# Install sitrep with the test tools, then lint, type-check and run the tests.
test: $(BIN)/python
	$(BIN)/pip install --quiet --require-hashes -r requirements/pip-lock.txt
	$(BIN)/pip install --quiet --require-hashes -r requirements/test-lock.txt
	$(BIN)/pip install --quiet --no-deps -e .
	$(BIN)/ruff check src tests
	$(BIN)/mypy
	$(BIN)/python -m pytest

# Re-pin every requirement with its hash (needs pip-tools; run after editing pyproject.toml).
lock:
	sh requirements/update.sh
