"""Thin Celery tasks; each has a management-command twin (build_report, publish_due_reports)."""

from datetime import date

from celery import shared_task
from django.contrib.auth import get_user_model

from missions.tasks import build_downloads_task
from reports.services import build_report, publish_due_reports


@shared_task
def build_report_task(as_of: str, author_id: int, title: str = "") -> dict:
    author = get_user_model().objects.get(pk=author_id)
    report = build_report(as_of=date.fromisoformat(as_of), title=title, author=author)
    return {"report": report.id, "status": report.status}


@shared_task
def publish_due_reports_task() -> dict:
    published = [r.id for r in publish_due_reports()]
    if published:
        build_downloads_task.delay_on_commit()
    return {"published": published}
