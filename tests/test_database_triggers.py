"""The database's own guards close what the model could miss: rows written by raw SQL, moved, or truncated."""

import pytest
from django.db import DatabaseError, connection, transaction
from django.utils import timezone

from missions.models import Target
from missions.services.catalogue import load_catalogue
from reports.models import Artefact, Report

pytestmark = pytest.mark.django_db
postgres_only = pytest.mark.skipif(connection.vendor != "postgresql", reason="TRUNCATE is PostgreSQL's")


def report(people, series: str, status: str) -> Report:
    now = timezone.now()
    public = {"published_at": now, "approved_by": people["approver"], "approved_at": now} if status != "draft" else {}
    return Report.objects.create(
        series=series,
        title=series,
        as_of=now.date(),
        snapshot={},
        status=status,
        created_by=people["analyst"],
        **public,
    )


def artefact(owner: Report) -> Artefact:
    return Artefact.objects.create(report=owner, name="report.pdf", content_type="application/pdf", content=b"%PDF",
                                   sha256="0" * 64, size=4)  # fmt: skip


def refused(sql: str, *params) -> bool:
    try:
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(sql, params)
    except DatabaseError:
        return True
    return False


def test_a_published_artefact_cannot_be_moved_to_another_report(people):
    published, draft = report(people, "published", "draft"), report(people, "draft", "draft")
    pdf = artefact(published)
    Report.objects.filter(pk=published.pk).update(status="published")  # its files are added before publication
    assert refused("UPDATE reports_artefact SET report_id = %s WHERE id = %s", draft.pk, pdf.pk)
    assert Artefact.objects.get(pk=pdf.pk).report_id == published.pk


def test_no_artefact_can_be_moved_into_a_published_report(people):
    published, draft = report(people, "published", "published"), report(people, "draft", "draft")
    pdf = artefact(draft)
    assert refused("UPDATE reports_artefact SET report_id = %s WHERE id = %s", published.pk, pdf.pk)


@pytest.mark.parametrize("column", ["approved_by_id", "created_by_id", "approved_at"])
def test_who_wrote_and_approved_a_published_report_and_when_are_frozen(people, column):
    published = report(people, "published", "published")
    value = timezone.now() if column == "approved_at" else people["publisher"].pk
    assert refused(f"UPDATE reports_report SET {column} = %s WHERE id = %s", value, published.pk)


def test_a_draft_can_still_be_moved_and_edited(people):
    first, second = report(people, "a", "draft"), report(people, "b", "draft")
    pdf = artefact(first)
    assert not refused("UPDATE reports_artefact SET report_id = %s WHERE id = %s", second.pk, pdf.pk)
    assert not refused("UPDATE reports_report SET created_by_id = %s WHERE id = %s", people["publisher"].pk, first.pk)


@postgres_only
@pytest.mark.parametrize(
    "table", ["missions_historicalmission", "missions_historicalmetric", "missions_historicaltarget"]
)
def test_the_change_history_cannot_be_truncated(table):
    load_catalogue()
    assert refused(f"TRUNCATE {table}")
    assert Target.history.exists()
