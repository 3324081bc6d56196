"""Sampling noise of cross-sectional measures, from the areas' published 95% intervals. Pure: no Django.

Each area is redrawn from a normal distribution centred on its estimate with the standard error its interval implies
(se = (uci - lci) / (2 x 1.96)), the areas are re-ranked in every draw and the groups' means recomputed. Draws are
vectorised and seeded, so a result is reproducible from the seed and the number of draws it records.
"""

import numpy as np

from missions.progress.types import Point

Z95 = 1.959964


def standard_errors(points: list[Point]) -> np.ndarray:
    """Return each point's standard error from its 95% interval; 0 where none is published."""
    return np.array([(p.uci - p.lci) / (2 * Z95) if p.has_interval else 0.0 for p in points])


def group_measure(samples: np.ndarray, *, k: int, measure: str) -> np.ndarray:
    """Return, for each row of area values, the top-k mean minus (or over) the bottom-k mean."""
    ordered = np.sort(samples, axis=-1)
    top, bottom = ordered[..., -k:].mean(axis=-1), ordered[..., :k].mean(axis=-1)
    return top / bottom if measure == "relative" else top - bottom


def sampled_measure(points: list[Point], *, k: int, measure: str, draws: int, rng: np.random.Generator) -> np.ndarray:
    """Return the measure in each of draws redrawings of the areas within their intervals."""
    values = np.array([p.value for p in points], dtype=np.float32)  # single precision: ample, and faster to sort
    noise = rng.standard_normal((draws, len(points)), dtype=np.float32)
    samples = values + noise * standard_errors(points).astype(np.float32)
    return group_measure(samples, k=k, measure=measure).astype(np.float64)


def change_interval(*, base: list[Point], latest: list[Point], k: int, measure: str, draws: int, seed: int) -> dict:
    """Return the observed change of the measure, its bias-corrected estimate and 95% interval from resampling.

    Ranking noisy estimates inflates a top-minus-bottom gap by an amount that grows with the noise; the mean of the
    resampled changes less the observed change estimates that difference between the two periods, and is removed.
    """
    rng = np.random.default_rng(seed)
    observed = float(
        group_measure(np.array([p.value for p in latest]), k=k, measure=measure)
        - group_measure(np.array([p.value for p in base]), k=k, measure=measure)
    )
    changes = sampled_measure(latest, k=k, measure=measure, draws=draws, rng=rng) - sampled_measure(
        base, k=k, measure=measure, draws=draws, rng=rng
    )
    bias = float(changes.mean()) - observed
    low, high = (float(q) - 2 * bias for q in np.percentile(changes, [2.5, 97.5]))
    return {
        "observed_change": round(observed, 6),
        "noise_bias": round(bias, 6),
        "corrected_change": round(observed - bias, 6),
        "interval_95": [round(low, 6), round(high, 6)],
        "draws": draws,
        "seed": seed,
        "areas_without_interval": sum(1 for p in [*base, *latest] if not p.has_interval),
    }


def clear_direction(interval: list[float]) -> int:
    """Return +1 or -1 when a 95% interval of a change excludes zero on that side, else 0."""
    low, high = interval
    return 1 if low > 0 else -1 if high < 0 else 0
