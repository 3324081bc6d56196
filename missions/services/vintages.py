"""Write a release's rows as vintages: close what it revises or withdraws, add what is new, copy nothing unchanged."""

import io
from dataclasses import dataclass, field

import numpy as np
import pandas as pd
from django.conf import settings
from django.db import connection

from missions.ingestion.validation import Validated
from missions.models import Observation, Release, Source
from missions.services.indicators import resolve_indicators

KEY = ["indicator_id", "area_code", "period"]
NUMBERS = ["value", "lci", "uci"]
TEXTS = ["status", "note"]
COLUMNS = ["indicator_id", "area_code", "period", "period_start", "period_months", *NUMBERS, *TEXTS, "release_id"]
CHUNK = 5000
FLAGS_SHOWN = 50
COUNTS = ("added", "revised", "notes_revised", "unchanged", "withdrawn")


@dataclass
class Changes:
    added: int = 0
    revised: int = 0  # the number, its bounds or its status marker changed
    notes_revised: int = 0  # only the note text changed: a new vintage, but not a revision of the value
    unchanged: int = 0
    withdrawn: int = 0
    flagged: list[dict] = field(default_factory=list)
    flagged_count: int = 0

    @property
    def any(self) -> bool:
        return bool(self.added or self.revised or self.notes_revised or self.withdrawn)


def current_frame(indicator_ids: list[int]) -> pd.DataFrame:
    """Return the values current now for these indicators, one row per key."""
    rows = Observation.objects.filter(indicator_id__in=indicator_ids, superseded_by__isnull=True).values_list(
        "id", *KEY, *NUMBERS, *TEXTS
    )
    return pd.DataFrame.from_records(list(rows), columns=["id", *KEY, *NUMBERS, *TEXTS])


def apply_release(
    *, release: Release, frame: pd.DataFrame, indicator_ids: list[int], withdraw_missing: bool, flag_above: float
) -> Changes:
    """Store frame (typed rows with indicator_id) as the state of these indicators at release."""
    old = current_frame(indicator_ids)
    if old.empty:  # a first release: nothing to compare, every row is new
        _insert(frame, release)
        return Changes(added=len(frame))
    merged = frame.merge(old, on=KEY, how="outer", suffixes=("", "_old"), indicator=True)
    both = merged[merged["_merge"] == "both"]
    same_values = _same_values(both)
    same_note = both["note"].fillna("") == both["note_old"].fillna("")
    revised = both[~(same_values & same_note)]
    added = merged[merged["_merge"] == "left_only"]
    gone = merged[merged["_merge"] == "right_only"] if withdraw_missing else merged.iloc[0:0]
    changes = Changes(
        added=len(added),
        revised=int((~same_values).sum()),
        notes_revised=int((same_values & ~same_note).sum()),
        unchanged=int((same_values & same_note).sum()),
        withdrawn=len(gone),
    )
    _flag_revisions(revised, changes, flag_above)
    _close([*revised["id"].astype(int), *gone["id"].astype(int)], release)
    _insert(pd.concat([added, revised])[frame.columns], release)
    return changes


def _same_values(both: pd.DataFrame) -> pd.Series:
    """Return where the number, its bounds and its status marker all agree (the note is compared apart)."""
    same = pd.Series(True, index=both.index)
    for name in NUMBERS:
        new, old = both[name].astype(float), both[f"{name}_old"].astype(float)
        same &= (np.isclose(new, old, rtol=0, atol=1e-9) | (new.isna() & old.isna())).to_numpy()
    return same & (both["status"].fillna("") == both["status_old"].fillna(""))


def _flag_revisions(revised: pd.DataFrame, changes: Changes, flag_above: float) -> None:
    old, new = revised["value_old"].astype(float), revised["value"].astype(float)
    size = (new - old).abs() / old.abs().where(old != 0)
    big = revised[(size > flag_above) | ((old == 0) & (new != 0))]
    changes.flagged_count = len(big)
    changes.flagged = [
        {
            "indicator_id": int(r.indicator_id),
            "area_code": r.area_code,
            "period": r.period,
            "old": r.value_old,
            "new": r.value,
        }
        for r in big.head(FLAGS_SHOWN).itertuples()
    ]


def _close(ids: list[int], release: Release) -> None:
    for start in range(0, len(ids), CHUNK):
        Observation.objects.filter(id__in=ids[start : start + CHUNK]).update(superseded_by=release)


def _insert(rows: pd.DataFrame, release: Release) -> None:
    if rows.empty:
        return
    rows = rows.assign(release_id=release.id)[COLUMNS]
    rows[TEXTS] = rows[TEXTS].fillna("")
    # The outer merge turns integer columns into floats wherever stored rows exist; the database wants integers.
    rows = rows.astype({"indicator_id": int, "period_months": int})
    rows = rows.sort_values(["indicator_id", "area_code", "period"])  # index pages filled in order, not at random
    if connection.vendor == "postgresql":
        _copy(rows)
    else:
        records = rows.replace({np.nan: None}).to_dict("records")
        Observation.objects.bulk_create([Observation(**r) for r in records], batch_size=2000)


def _copy(rows: pd.DataFrame) -> None:
    buffer = io.StringIO()
    rows.to_csv(buffer, header=False, index=False)
    table = Observation._meta.db_table
    sql = f"COPY {table} ({', '.join(COLUMNS)}) FROM STDIN WITH (FORMAT csv, FORCE_NOT_NULL (status, note))"
    # The raw psycopg cursor: wrap its errors so callers see Django's IntegrityError, as for any other write.
    with connection.wrap_database_errors, connection.cursor() as cursor, cursor.cursor.copy(sql) as copy:
        copy.write(buffer.getvalue())


def store_release_rows(*, source: Source, release: Release, checked: Validated) -> tuple[Changes, list[int]]:
    """Store a validated release's rows; return the changes and the ids of indicators that changed."""
    frame = checked.frame
    ids = resolve_indicators(source=source, names=list(frame["indicator"].unique()), release=release)
    frame = frame.assign(indicator_id=frame["indicator"].map(ids))
    columns = ["indicator_id", "area_code", "period", "period_start", "period_months", "value", "lci", "uci"]
    indicator_ids = sorted(set(ids.values()) | set(source.indicators.values_list("id", flat=True)))
    changes = apply_release(
        release=release,
        frame=frame[columns + ["status", "note"]],
        indicator_ids=indicator_ids,
        withdraw_missing=source.history_kind == Source.HistoryKind.FULL,
        flag_above=settings.INGEST_REVISION_REVIEW_THRESHOLD,
    )
    return changes, sorted(set(ids.values())) if changes.any else []


def save_counts(*, release: Release, changes: Changes) -> dict:
    """Record the counts on the release row and return them; a release that changed nothing is unchanged."""
    fields = {name: getattr(changes, name) for name in COUNTS}
    fields["status"] = Release.Status.ACCEPTED if changes.any else Release.Status.UNCHANGED
    fields["report"] = release.report | {
        "flagged_revisions": changes.flagged,
        "flagged_revision_count": changes.flagged_count,
        "flag_threshold": settings.INGEST_REVISION_REVIEW_THRESHOLD,
    }
    Release.objects.filter(pk=release.pk).update(**fields)
    return fields
