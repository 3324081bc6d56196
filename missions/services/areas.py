"""Load GSS areas and their parents from the geography folder (areas.csv, area-parents.csv)."""

import csv
from pathlib import Path

from django.db import transaction

from missions.geography import area_level
from missions.models import Area
from missions.services.sync import SyncResult, sync_object

REASON = "Loaded from the geography files"


def _read_csv(path: Path) -> list[dict]:
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle))


def _year(text: str) -> int | None:
    text = (text or "").strip()
    return int(text[:4]) if text else None


@transaction.atomic
def load_areas(*, directory: Path) -> SyncResult:
    """Create missing areas with their years in use, then link parents and countries where unset."""
    directory = Path(directory)
    if not (directory / "areas.csv").exists():
        raise FileNotFoundError(f"No areas.csv in {directory}")
    result = SyncResult()
    for row in _read_csv(directory / "areas.csv"):
        code = row["areacd"].strip()
        values = {
            "name": row["areanm"].strip(),
            "level": area_level(code),
            "first_year": _year(row.get("start")),
            "last_year": _year(row.get("end")),
        }
        sync_object(Area, lookup={"code": code}, values=values, result=result, reason=REASON)
    parents_path = directory / "area-parents.csv"
    if parents_path.exists():
        _link_parents(_read_csv(parents_path), result)
    return result


def _link_parents(rows: list[dict], result: SyncResult) -> None:
    by_code = {a.code: a for a in Area.objects.all()}
    for row in rows:
        area = by_code.get(row["areacd"].strip())
        if area is None:
            continue
        parent = by_code.get((row.get("parentcd") or "").strip())
        country = by_code.get((row.get("countrycd") or "").strip())
        if country is None and parent is not None and parent.level == "Nation":
            country = parent
        changed = []
        for name, wanted in (("parent", parent), ("country", country)):
            current = getattr(area, name)
            if wanted is None or current == wanted:
                continue
            if current is None:
                setattr(area, name, wanted)
                changed.append(name)
            else:
                result.differences.append(
                    f"area {area.code}: {name} is {current.code} here, {wanted.code} in the source"
                )
        if changed:
            area.save(update_fields=changed)
            result.created["area link"] += len(changed)
