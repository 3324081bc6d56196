import re
from dataclasses import fields

from missions.methodology import HERE, methodology_text
from missions.progress import METHOD_V1, Method


def test_every_parameter_of_the_method_is_stated_in_the_text_from_the_code():
    source = (HERE / "v1.md").read_text()
    derived = {
        "group_share": "group_share_percent",
        "every_area_worsening_share": "every_area_worsening_share_percent",
        "fan_quantiles": "fan_quantiles_percent",
    }
    for f in fields(Method):
        assert "{{ " + f.name + " }}" in source or "{{ " + derived.get(f.name, "-") + " }}" in source, f.name


def test_the_rendered_text_carries_the_thresholds_and_leaves_no_placeholder():
    text = " ".join(methodology_text(version=1, parameters=METHOD_V1.as_dict()).split())
    assert "R >= 0.95" in text and "0.6 <= R < 0.95" in text
    assert "top 10% of areas" in text and "at least 5 points" in text
    assert "10, 30, 50, 70, 90 percentiles" in text
    assert not re.search(r"{{|}}", text)
