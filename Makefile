# The two commands of the README. Each makes .venv if needed and installs the
# pinned, hash-checked requirements (requirements/*.txt) before it runs.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin

.PHONY: demo test lock basemap

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

# The page's offline basemap: country outlines from npm's world-atlas (Natural Earth
# 1:110m), pinned with its integrity hash in web/package-lock.json and copied into the
# package (not committed). Without npm the page still works, with no outlines.
BASEMAP := src/sitrep/serve/static/vendor/countries-110m.json
basemap:
	@if [ -f $(BASEMAP) ]; then :; \
	elif command -v npm >/dev/null; then \
		(cd web && npm ci --no-audit --no-fund --silent) && \
		mkdir -p $(dir $(BASEMAP)) && cp web/node_modules/world-atlas/countries-110m.json $(BASEMAP); \
	else echo "npm not found: the page's map will have no country outlines"; fi

# Install sitrep and run it on the bundled example articles.
demo: $(BIN)/python basemap
	$(BIN)/pip install --quiet --require-hashes -r requirements/pip-lock.txt
	$(BIN)/pip install --quiet --require-hashes -r requirements/core-lock.txt
	$(BIN)/pip install --quiet --no-deps -e .
	$(BIN)/sitrep demo

# Install sitrep with the test tools, then lint, type-check and run the tests.
test: $(BIN)/python basemap
	$(BIN)/pip install --quiet --require-hashes -r requirements/pip-lock.txt
	$(BIN)/pip install --quiet --require-hashes -r requirements/test-lock.txt
	$(BIN)/pip install --quiet --no-deps -e .
	$(BIN)/ruff check src tests
	$(BIN)/mypy
	$(BIN)/python -m pytest

# Re-pin every requirement with its hash (needs pip-tools; run after editing pyproject.toml).
lock:
	sh requirements/update.sh
