"""A small hand-written snapshot entry for the pure report tests."""


def points(values, start=2017.5, lci=None):
    return [
        {
            "period": f"{int(start + i)}",
            "time": start + i,
            "value": v,
            "lci": None if lci is None else v - lci,
            "uci": None if lci is None else v + lci,
            "status": "",
        }
        for i, v in enumerate(values)
    ]


def quantified_entry():
    pts = points([60.0, 60.5, 61.0, 61.2, 61.9], lci=0.3)
    return {
        "key": "hle-change-male",
        "metric": "hle",
        "metric_name": "Healthy life expectancy (Male)",
        "title": "Raise healthy life expectancy for men by five years by 2035",
        "period_type": "calendar_year",
        "unit": "years",
        "role": "headline",
        "status": "limited_progress",
        "status_label": "Limited progress",
        "target_label": "Change 5",
        "breakdown": "Male",
        "probability": 0.1,
        "interpreted": False,
        "decimal_places": 1,
        "summary": {
            "measure": "value",
            "baseline": {"value": 60.0, "period": "2017"},
            "latest": {"value": 61.9, "period": "2021"},
            "target": 65.0,
        },
        "result": {
            "rule": "quantified",
            "inputs": {"points": pts, "target_time": 2030.5},
            "figures": {
                "baseline": pts[0],
                "latest": pts[-1],
                "target_level": 65.0,
                "trajectory": [{"period": p["period"], "expected": 60 + (p["time"] - 2017.5) * 5 / 13} for p in pts],
                "projection": {
                    "available": True,
                    "fan": [
                        {"time": 2025.5, "q10": 62, "q30": 62.5, "q50": 63, "q70": 63.5, "q90": 64},
                        {"time": 2030.5, "q10": 63, "q30": 64, "q50": 65, "q70": 66, "q90": 67},
                    ],
                },
            },
        },
    }


def gap_entry():
    values = {f"E0600000{i}": float(50 + i) for i in range(10)}
    return {
        "key": "hle-gap",
        "metric": "hle",
        "metric_name": "Healthy life expectancy",
        "title": "Narrow the gap in healthy life expectancy between the highest and lowest areas by 2030",
        "period_type": "calendar_year",
        "decimal_places": 1,
        "unit": "years",
        "role": "headline",
        "status": "worsening",
        "status_label": "Worsening",
        "target_label": "Gap narrows",
        "breakdown": "",
        "probability": None,
        "interpreted": True,
        "summary": {
            "measure": "gap",
            "baseline": {"value": 8.0, "period": "2017-01/P3Y"},
            "latest": {"value": 9.0, "period": "2022-01/P3Y"},
            "target": None,
        },
        "result": {
            "rule": "gap",
            "inputs": {},
            "figures": {
                "latest_values": values,
                "latest": {"top": ["E06000009"], "bottom": ["E06000000"]},
                "series": [
                    {"period": "2017-01/P3Y", "gap": 8.0, "p90_p10_ratio": 1.1, "cv": 0.05, "areas": 10},
                    {"period": "2022-01/P3Y", "gap": 9.0, "p90_p10_ratio": 1.2, "cv": 0.06, "areas": 10},
                ],
            },
        },
    }
