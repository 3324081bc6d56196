from django.core.management.base import BaseCommand

from missions.services.downloads import build_downloads


class Command(BaseCommand):
    help = "Build the public download files (a CSV per metric, all.zip); twin of build_downloads_task."

    def handle(self, *args, **options):
        result = build_downloads()
        self.stdout.write(f"{result['files']} download files, {len(result['changed'])} rebuilt")
