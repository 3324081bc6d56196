"""Property-based checks of every API operation against its own OpenAPI schema: no 5xx, conforming responses."""

import pytest
import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis import checks

from tracker.wsgi import application

schema = schemathesis.openapi.from_wsgi("/api/schema/", application)
# What the public API promises: no 5xx, documented status codes and content types, responses matching their
# schemas, and write methods refused. (Filters ignore empty values by design, so "negative data" checks are not run.)
CHECKS = [
    checks.not_a_server_error,
    checks.status_code_conformance,
    checks.content_type_conformance,
    checks.response_schema_conformance,
    checks.unsupported_method,
]


@pytest.fixture(autouse=True)
def _data(site_data):
    return site_data


@schema.parametrize()
@settings(max_examples=8, deadline=None, suppress_health_check=list(HealthCheck))
@pytest.mark.django_db
def test_the_api_honours_its_schema(case):
    case.call_and_validate(checks=CHECKS)
