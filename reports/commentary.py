"""Commentary: the monitor's own words on a report, drafted from the findings and sanitised when shown. Pure."""

from collections import Counter

import markdown
import nh3

ALLOWED_TAGS = {"p", "ul", "ol", "li", "em", "strong", "a", "br", "blockquote", "code", "h3", "h4"}
MAX_KEY_MESSAGES = 8
MAX_LENGTH = 5000
GOOD = {"achieved", "on_track", "improving"}
MIDDLE = {"acceleration_needed", "limited_progress", "no_clear_change"}
BAD = {"deteriorating", "worsening"}


def render_markdown(text: str) -> str:
    """Return Markdown as HTML with only plain prose tags kept: no scripts, styles, images or event handlers."""
    html = markdown.markdown(text or "")
    return nh3.clean(html, tags=ALLOWED_TAGS, attributes={"a": {"href"}}, url_schemes={"https", "http", "mailto"})


def clean_text(text: str, *, what: str) -> str:
    """Return commentary text stripped, refusing what cannot be stored or printed: NUL bytes, very long text."""
    if "\x00" in (text or ""):
        raise ValueError(f"{what} contains a NUL byte")
    text = (text or "").replace("\r\n", "\n").strip()
    if len(text) > MAX_LENGTH:
        raise ValueError(f"{what} is longer than {MAX_LENGTH} characters")
    return text


def count_statuses(snapshot: dict) -> dict[str, int]:
    """Return how many assessed targets are in each broad group of statuses."""
    counts = Counter(e["status"] for m in snapshot.get("missions", []) for e in m["targets"])
    return {
        "total": sum(counts.values()),
        "good": sum(counts[s] for s in GOOD),
        "middle": sum(counts[s] for s in MIDDLE),
        "bad": sum(counts[s] for s in BAD),
        "unjudged": counts["insufficient_data"] + counts["no_data_source"] + counts["data_refused"],
    }


def draft_key_messages(snapshot: dict) -> list[str]:
    """Return key messages drafted from the figures: the balance of statuses and what moved since last time."""
    n = count_statuses(snapshot)
    messages = [
        f"Of {n['total']} targets and measures assessed, {n['good']} are achieved, on track or improving; "
        f"{n['middle']} show some or no clear progress; {n['bad']} are going the wrong way; "
        f"{n['unjudged']} cannot yet be judged for want of data."
    ]
    changes = snapshot.get("changes") or {}
    if changes.get("previous"):
        messages.append(
            f"Since the report on data to {changes['previous']['as_of']}, {len(changes['moves'])} statuses moved, "
            f"{len(changes['releases'])} new data releases were used and {len(changes['revisions'])} printed "
            f"figures were revised."
        )
    return messages


def draft_commentary(snapshot: dict, *, illustrative: bool = False) -> dict:
    """Return a first draft of the commentary from the findings, for an analyst to edit."""
    missions = {}
    for mission in snapshot.get("missions", []):
        judged = [e for e in mission["targets"] if e.get("role") == "headline" and "finding" in e]
        missions[mission["slug"]] = " ".join(e["finding"]["sentences"][0] for e in judged[:3])
    return {
        "key_messages": draft_key_messages(snapshot),
        "missions": missions,
        "illustrative": illustrative,
        "drafted": True,
    }
