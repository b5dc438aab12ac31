"""Property-based run of every API operation against the OpenAPI schema: no input may cause a 5xx.

Each operation of the schema becomes a Hypothesis strategy of requests (schemathesis), drawn from inside
an ordinary parametrized test.
"""

import json

import pytest
import schemathesis
from conftest import sample_store
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from communique.serve import create_app

TOKEN = "schema-token"


@pytest.fixture(scope="module")
def app(tmp_path_factory):
    return create_app(sample_store(tmp_path_factory.mktemp("schema") / "schema.duckdb"), token=TOKEN)


def operations():
    from communique.serve.api import router

    # the schema names a path parameter without its converter: "{doc_id:path}" is "{doc_id}" there
    return sorted({(route.path.replace(":path}", "}"), method) for route in router.routes for method in route.methods})


@pytest.mark.parametrize(("path", "method"), operations())
def test_no_server_errors(app, path, method):
    schema = schemathesis.openapi.from_asgi("/openapi.json", app)
    strategy = schema[path][method].as_strategy()

    @given(st.data())
    @settings(max_examples=30, deadline=None, suppress_health_check=list(HealthCheck), database=None)
    def run(data):
        case = data.draw(strategy)
        headers = {"Authorization": f"Bearer {TOKEN}"} if method == "POST" else None
        response = case.call(headers=headers)
        assert response.status_code < 500, (
            f"{method} {case.formatted_path}: {response.status_code} {response.text[:300]}"
        )
        content_type = response.headers.get("content-type") or ""
        if "application/json" in str(content_type):
            json.loads(response.text)

    run()
