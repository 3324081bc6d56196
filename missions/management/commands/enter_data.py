from datetime import date
from pathlib import Path

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management.base import BaseCommand, CommandError

from missions.management.commands._release_args import get_user
from missions.services.manual import check_upload_size, enter_data


class Command(BaseCommand):
    help = "Enter a CSV of official figures (ONS ELS layout) as USER, as the admin's manual entry does."

    def add_arguments(self, parser):
        parser.add_argument("path", type=Path)
        parser.add_argument("--source", help="the manual series' slug (default: the file name)")
        parser.add_argument("--citation", required=True, help="where the figures come from")
        parser.add_argument("--release-date", required=True, type=date.fromisoformat, help="YYYY-MM-DD")
        parser.add_argument("--as", dest="username", required=True, help="the user entering the data")

    def handle(self, *args, path, source, citation, release_date, username, **options):
        if not path.is_file():
            raise CommandError(f"no file {path}")
        try:
            check_upload_size(path.stat().st_size)
            outcome = enter_data(
                user=get_user(username),
                source_slug=source or path.stem,
                csv_bytes=path.read_bytes(),
                citation=citation,
                release_date=release_date,
            )
        except (PermissionDenied, ValidationError) as exc:
            raise CommandError("; ".join(getattr(exc, "messages", [str(exc)]))) from exc
        self.stdout.write(outcome.line())
        if outcome.status not in ("pending", "unchanged"):
            raise CommandError(f"{outcome.source}: {outcome.status}")
