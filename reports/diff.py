"""The difference between a draft and the report before it: commentary and headline figures, line by line. Pure."""

import difflib


def commentary_lines(commentary: dict) -> list[str]:
    """Return the commentary as lines: key messages, then each mission's paragraph."""
    lines = [f"Key message: {m}" for m in commentary.get("key_messages", [])]
    for slug, text in sorted(commentary.get("missions", {}).items()):
        lines += [f"{slug}: {line}" for line in text.splitlines() if line.strip()]
    return lines


def figure_lines(snapshot: dict) -> list[str]:
    """Return one line per assessed target: status, baseline, latest and target as the report prints them."""
    lines = []
    for mission in snapshot.get("missions", []):
        for entry in mission["targets"]:
            summary, places = entry.get("summary") or {}, int(entry.get("decimal_places", 1))
            target = summary.get("target")
            lines.append(
                f"{entry['key']}: {entry['status_label']}; baseline {_cell(summary.get('baseline'), places)}; "
                f"latest {_cell(summary.get('latest'), places)}; "
                f"target {'-' if target is None else f'{target:.{places}f}'}"
            )
    return lines


def _cell(value: dict | None, places: int) -> str:
    return "-" if value is None else f"{value['value']:.{places}f} ({value['period']})"


def diff_lines(old: list[str], new: list[str]) -> list[dict]:
    """Return the changed lines only, each marked removed or added."""
    rows = []
    for line in difflib.ndiff(old, new):
        if line[:2] in ("- ", "+ "):
            rows.append({"change": "removed" if line[0] == "-" else "added", "text": line[2:]})
    return rows


def diff_reports(*, old_snapshot: dict, old_commentary: dict, snapshot: dict, commentary: dict) -> dict:
    """Return the changed commentary and figure lines between an earlier report and this draft."""
    return {
        "commentary": diff_lines(commentary_lines(old_commentary), commentary_lines(commentary)),
        "figures": diff_lines(figure_lines(old_snapshot), figure_lines(snapshot)),
    }
