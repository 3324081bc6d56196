"""Document the error answers every read-only operation can give, so clients (and schemathesis) know them."""

ERRORS = {
    "400": "A query parameter is not valid (for example a malformed date or filter value).",
    "404": "No such object, or a page number past the last page.",
    "429": "Too many requests: slow down (the limit is per client address).",
}
ERROR_SCHEMA = {
    "type": "object",
    "additionalProperties": True,
    "description": "Error details: a `detail` message or errors by parameter.",
}


def add_error_responses(result, generator, request, public):
    """drf-spectacular postprocessing hook: add 400, 404 and 429, as JSON or CSV, to every operation."""
    result.setdefault("components", {}).setdefault("schemas", {})["Error"] = ERROR_SCHEMA
    content = {
        "application/json": {"schema": {"$ref": "#/components/schemas/Error"}},
        "text/csv": {"schema": {"type": "string"}},  # errors follow the format asked for, like every answer
    }
    for path in result.get("paths", {}).values():
        for operation in path.values():
            responses = operation.setdefault("responses", {})
            for code, text in ERRORS.items():
                response = responses.setdefault(code, {"description": text})
                response.setdefault("content", {})
                for media_type, body in content.items():
                    response["content"].setdefault(media_type, body)
    return result
