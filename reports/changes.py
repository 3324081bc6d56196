"""What changed since the last published report, from the two frozen snapshots. Pure: no Django.

Statuses that moved (with the new reason), data releases used for the first time, revisions of values the last
report printed, targets whose stored values differ, and a change of method version.
"""


def _entries(snapshot: dict) -> dict[str, dict]:
    return {e["key"]: e | {"mission": m["number"]} for m in snapshot.get("missions", []) for e in m["targets"]}


def list_status_moves(previous: dict, current: dict) -> list[dict]:
    """Return every target whose status differs from the last report's, with the reason for the new one."""
    before = _entries(previous)
    moves = []
    for key, entry in _entries(current).items():
        old = before.get(key)
        if old is not None and old["status"] != entry["status"]:
            moves.append(
                {
                    "key": key,
                    "mission": entry["mission"],
                    "title": entry["title"],
                    "from": old["status"],
                    "from_label": old["status_label"],
                    "to": entry["status"],
                    "to_label": entry["status_label"],
                    "why": entry.get("finding", {}).get("headline") or entry["reason"],
                    "reason": entry["reason"],
                }
            )
    return moves


def list_new_releases(previous: dict, current: dict) -> list[dict]:
    """Return the releases this report uses that the last one did not."""
    seen = {r["id"] for r in previous.get("releases", [])}
    return [r for r in current.get("releases", []) if r["id"] not in seen]


def _published_values(entry: dict) -> dict[str, float]:
    """Return every value of the entry's headline series by period (points, or the gap over time)."""
    result = entry.get("result", {})
    values = {p["period"]: p["value"] for p in result.get("inputs", {}).get("points", []) if p.get("value") is not None}
    if result.get("rule") == "gap":
        values |= {s["period"]: s["gap"] for s in result.get("figures", {}).get("series", [])}
    return values


def _printed(entry: dict) -> list[tuple[str, str, float]]:
    summary = entry.get("summary") or {}
    return [
        (what, summary[what]["period"], summary[what]["value"]) for what in ("baseline", "latest") if summary.get(what)
    ]


def list_revisions(previous: dict, current: dict) -> list[dict]:
    """Return values the last report printed (baseline or latest) that a later release revised, old and new."""
    before, new_releases = _entries(previous), list_new_releases(previous, current)
    revisions = []
    for key, entry in _entries(current).items():
        if key not in before:
            continue
        now, places = _published_values(entry), int(entry.get("decimal_places", 1))
        for what, period, old in _printed(before[key]):
            new = now.get(period)
            if new is None or round(new, places) == round(old, places):
                continue
            releases = [r for r in new_releases if r["source"] in entry.get("sources", [])]
            revisions.append(
                {
                    "key": key,
                    "mission": entry["mission"],
                    "title": entry["title"],
                    "what": what,
                    "period": period,
                    "old": old,
                    "new": new,
                    "decimal_places": places,
                    "unit": entry.get("unit", ""),
                    "releases": releases,
                }
            )
    return revisions


TARGET_FIELDS = ("value", "value_kind", "target_year", "baseline_period", "area_code", "group", "type")


def list_target_changes(previous: dict, current: dict) -> list[dict]:
    """Return targets whose stored values (as assessed) differ from those the last report used."""
    before = _entries(previous)
    changes = []
    for key, entry in _entries(current).items():
        old, new = (before.get(key) or {}).get("target") or {}, entry.get("target") or {}
        if not old:
            continue
        fields = [{"field": f, "old": old.get(f), "new": new.get(f)} for f in TARGET_FIELDS if old.get(f) != new.get(f)]
        if fields:
            changes.append({"key": key, "mission": entry["mission"], "title": entry["title"], "fields": fields})
    return changes


def compare_snapshots(previous: dict | None, current: dict) -> dict:
    """Return everything that changed between the last published report's snapshot and this one."""
    if not previous:
        return {
            "previous": None,
            "moves": [],
            "releases": [],
            "revisions": [],
            "targets": [],
            "goalposts": [],
            "method": None,
        }
    old_method = (previous.get("methodology") or {}).get("version")
    new_method = (current.get("methodology") or {}).get("version")
    return {
        "previous": {"as_of": previous.get("as_of")},
        "moves": list_status_moves(previous, current),
        "releases": list_new_releases(previous, current),
        "revisions": list_revisions(previous, current),
        "targets": list_target_changes(previous, current),
        "goalposts": [],
        "method": None if old_method == new_method else {"from": old_method, "to": new_method},
    }


def for_mission(changes: dict, number: int) -> dict:
    """Return the changes that concern one mission (releases and method apply to all)."""
    kinds = ("moves", "revisions", "targets", "goalposts")
    own = {k: [c for c in changes.get(k, []) if c.get("mission") == number] for k in kinds}
    return changes | own
