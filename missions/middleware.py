"""Last-Modified on public responses, so ConditionalGetMiddleware can answer 304s."""

from django.utils.http import http_date

from missions.caching import get_last_modified

PRIVATE = ("/admin/", "/staff/")


class LastModifiedMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if request.method in ("GET", "HEAD") and response.status_code == 200 and not request.path.startswith(PRIVATE):
            if not response.has_header("Last-Modified"):
                response["Last-Modified"] = http_date(get_last_modified().timestamp())
        return response
