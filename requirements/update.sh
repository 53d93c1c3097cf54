#!/bin/sh
# Re-pin sitrep's requirements, with hashes, from pyproject.toml.
# Needs pip-compile (pip-tools) on PATH. Index and find-links lines are not
# written: the locks name packages, never hosts.
set -eu
cd "$(dirname "$0")/.."
common="--generate-hashes --strip-extras --allow-unsafe --no-emit-index-url --no-emit-find-links"
pip-compile $common -o requirements/core-lock.txt pyproject.toml
pip-compile $common --extra test -o requirements/test-lock.txt pyproject.toml
pip-compile $common --extra ray -o requirements/ray-lock.txt pyproject.toml
