from pathlib import Path

from django.core.management.base import BaseCommand

from missions.services.catalogue import DEFAULT_CATALOGUE, load_catalogue

from ._sync_report import write_sync_result


class Command(BaseCommand):
    help = "Load the missions catalogue; existing objects are compared, never overwritten."

    def add_arguments(self, parser):
        parser.add_argument("--path", type=Path, default=DEFAULT_CATALOGUE)

    def handle(self, *args, path, **options):
        write_sync_result(self, load_catalogue(path=path), what=f"Catalogue {path.name}")
