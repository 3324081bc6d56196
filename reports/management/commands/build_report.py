from datetime import date

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.urls import reverse

from reports.services import build_report


class Command(BaseCommand):
    help = "Build a draft progress report from the data as published on --as-of; twin of build_report_task."

    def add_arguments(self, parser):
        parser.add_argument("--as-of", type=date.fromisoformat, required=True)
        parser.add_argument("--title", default="")
        parser.add_argument("--author", required=True, help="username of the analyst building it")

    def handle(self, *args, as_of, title, author, **options):
        user = get_user_model().objects.filter(username=author).first()
        if user is None:
            raise CommandError(f"no user {author!r}")
        try:
            report = build_report(as_of=as_of, title=title, author=user)
        except (PermissionDenied, ValidationError) as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(f"Draft report {report.id}: {report.title}")
        self.stdout.write(f"HTML (staff preview): {reverse('reports:preview', args=[report.id, 'report.html'])}")
        self.stdout.write(f"{report.artefacts.count()} artefacts stored privately until publication.")
