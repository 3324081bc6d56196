"""The status words every page, feed and report uses, and the short key that explains them. Pure: no Django.

One word per meaning across the rule families: a quantified target moving away from its target and a direction-only
measure moving the wrong way are both "Worsening". Each status also has a tone (good, mixed, bad, none) that pages
draw with a different border as well as a different colour, so the key reads in greyscale.
"""

from missions.progress.types import STATUS_LABELS, Status

TONES = {
    Status.ACHIEVED: "good",
    Status.ON_TRACK: "good",
    Status.IMPROVING: "good",
    Status.ACCELERATION_NEEDED: "mixed",
    Status.LIMITED_PROGRESS: "mixed",
    Status.NO_CLEAR_CHANGE: "mixed",
    Status.DETERIORATING: "bad",
    Status.WORSENING: "bad",
    Status.INSUFFICIENT_DATA: "none",
    Status.NO_DATA_SOURCE: "none",
    Status.DATA_REFUSED: "none",
}

KEY_ORDER = (
    Status.ACHIEVED,
    Status.ON_TRACK,
    Status.IMPROVING,
    Status.ACCELERATION_NEEDED,
    Status.LIMITED_PROGRESS,
    Status.NO_CLEAR_CHANGE,
    Status.WORSENING,
    Status.INSUFFICIENT_DATA,
    Status.DATA_REFUSED,
    Status.NO_DATA_SOURCE,
)

MEANINGS = {
    Status.ACHIEVED: "the latest value meets the target",
    Status.ON_TRACK: "moving towards the target fast enough to meet it on time",
    Status.ACCELERATION_NEEDED: "moving towards the target, but not yet fast enough to meet it on time",
    Status.LIMITED_PROGRESS: "moving towards the target far too slowly to meet it on time",
    Status.IMPROVING: "a clear change in the better direction (no number to meet)",
    Status.NO_CLEAR_CHANGE: "any change is within the uncertainty of the data",
    Status.WORSENING: "a clear change in the worse direction, or away from the target",
    Status.INSUFFICIENT_DATA: "too few published values to judge yet",
    Status.NO_DATA_SOURCE: "no published series measures this target yet",
    Status.DATA_REFUSED: "the publisher's data exist but failed validation; the reason and release are given",
}


def status_label(status: str) -> str:
    """Return the public word for a stored status (the same word for the same meaning in every rule family)."""
    status = Status(status)
    return STATUS_LABELS[Status.WORSENING if status == Status.DETERIORATING else status]


def status_tone(status: str) -> str:
    """Return good, mixed, bad or none: how a page draws the status."""
    return TONES.get(status, "none")


def status_key() -> list[dict]:
    """Return the key: each public word once, in order from best to no judgement, with what it means."""
    return [{"status": str(s), "label": status_label(s), "meaning": MEANINGS[s], "tone": TONES[s]} for s in KEY_ORDER]
