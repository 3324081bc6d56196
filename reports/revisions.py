"""Earlier drafts of a report, kept when a draft is rebuilt or its commentary edited: the staff diff reads a draft
against the one it replaced."""

from reports.models import DraftRevision, Report


def keep_draft(*, report: Report, user, change: str) -> DraftRevision:
    """Keep the draft as stored before a change; the caller holds the report's row lock."""
    stored = Report.objects.values("snapshot", "commentary").get(pk=report.pk)
    rebuilt = change == DraftRevision.Change.REBUILT
    return DraftRevision.objects.create(
        report=report,
        number=report.draft_revisions.count() + 1,
        snapshot=stored["snapshot"] if rebuilt else None,
        commentary=stored["commentary"] or {},
        change=change,
        replaced_by=user,
    )


def get_previous_draft(report: Report) -> DraftRevision | None:
    """Return the draft this one replaced, with its snapshot filled in, or None for a first draft."""
    previous = report.draft_revisions.order_by("-number").first()
    if previous is not None and previous.snapshot is None:
        # A commentary edit left the figures alone: they are those of the draft that came next.
        previous.snapshot = report.snapshot
    return previous


def list_rebuilders(report: Report) -> set[int]:
    """Return the ids of everyone who rebuilt the draft's figures (four eyes: they may not approve it)."""
    rebuilt = report.draft_revisions.filter(change=DraftRevision.Change.REBUILT)
    return set(rebuilt.values_list("replaced_by_id", flat=True))
