"""Property-based checks of every API operation against its own OpenAPI schema: no 5xx, conforming responses."""

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
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
    # Called through WSGI rather than Django's test client, so do what the client does: keep the test's database
    # connection (and its transaction) open across requests instead of closing it when each request finishes.
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield site_data
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@schema.parametrize()
@settings(max_examples=8, deadline=None, suppress_health_check=list(HealthCheck))
@pytest.mark.django_db
def test_the_api_honours_its_schema(case):
    case.call_and_validate(checks=CHECKS)
