"""An area's position among its comparison set on one metric, and the sentence that says it. Pure: no Django.

Position 1 is the best end (the highest value where higher is better, the lowest where lower is better; the highest
where neither is). Equal values share a position (competition ranking: 1, 2, 2, 4). The top and bottom groups are
as many areas as the gap rule puts in them (progress.gaps.group_size), from the method version's group share.
"""

import math
from dataclasses import dataclass

from missions.findings.numbers import format_share
from missions.ingestion.validation import STATUS_CODES
from missions.progress.gaps import group_size
from missions.progress.types import SUPPRESSED

LOW_RELIABILITY = "u"  # ranked, as the gap rule uses it, but a reader is told the place is uncertain


@dataclass(frozen=True)
class Rank:
    """Where one area stands, with every input the sentence needs; reason says why it is not ranked ("" if it is)."""

    position: int | None = None
    areas: int = 0  # areas in the comparison set with a usable value, the area included
    tied: int = 1  # areas sharing the position, the area included
    group: str = ""  # "top", "bottom", "both" (a tie spanning the two) or "" (neither, or too few areas)
    group_size: int = 0
    share: float | None = None
    polarity: str = "higher"
    reason: str = ""
    status: str = ""
    retired_in: int | None = None

    @property
    def ranked(self) -> bool:
        return self.position is not None

    @property
    def banded(self) -> bool:
        return self.ranked and self.group_size > 0


def areas_needed(share: float | None) -> int:
    """Return how many areas a comparison set needs before a top or bottom group of that share is at least one."""
    return 2 if not share else max(2, math.ceil(1 / share - 1e-9))


def rank_area(
    *,
    value: float | None,
    status: str = "",
    others: dict[str, float],
    polarity: str,
    share: float | None,
    in_set: bool = True,
    retired_in: int | None = None,
) -> Rank:
    """Return the area's rank among others (the usable values of the rest of its comparison set, same period)."""
    base = Rank(polarity=polarity, share=share, status=status, retired_in=retired_in)
    if retired_in is not None:
        return _but(base, "retired")
    if not in_set:
        return _but(base, "outside_set")
    if status in SUPPRESSED:
        return _but(base, "suppressed")
    if value is None or value != value:
        return _but(base, "no_value")
    if not others:
        return _but(base, "alone")
    values = list(others.values())
    better = sum(1 for v in values if _is_better(v, value, polarity))
    worse = sum(1 for v in values if _is_better(value, v, polarity))
    n = len(values) + 1
    k = group_size(n, share) if share and n >= areas_needed(share) else 0
    top, bottom = k > 0 and better < k, k > 0 and worse < k
    group = "both" if top and bottom else "top" if top else "bottom" if bottom else ""
    ranked = {"position": better + 1, "areas": n, "tied": n - better - worse, "group": group, "group_size": k}
    return Rank(**(base.__dict__ | ranked))


def _is_better(a: float, b: float, polarity: str) -> bool:
    return a < b if polarity == "lower" else a > b


def _but(rank: Rank, reason: str) -> Rank:
    return Rank(**(rank.__dict__ | {"reason": reason}))


def ordinal(n: int) -> str:
    """Return 1st, 2nd, 3rd, 4th, 11th, 12th, 13th, 21st, 101st, 111th."""
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n:,}{suffix}"


# Words that keep their capital inside a sentence: nations and places, and the adjectives made from them.
PROPER_WORDS = {"English", "Welsh", "Scottish", "Northern", "British", "England", "Wales", "Scotland", "London"}


def plain_name(name: str) -> str:
    """Return a name as it reads inside a sentence: first letter lower-case, unless it starts an acronym (UK, GVA)
    or a proper name ("English local authorities")."""
    if len(name) > 1 and name[1].isupper() or name.split(" ", 1)[0] in PROPER_WORDS:
        return name
    return name[:1].lower() + name[1:]


def rank_sentence(rank: Rank, *, set_name: str, subject: str, period: str, level: str = "") -> str:
    """Return the rank in words, e.g. "In the bottom 10% of local authorities for gross median weekly pay (2023):
    301st of 348, where 1st is the highest and higher is better."; a low-reliability value says its place is
    uncertain."""
    sentence = _place_sentence(rank, set_name=set_name, subject=subject, period=period, level=level)
    if rank.ranked and rank.status == LOW_RELIABILITY:
        meaning = STATUS_CODES[LOW_RELIABILITY]
        sentence += f" The publisher marks this value {meaning} ({LOW_RELIABILITY}), so its position is uncertain."
    return sentence


def _place_sentence(rank: Rank, *, set_name: str, subject: str, period: str, level: str) -> str:
    group_of, what = plain_name(set_name), f"{plain_name(subject)} ({period})"
    if not rank.ranked:
        return _not_ranked(rank, set_name=group_of, subject=plain_name(subject), period=period, level=level)
    place = f"{'joint ' if rank.tied > 1 else ''}{ordinal(rank.position)} of {rank.areas:,}"
    if rank.tied > 1:
        others = rank.tied - 1
        place += f" (tied with {others} other{'s' if others > 1 else ''})"
    share = format_share(rank.share) if rank.share else ""
    if not rank.banded:
        reason = f"too few have a value to name a top or bottom {share}" if share else "no group share is published"
        return f"{place[:1].upper()}{place[1:]} {group_of} for {what}{_direction(rank.polarity)}; {reason}."
    place += _direction(rank.polarity)
    if rank.group == "both":
        top, bottom = _group_word("top", rank.polarity), _group_word("bottom", rank.polarity)
        return f"In both the {top} and {bottom} {share} of {group_of} for {what}, by tied values: {place}."
    if rank.group:
        word = _group_word(rank.group, rank.polarity)
        return f"In the {word} {share} of {group_of} for {what}: {place}."
    top, bottom = _group_word("top", rank.polarity), _group_word("bottom", rank.polarity)
    return f"Outside the {top} and {bottom} {share} of {group_of} for {what}: {place}."


def _group_word(group: str, polarity: str) -> str:
    if polarity in ("higher", "lower"):
        return group
    return "highest" if group == "top" else "lowest"


def _direction(polarity: str) -> str:
    if polarity == "lower":
        return ", where 1st is the lowest and lower is better"
    if polarity == "higher":
        return ", where 1st is the highest and higher is better"
    return ", where 1st is the highest (neither direction is better)"


def _not_ranked(rank: Rank, *, set_name: str, subject: str, period: str, level: str) -> str:
    if rank.reason == "retired":
        return f"Not ranked: this area's code was retired in {rank.retired_in}, so it is not one of the {set_name}."
    if rank.reason == "outside_set":
        kind = f" ({plain_name(level)})" if level else ""
        return f"Not ranked: {subject} compares {set_name}, and this area{kind} is not one of them."
    if rank.reason == "suppressed":
        meaning = STATUS_CODES.get(rank.status, "suppressed")
        return f"Not ranked: the value for {period} is withheld by the publisher ({rank.status}: {meaning})."
    if rank.reason == "alone":
        return f"Not ranked: no other of the {set_name} has a value for {subject} in {period}."
    return f"Not ranked: no value for {period}."
