"""Request and response middleware: refuse control characters in URLs; Last-Modified on public responses."""

from django.utils.http import http_date

from missions.caching import PRIVATE, get_last_modified
from missions.spreadsheet_cells import has_control_characters
from missions.views.errors import bad_request


class RefuseControlCharactersMiddleware:
    """Answer 400 to a path or query with a control character (a NUL byte breaks PostgreSQL text comparisons)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        query = [text for key, values in request.GET.lists() for text in (key, *values)]
        if any(has_control_characters(text) for text in (request.path, *query)):
            return bad_request(request, "control characters are not allowed in the address")
        return self.get_response(request)


class LastModifiedMiddleware:
    """Last-Modified on public responses, so ConditionalGetMiddleware can answer 304s."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if request.method in ("GET", "HEAD") and response.status_code == 200 and not request.path.startswith(PRIVATE):
            modified = None if response.has_header("Last-Modified") else get_last_modified()
            if modified is not None:
                response["Last-Modified"] = http_date(modified.timestamp())
        return response
