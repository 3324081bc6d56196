"""CSV for any API response: one row per result, nested values flattened to dotted columns, formulas neutralised."""

import csv
import io
import json

from rest_framework.renderers import BaseRenderer

from missions.spreadsheet_cells import neutralise_row


def _flatten(item, prefix="") -> dict:
    if not isinstance(item, dict):
        return {prefix or "value": item}
    flat = {}
    for key, value in item.items():
        name = f"{prefix}.{key}" if prefix else key
        if isinstance(value, dict):
            flat |= _flatten(value, name)
        elif isinstance(value, list):
            flat[name] = json.dumps(value, default=str)
        else:
            flat[name] = value
    return flat


class CSVRenderer(BaseRenderer):
    media_type = "text/csv"
    format = "csv"
    charset = "utf-8"

    def render(self, data, accepted_media_type=None, renderer_context=None):
        rows = data.get("results", data) if isinstance(data, dict) else data
        rows = [_flatten(r) for r in (rows if isinstance(rows, list) else [rows])]
        columns = list(dict.fromkeys(k for r in rows for k in r))
        buffer = io.StringIO()
        writer = csv.DictWriter(buffer, fieldnames=columns)
        writer.writeheader()
        writer.writerows(neutralise_row(r) for r in rows)
        return buffer.getvalue().encode(self.charset)
