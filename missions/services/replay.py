"""Rebuild a source's vintages from its stored raw releases, in release-date order.

Used when a release older than those already stored arrives (a backfilled vintage): the observation table is a
derived index of the immutable raw releases, so replaying them in publisher order gives the right chain.
"""

from missions.ingestion.base import Connector
from missions.ingestion.registry import get_connector
from missions.ingestion.validation import validate
from missions.models import Observation, Source
from missions.selectors.observations import CURRENT, REPLACED
from missions.services.release_dates import CHAIN, CHAIN_ORDER
from missions.services.release_files import read_release_files
from missions.services.vintages import save_counts, store_release_rows


def replay_source(*, source: Source, connector: Connector | None = None) -> int:
    """Drop and re-derive the source's observations from its stored releases; return how many were replayed."""
    Observation.objects.filter(CURRENT | REPLACED, indicator__source=source).delete()  # both key indexes
    releases = list(source.releases.filter(status__in=CHAIN).order_by(*CHAIN_ORDER))
    connector = connector or get_connector(source.connector)
    for release in releases:
        parsed = connector.parse(slug=source.slug, files=read_release_files(release))
        changes, _ = store_release_rows(source=source, release=release, checked=validate(parsed))
        save_counts(release=release, changes=changes)
    return len(releases)
