"""Schemathesis over the API's OpenAPI spec: whatever the parameters, no 5xx, and every
answer's status code and content type are ones the spec names.

Each operation gets a fixed, replayed set of generated requests (derandomized), so a
run is quick and the same every time. The app allows ingest, so POST is fuzzed too
(on a copy of the page store).
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import content_type_conformance, status_code_conformance

from sitrep.serve import create_app

OPERATIONS = ["GET /api/events", "GET /api/events/{cluster_id}", "GET /api/map",
              "GET /api/timeline", "GET /api/facets", "GET /api/export/{fmt}",
              "GET /api/articles", "POST /api/articles", "GET /api/articles/{article_id}",
              "GET /api/statements"]


@pytest.fixture(scope="module")
def api_schema(page_db: str, tmp_path_factory: pytest.TempPathFactory) -> schemathesis.BaseSchema:
    db = tmp_path_factory.mktemp("fuzz") / "fuzz.duckdb"
    shutil.copy(page_db, db)
    app = create_app(str(db), ingest_token="fuzz-token")
    return schemathesis.openapi.from_asgi("/api/openapi.json", app)


def test_the_spec_lists_every_operation(api_schema: schemathesis.BaseSchema) -> None:
    assert sorted(r.ok().label for r in api_schema.get_all_operations()) == sorted(OPERATIONS)


@pytest.mark.parametrize("label", OPERATIONS)
def test_no_request_gets_a_server_error(api_schema: schemathesis.BaseSchema, label: str,
                                        tmp_path: Path) -> None:
    (operation,) = [r.ok() for r in api_schema.get_all_operations() if r.ok().label == label]

    @given(case=operation.as_strategy())
    @settings(max_examples=30, deadline=None, derandomize=True, database=None,
              suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much])
    def check(case: schemathesis.Case) -> None:
        if case.method == "POST":
            case.headers = {**(case.headers or {}), "Authorization": "Bearer fuzz-token"}
        case.call_and_validate(checks=[not_a_server_error, status_code_conformance,
                                       content_type_conformance])

    check()
