from django.core.management.base import BaseCommand
from django.utils import timezone

from missions.services.overdue import notify_overdue_sources


class Command(BaseCommand):
    help = "Email the Analyst group the sources whose next expected release has passed (twin of the beat task)."

    def handle(self, *args, **options):
        result = notify_overdue_sources(today=timezone.localdate())
        self.stdout.write(f"{len(result['overdue'])} overdue metric(s); emailed {len(result['emailed'])} analyst(s)")
