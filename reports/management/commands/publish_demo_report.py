import time
from datetime import date, timedelta

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand
from django.utils import timezone

from reports.services import approve_report, build_report, publish_due_reports_by, schedule_report


class Command(BaseCommand):
    help = (
        "Demo only: build a report with illustrative commentary as the demo analyst, approve it as the demo "
        "approver (four eyes) and release it at once as the demo publisher. Run create_demo_users first."
    )

    def add_arguments(self, parser):
        parser.add_argument("--as-of", type=date.fromisoformat, default=None, help="data as published on (today)")

    def handle(self, *args, as_of, **options):
        users = {
            u.username: u for u in get_user_model().objects.filter(username__in=["analyst", "approver", "publisher"])
        }
        report = build_report(as_of=as_of or timezone.localdate(), author=users["analyst"], illustrative=True)
        approve_report(report=report, user=users["approver"])
        release_at = timezone.now() + timedelta(seconds=15)  # margin: the machine may be slow
        schedule_report(report=report, user=users["publisher"], release_at=release_at, reason="Demo: released at once")
        time.sleep(max(0.0, (release_at - timezone.now()).total_seconds()) + 0.5)
        publish_due_reports_by(user=users["publisher"])
        report.refresh_from_db()
        changes = report.snapshot.get("changes") or {}
        self.stdout.write(f"Published {report.title} ({report.status}) at /reports/{report.series}/v{report.version}/")
        if changes.get("previous"):
            counts = {k: len(changes[k]) for k in ("moves", "releases", "revisions", "targets", "goalposts")}
            self.stdout.write(f"Since the last report (data to {changes['previous']['as_of']}): {counts}")
