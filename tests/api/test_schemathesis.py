"""A bounded property-based run over the OpenAPI document: whatever schemathesis generates
for each operation, no endpoint answers with a server error (5xx), and every JSON error has
the one shape ``{"error": {"code", "message"}}``."""

from __future__ import annotations

import schemathesis
from hypothesis import HealthCheck, given, settings

from .conftest import ApiServer

EXAMPLES = 8  # per operation: about a minute for the whole API on 2 cores


def test_no_operation_answers_with_a_server_error(api_server: ApiServer) -> None:
    schema = schemathesis.openapi.from_url(f"{api_server.url}/api/openapi.json")
    headers = {"Authorization": f"Bearer {api_server.tokens['gt-admin']}"}
    failures: list[str] = []
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) > 20

    for operation in operations:
        @given(case=operation.as_strategy())
        @settings(max_examples=EXAMPLES, deadline=None, derandomize=True, database=None,
                  suppress_health_check=list(HealthCheck))
        def check(case: schemathesis.Case) -> None:
            response = case.call(base_url=api_server.url, headers=headers, timeout=120)
            if response.status_code >= 500:
                failures.append(f"{case.method} {case.formatted_path}: "
                                f"{response.status_code} {response.text[:300]}")
            elif response.status_code >= 400 and response.headers.get(
                    "content-type", [""])[0].startswith("application/json"):
                error = response.json()["error"]
                assert error["code"] and error["message"]

        check()
    assert not failures, "\n".join(failures)
