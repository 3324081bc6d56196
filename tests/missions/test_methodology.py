import re
from dataclasses import fields

import pytest

from missions.methodology import HERE, methodology_text
from missions.progress import METHOD_V1, METHOD_V2, Method


@pytest.mark.parametrize("method", [METHOD_V1, METHOD_V2])
def test_every_parameter_a_version_uses_is_stated_in_its_text_from_the_code(method):
    source = (HERE / f"v{method.version}.md").read_text()
    derived = {
        "group_share": "group_share_percent",
        "every_area_worsening_share": "every_area_worsening_share_percent",
        "fan_quantiles": "fan_quantiles_percent",
    }
    for f in fields(Method):
        if isinstance(getattr(method, f.name), bool) or (method.version == 1 and f.name.startswith("resample_")):
            continue  # switches are described by the text itself; version 1 does not resample
        assert "{{ " + f.name + " }}" in source or "{{ " + derived.get(f.name, "-") + " }}" in source, f.name


def test_the_rendered_text_carries_the_thresholds_and_leaves_no_placeholder():
    text = " ".join(methodology_text(version=1, parameters=METHOD_V1.as_dict()).split())
    assert "R >= 0.95" in text and "0.6 <= R < 0.95" in text
    assert "top 10% of areas" in text and "at least 5 points" in text
    assert "10, 30, 50, 70, 90 percentiles" in text
    assert not re.search(r"{{|}}", text)


def test_the_version_2_text_says_what_changed_and_carries_its_resampling_parameters():
    text = " ".join(methodology_text(version=2, parameters=METHOD_V2.as_dict()).split())
    assert "What changed from version 1, and why" in text
    assert "In each of 1000 draws (random seed 20261201" in text and "R >= 0.95" in text
    assert "the period of that length **ending in Y**" in text
    assert not re.search(r"{{|}}", text)
