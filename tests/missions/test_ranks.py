"""An area's rank among its comparison set, and its sentence: pure, table-driven, no database."""

import pytest

from missions.findings.ranks import areas_needed, ordinal, plain_name, rank_area, rank_sentence


def spread(n: int, *, start: float = 1.0) -> dict[str, float]:
    """Return n other areas with the values start, start + 1, ..."""
    return {f"E0600{i:04d}": start + i for i in range(n)}


@pytest.mark.parametrize(
    ("value", "others", "polarity", "share", "expected"),
    [
        # higher is better: 1 is the highest value
        (100.0, spread(99), "higher", 0.1, {"position": 1, "areas": 100, "tied": 1, "group": "top"}),
        (0.0, spread(99), "higher", 0.1, {"position": 100, "areas": 100, "group": "bottom"}),
        (50.5, spread(99), "higher", 0.1, {"position": 50, "areas": 100, "group": ""}),
        # lower is better: 1 is the lowest value
        (0.0, spread(99), "lower", 0.1, {"position": 1, "group": "top"}),
        (100.0, spread(99), "lower", 0.1, {"position": 100, "group": "bottom"}),
        # no polarity ranks from the highest
        (100.0, spread(99), "none", 0.1, {"position": 1, "group": "top"}),
        # the group is as many areas as the gap rule takes: 100 x 10% = 10, so 10th is in, 11th is out
        (90.5, spread(99), "higher", 0.1, {"position": 10, "group": "top"}),
        (89.5, spread(99), "higher", 0.1, {"position": 11, "group": ""}),
        (9.5, spread(99), "higher", 0.1, {"position": 91, "group": "bottom"}),
        (10.5, spread(99), "higher", 0.1, {"position": 90, "group": ""}),
        # the share comes from the method: 20% of 100 is 20
        (80.5, spread(99), "higher", 0.2, {"position": 20, "group": "top"}),
        (80.5, spread(99), "higher", 0.1, {"position": 20, "group": ""}),
        # ties share a position; the next distinct value skips (1, 2, 2, 4)
        (3.0, {"a": 4.0, "b": 3.0, "c": 1.0}, "higher", 0.5, {"position": 2, "tied": 2, "areas": 4}),
        (5.0, {f"a{i}": 5.0 for i in range(19)}, "higher", 0.1, {"position": 1, "tied": 20, "group": "both"}),
        # fewer areas than a group of the share needs: ranked, no group named
        (3.5, spread(8), "higher", 0.1, {"position": 6, "areas": 9, "group": "", "group_size": 0}),
        (3.5, spread(9), "higher", 0.1, {"position": 7, "areas": 10, "group_size": 1}),
        (3.5, spread(8), "higher", None, {"position": 6, "areas": 9, "group_size": 0}),
    ],
)
def test_an_area_is_ranked_from_the_best_end_with_its_group(value, others, polarity, share, expected):
    rank = rank_area(value=value, others=others, polarity=polarity, share=share)
    assert rank.ranked and rank.reason == ""
    assert {key: getattr(rank, key) for key in expected} == expected


@pytest.mark.parametrize(
    ("kwargs", "reason"),
    [
        ({"value": None, "status": "c"}, "suppressed"),
        ({"value": None, "status": "x"}, "suppressed"),
        ({"value": 5.0, "status": "z"}, "suppressed"),
        ({"value": None}, "no_value"),
        ({"value": float("nan")}, "no_value"),
        ({"value": 5.0, "in_set": False}, "outside_set"),
        ({"value": 5.0, "retired_in": 2022}, "retired"),
        ({"value": 5.0, "others": {}}, "alone"),
    ],
)
def test_an_area_without_a_usable_value_or_outside_the_set_is_not_ranked(kwargs, reason):
    rank = rank_area(**({"others": spread(20), "polarity": "higher", "share": 0.1} | kwargs))
    assert not rank.ranked and rank.reason == reason and rank.areas == 0


def test_a_low_reliability_value_is_ranked():
    assert rank_area(value=4.5, status="u", others=spread(20), polarity="higher", share=0.1).position == 17


@pytest.mark.parametrize(
    ("n", "text"),
    [(1, "1st"), (2, "2nd"), (3, "3rd"), (4, "4th"), (11, "11th"), (12, "12th")]
    + [(13, "13th"), (21, "21st"), (22, "22nd"), (101, "101st"), (111, "111th"), (112, "112th"), (1001, "1,001st")],
)
def test_ordinals(n, text):
    assert ordinal(n) == text


@pytest.mark.parametrize(("share", "needed"), [(0.1, 10), (0.2, 5), (0.25, 4), (0.15, 7), (0.5, 2), (None, 2)])
def test_a_group_of_the_share_needs_at_least_one_area(share, needed):
    assert areas_needed(share) == needed


@pytest.mark.parametrize(
    ("name", "plain"),
    [("Local authorities", "local authorities"), ("UK upper-tier local authorities", "UK upper-tier local authorities")]
    + [("GVA per job", "GVA per job"), ("Gross median weekly pay", "gross median weekly pay")]
    + [
        ("English local authorities", "English local authorities"),
        ("Welsh unitary authorities", "Welsh unitary authorities"),
    ]
    + [("Northern Ireland employment rate", "Northern Ireland employment rate"), ("Englishness", "englishness")],
)
def test_names_read_inside_a_sentence(name, plain):
    assert plain_name(name) == plain


PAY = {"set_name": "Upper-tier local authorities", "subject": "Gross median weekly pay", "period": "2023"}


def _sentence(value, others, polarity="higher", share=0.1, **kwargs):
    rank = rank_area(value=value, others=others, polarity=polarity, share=share, **kwargs)
    return rank_sentence(rank, **PAY, level=kwargs.get("level", "Region"))


def _pay_areas(n):
    return {f"E0{i:07d}": float(1000 - i) for i in range(n)}


@pytest.mark.parametrize(
    ("args", "sentence"),
    [
        (
            (661.5, _pay_areas(347)),
            "In the bottom 10% of upper-tier local authorities for gross median weekly pay (2023): "
            "340th of 348, where 1st is the highest and higher is better.",
        ),
        (
            (1000.5, _pay_areas(347)),
            "In the top 10% of upper-tier local authorities for gross median weekly pay (2023): "
            "1st of 348, where 1st is the highest and higher is better.",
        ),
        (
            (800.0, _pay_areas(347)),
            "Outside the top and bottom 10% of upper-tier local authorities for gross median weekly pay (2023): "
            "joint 201st of 348 (tied with 1 other), where 1st is the highest and higher is better.",
        ),
        (
            (999.0, _pay_areas(347), "lower", 0.2),
            "In the bottom 20% of upper-tier local authorities for gross median weekly pay (2023): "
            "joint 346th of 348 (tied with 1 other), where 1st is the lowest and lower is better.",
        ),
        (
            (0.0, _pay_areas(347), "none"),
            "In the lowest 10% of upper-tier local authorities for gross median weekly pay (2023): "
            "348th of 348, where 1st is the highest (neither direction is better).",
        ),
        (
            (995.5, _pay_areas(8)),
            "6th of 9 upper-tier local authorities for gross median weekly pay (2023), where 1st is the highest "
            "and higher is better; too few have a value to name a top or bottom 10%.",
        ),
        (
            (5.0, {f"a{i}": 5.0 for i in range(19)}),
            "In both the top and bottom 10% of upper-tier local authorities for gross median weekly pay (2023), "
            "by tied values: joint 1st of 20 (tied with 19 others), where 1st is the highest and higher is better.",
        ),
    ],
)
def test_the_rank_in_words(args, sentence):
    assert _sentence(*args) == sentence


@pytest.mark.parametrize(
    ("kwargs", "sentence"),
    [
        (
            {"value": None, "status": "c"},
            "Not ranked: the value for 2023 is withheld by the publisher (c: confidential).",
        ),
        ({"value": None}, "Not ranked: no value for 2023."),
        (
            {"value": 1.0, "in_set": False},
            "Not ranked: gross median weekly pay compares upper-tier local authorities, and this area (region) is "
            "not one of them.",
        ),
        (
            {"value": 1.0, "retired_in": 2022},
            "Not ranked: this area's code was retired in 2022, so it is not one of the upper-tier local authorities.",
        ),
        (
            {"value": 1.0, "others": {}},
            "Not ranked: no other of the upper-tier local authorities has a value for gross median weekly pay in 2023.",
        ),
    ],
)
def test_why_an_area_is_not_ranked_in_words(kwargs, sentence):
    rank = rank_area(**({"others": _pay_areas(20), "polarity": "higher", "share": 0.1} | kwargs))
    assert rank_sentence(rank, **PAY, level="Region") == sentence


def test_a_low_reliability_value_is_ranked_with_a_warning_that_its_place_is_uncertain():
    text = _sentence(661.5, _pay_areas(347), status="u")
    assert text.startswith("In the bottom 10% of upper-tier local authorities") and text.endswith(
        "340th of 348, where 1st is the highest and higher is better. The publisher marks this value low "
        "reliability (u), so its position is uncertain."
    )
    assert "uncertain" not in _sentence(661.5, _pay_areas(347))


def test_the_share_in_the_sentence_is_the_methods_not_a_fixed_ten_percent():
    text = _sentence(1000.5, _pay_areas(347), share=0.25)
    assert text.startswith("In the top 25% of") and "10%" not in text
