from django.core.management.base import BaseCommand

from reports.services import publish_due_reports


class Command(BaseCommand):
    help = "Publish every scheduled report whose release time has come; twin of publish_due_reports_task."

    def handle(self, *args, **options):
        published = publish_due_reports()
        for report in published:
            self.stdout.write(f"Published report {report.id}: {report.title} (v{report.version})")
        if not published:
            self.stdout.write("Nothing due.")
