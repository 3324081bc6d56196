"""Write a release's rows as vintages: close what it revises or withdraws, add what is new, copy nothing unchanged."""

from dataclasses import dataclass, field

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
from django.conf import settings

from missions.ingestion.validation import Validated
from missions.models import Observation, Release, Source
from missions.services import revisions
from missions.services.indicators import resolve_indicators

KEY = ["indicator_id", "area_code", "period"]
TEXTS = ["status", "note"]
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


def apply_release(
    *,
    release: Release,
    frame: pa.Table,
    indicator_ids: list[int],
    withdraw_missing: bool,
    flag_above: float,
    all_new: bool = False,
) -> Changes:
    """Store frame (the staged columns, typed: see staged_rows) as the state of these indicators at release.

    all_new: the indicators were all created for this release, so nothing stored can be compared with it.
    """
    current = Observation.objects.filter(indicator_id__in=indicator_ids, superseded_by__isnull=True)
    if all_new or not current.exists():
        # A first release: nothing to compare, every row is new. Key order fills the index pages in order.
        rows = frame.append_column("release_id", pa.array(np.full(len(frame), release.id, dtype=np.int64)))
        revisions.load_rows(Observation._meta.db_table, [*revisions.STAGED, "release_id"], rows, order_by=KEY)
        return Changes(added=len(frame))
    revisions.stage(frame)
    revised, notes_revised, unchanged = revisions.count_matches()
    withdrawn = (
        revisions.withdraw_missing(release_id=release.id, indicator_ids=indicator_ids) if withdraw_missing else 0
    )
    revisions.supersede_and_insert(release_id=release.id)
    flagged_count, flagged = revisions.list_flagged(above=flag_above, limit=FLAGS_SHOWN)
    revisions.drop_staging()
    return Changes(
        added=len(frame) - revised - notes_revised - unchanged,
        revised=revised,
        notes_revised=notes_revised,
        unchanged=unchanged,
        withdrawn=withdrawn,
        flagged=flagged,
        flagged_count=flagged_count,
    )


def staged_rows(frame: pd.DataFrame, indicator_ids: dict[str, int]) -> pa.Table:
    """Return the validated rows as the staging table's columns (Arrow), each indicator name replaced by its id.

    Built from the validated columns without copying them (text is held by Arrow since the read): a release is read
    once and written once. A missing number (NaN) becomes null, which the COPY writes as NULL.
    """
    codes, names = pd.factorize(frame["indicator"])
    columns = {name: pa.array(frame[name], from_pandas=True) for name in revisions.STAGED if name != "indicator_id"}
    for name in TEXTS:
        columns[name] = pc.fill_null(columns[name], "")
    columns["indicator_id"] = pa.array(np.array([indicator_ids[n] for n in names], dtype=np.int64)[codes])
    columns["period_months"] = columns["period_months"].cast(pa.int64())
    return pa.table({name: columns[name] for name in revisions.STAGED})


def store_release_rows(*, source: Source, release: Release, checked: Validated) -> tuple[Changes, list[int]]:
    """Store a validated release's rows, less any held back; return the changes and the indicators that changed."""
    frame = checked.kept
    resolved = resolve_indicators(source=source, names=list(frame["indicator"].unique()), release=release)
    changes = apply_release(
        release=release,
        frame=staged_rows(frame, resolved.by_name),
        indicator_ids=resolved.source_ids,
        withdraw_missing=source.history_kind == Source.HistoryKind.FULL,
        flag_above=settings.INGEST_REVISION_REVIEW_THRESHOLD,
        all_new=set(resolved.source_ids) <= resolved.created,
    )
    return changes, sorted(set(resolved.by_name.values())) if changes.any else []


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
