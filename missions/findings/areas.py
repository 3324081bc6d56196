"""Findings for targets judged across areas: gaps, every area improving, distance to a benchmark. Pure."""

from missions.findings.numbers import format_number, format_share
from missions.findings.series import Subject
from missions.progress.types import group_share_of

NAMED = 3  # areas named at each end of a ranking


def _names(codes: list[str], names: dict[str, str]) -> str:
    shown = [names.get(c, c) for c in codes[:NAMED]]
    return shown[0] if len(shown) == 1 else ", ".join(shown[:-1]) + " and " + shown[-1]


def _ends(subject: Subject, base: dict, latest: dict, *, first: str, last: str) -> str:
    if subject.same(base, latest):
        return f"was {subject.value(latest)} in both {first} and {last}"
    verb = "widened" if latest > base else "narrowed"
    change = subject.change(latest - base)
    relative = f", or {format_number(abs(latest - base) / abs(base) * 100, 0)}%" if base else ""
    return f"{verb} from {subject.value(base)} ({first}) to {subject.value(latest)} ({last}), by {change}{relative}"


def gap_sentences(result: dict, subject: Subject, *, names: dict[str, str]) -> list[str]:
    """Return how the gap between the top and bottom groups of areas moved, naming the areas at each end."""
    figures, status = result.get("figures", {}), result["status"]
    if "latest" not in figures:
        return []
    base, latest = figures["baseline"], figures["latest"]
    first, last = subject.label(figures["baseline_period"]), subject.label(figures["latest_period"])
    share = format_share(group_share_of(result))
    moved = _ends(subject, base["gap"], latest["gap"], first=first, last=last)
    verb = "were" if latest["group_size"] <= NAMED else "included"
    sentences = [
        f"The gap in {subject.name} between the highest and lowest {share} of {latest['areas']} areas {moved}.",
        f"In {last} the highest {share} ({latest['group_size']} areas, mean {subject.value(latest['top_mean'])}) "
        f"{verb} {_names(latest['top'], names)}; the lowest {share} (mean {subject.value(latest['bottom_mean'])}) "
        f"{verb} {_names(latest['bottom'][::-1], names)}.",
    ]
    judged = figures.get("judged") or {}
    if judged.get("measure") != "ratio":
        return [*sentences, _gap_clarity(status)]
    ratio = (
        f"Measured relative to their level (method version 2), the highest {share}'s mean was "
        f"{format_number(judged['baseline'], 2)} times the lowest's in {first} and "
        f"{format_number(judged['latest'], 2)} times in {last}."
    )
    # the measure the status was judged on comes first, so the headline and the status agree
    return [ratio, *sentences, _gap_clarity(status, "gap relative to the level")]


def _gap_clarity(status: str, what: str = "gap") -> str:
    return {
        "improving": f"The {what} has clearly narrowed.",
        "worsening": f"The {what} has clearly widened.",
        "no_clear_change": "Given the uncertainty in the figures, this is not a clear change.",
    }.get(status, "")


def every_area_sentences(result: dict, subject: Subject, *, names: dict[str, str]) -> list[str]:
    """Return how many areas are better than at their own baseline (v2: clearly better, no clear change, worse)."""
    figures = result.get("figures", {})
    if "areas" not in figures:
        return []
    first, last = subject.label(figures["baseline_period"]), subject.label(figures["latest_period"])
    counts = figures.get("counts") or figures
    if "clearly_better" in counts:
        return [
            f"Of {figures['areas']} areas, {counts['clearly_better']} were clearly better in {last} than in {first} "
            f"on {subject.name}, {counts['no_clear_change']} showed no clear change and "
            f"{counts['clearly_worse']} were clearly worse."
        ]
    not_improved = [row["area"] for row in figures.get("not_improved", [])]
    improved = figures["areas"] - len(not_improved)
    sentences = [
        f"{improved} of {figures['areas']} areas ({format_share(figures['share_improved'])}) had a better value "
        f"of {subject.name} in {last} than in {first}."
    ]
    if not_improved:
        sentences.append(f"{len(not_improved)} had not improved, including {_names(not_improved, names)}.")
    return sentences


def benchmark_sentences(result: dict, subject: Subject, *, names: dict[str, str]) -> list[str]:
    """Return how the mean distance of the areas from the benchmark area moved."""
    series, benchmark = result.get("figures", {}).get("series") or [], result.get("inputs", {}).get("benchmark", "")
    base_period = result.get("figures", {}).get("baseline_period")
    base = next((p for p in series if p["period"] == base_period), None)
    if base is None or series[-1]["period"] == base["period"]:
        return []
    latest = series[-1]
    moved = _ends(
        subject,
        base["value"],
        latest["value"],
        first=subject.label(base["period"]),
        last=subject.label(latest["period"]),
    )
    where = names.get(benchmark, benchmark)
    return [
        f"The mean distance of the areas from {where} on {subject.name} {moved}.",
        _gap_clarity(result["status"], "distance"),
    ]
