from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from missions.services.areas import load_areas

from ._sync_report import write_sync_result


class Command(BaseCommand):
    help = "Load GSS areas, years in use and parents from a geography folder."

    def add_arguments(self, parser):
        parser.add_argument("--path", type=Path, default=None, help="Folder holding areas.csv and area-parents.csv")

    def handle(self, *args, path, **options):
        directory = path or Path(settings.GEOGRAPHY_DIR)
        try:
            result = load_areas(directory=directory)
        except FileNotFoundError as exc:
            raise CommandError(str(exc)) from exc
        write_sync_result(self, result, what=f"Areas from {directory}")
