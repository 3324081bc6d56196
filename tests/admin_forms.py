"""Read an admin page's form the way a browser would, so a test can post back what an editor would send."""

from html.parser import HTMLParser

from django import forms

MARK = "00"  # appended to every non-empty text value: still a valid slug, hex key, name or URL


class _Fields(HTMLParser):
    def __init__(self):
        super().__init__()
        self.data: dict[str, list[str]] = {}
        self._textarea = self._select = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        name = a.get("name")
        kind = a.get("type", "text")
        if tag == "input" and name and kind not in ("submit", "button", "file", "image", "reset"):
            if kind not in ("checkbox", "radio"):
                self.data.setdefault(name, []).append(a.get("value") or "")
            elif "checked" in a:
                self.data.setdefault(name, []).append(a.get("value") or "on")
        elif tag == "textarea" and name:
            self._textarea = name
            self.data.setdefault(name, []).append("")
        elif tag == "select" and name:
            self._select = name
        elif tag == "option" and self._select and "selected" in a:
            self.data.setdefault(self._select, []).append(a.get("value", ""))

    def handle_data(self, data):
        if self._textarea:
            self.data[self._textarea][-1] += data

    def handle_endtag(self, tag):
        if tag == "textarea":
            self._textarea = None
        elif tag == "select":
            self._select = None


def form_data(client, url: str, *, for_add: bool = False) -> dict:
    """Return the fields of the admin form at url with every text value changed (and no inline rows for an add)."""
    response = client.get(url)
    assert response.status_code == 200, f"{url}: {response.status_code}"
    parser = _Fields()
    parser.feed(response.content.decode())
    data = {k: v for k, v in parser.data.items() if k != "csrfmiddlewaretoken"}
    form = response.context["adminform"].form
    for name, form_field in form.fields.items():
        texty = isinstance(form_field, forms.CharField) and not isinstance(
            form_field, forms.JSONField | forms.EmailField
        )
        if texty and data.get(name, [""])[0]:
            data[name] = [data[name][0] + MARK]
        if for_add and isinstance(form_field, forms.IntegerField) and data.get(name, [""])[0]:
            data[name] = [str(int(data[name][0]) + 100)]  # clear of unique numbers (mission 1, pillar 1, ...)
    if "change_reason" in form.fields:
        data["change_reason"] = ["Probe: a change an editor would make"]
    if for_add:
        for formset in response.context["inline_admin_formsets"]:
            prefix = formset.formset.prefix
            data = {k: v for k, v in data.items() if not k.startswith(prefix + "-")}
            data |= {f"{prefix}-TOTAL_FORMS": ["0"], f"{prefix}-INITIAL_FORMS": ["0"]}
    return data
