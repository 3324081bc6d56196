import sys
from datetime import date
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from missions.ingestion import http
from missions.ingestion.base import TransientSourceError
from missions.models import IngestStatus, Source
from missions.services.ingest import Outcome, ingest_source, register_source
from missions.services.sources import register_catalogue_sources


class Command(BaseCommand):
    help = "Ingest sources: --all, --source SLUG, or --path PATH_OR_URL (any folder in the ONS ELS layout)."

    def add_arguments(self, parser):
        group = parser.add_mutually_exclusive_group(required=True)
        group.add_argument("--all", action="store_true", help="every catalogue source")
        group.add_argument("--source", help="one registered source by slug")
        group.add_argument("--path", help="a folder (path or URL) named after its source slug")
        parser.add_argument(
            "--release-date",
            type=date.fromisoformat,
            help="YYYY-MM-DD: the day a backfilled file was observed; the release date only where the metadata "
            "gives none or one the evidence contradicts (see README, Ingestion)",
        )

    def handle(self, *args, all, source, path, release_date, **options):
        if all:
            jobs = [(s, "") for s in register_catalogue_sources()]
        elif source:
            found = Source.objects.filter(slug=source).first()
            if found is None:
                raise CommandError(f"no source {source!r}; use --path to register one")
            jobs = [(found, "")]
        else:
            slug = Path(path.rstrip("/")).name if not http.is_url(path) else path.rstrip("/").rsplit("/", 1)[-1]
            jobs = [(register_source(slug=slug), path)]
        failed = 0
        for index, (item, location) in enumerate(jobs, 1):
            if sys.stderr.isatty():
                sys.stderr.write(f"\r[{index}/{len(jobs)}] {item.slug:<70}")
            outcome = self._ingest(item, location, release_date)
            failed += outcome.status in (IngestStatus.QUARANTINED, IngestStatus.FAILED)
            self.stdout.write(outcome.line())
        if sys.stderr.isatty():
            sys.stderr.write("\n")
        if failed:
            raise CommandError(f"{failed} source(s) quarantined or failed")

    def _ingest(self, source, location, release_date) -> Outcome:
        try:
            return ingest_source(source=source, location=location, release_date=release_date)
        except TransientSourceError as exc:
            return Outcome(
                source.slug, IngestStatus.FAILED, message=f"(temporary, will be retried by the scheduler) {exc}"
            )
