"""Where periods sit in time: target years of multi-year periods, overlap of rolling periods. Pure: no Django."""

import math

from missions.progress.types import Method, Point


def target_time(*, year: int, months: int, method: Method) -> float:
    """Return the time a target year stands for: the midpoint of the series' period that ends in that year.

    Version 1 put every target year at its middle (Y + 0.5). Version 2 reads a target year Y of a series of
    multi-year periods as the period of that length ending in Y (for three years: Y-2 to Y, midpoint Y - 0.5), so
    the target is compared with the period that will carry its year in its label's last year.
    """
    if method.target_period_ending and months > 12:
        return year + 1 - months / 24
    return year + 0.5


def period_years(points: list[Point]) -> float:
    """Return the longest period length among the points, in years (1 for instants and single years)."""
    return max([p.months / 12 for p in points] + [1.0])


def effective_points(points: list[Point]) -> float:
    """Return the number of independent points the series holds: the span it covers over one period's length.

    Three-year rolling periods a year apart share two thirds of their years: four of them (2017-19 to 2020-22)
    cover six years, i.e. two independent three-year periods.
    """
    years = period_years(points)
    if len(points) < 2 or years <= 1:
        return float(len(points))
    span = max(p.time for p in points) - min(p.time for p in points) + years
    return round(min(float(len(points)), span / years), 6)


def inflation(*, n: int, n_eff: float) -> float:
    """Return the factor by which overlap inflates the variance of a fitted line's parameters (n / n_eff)."""
    return n / n_eff if n_eff > 0 else math.inf
