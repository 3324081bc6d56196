"""Which connector reads which kind of source, and facts about known sources. Pure: no Django."""

from datetime import date

from missions.ingestion.manual import ManualConnector
from missions.ingestion.ons_els import OnsElsConnector

CONNECTORS = {"ons_els": OnsElsConnector, "manual": ManualConnector}

# Ofcom coverage files carry only their latest date: their history is the sequence of releases, and a period
# missing from a later release has not been withdrawn.
SNAPSHOT_SOURCES = frozenset(
    {"gigabit-capable-broadband", "network-coverage-4g", "network-coverage-5g", "premises-below-30"}
)


def get_connector(kind: str):
    """Return a connector instance for a source's connector kind."""
    try:
        return CONNECTORS[kind]()
    except KeyError:
        raise ValueError(f"no connector for {kind!r}; known: {', '.join(sorted(CONNECTORS))}") from None


def history_kind_for(slug: str) -> str:
    return "snapshot" if slug in SNAPSHOT_SOURCES else "full"


def choose_release_date(*, published: tuple[date, ...], supplied: date | None, fetched_on: date) -> tuple[date, str]:
    """Return the release date to order this release by, and why it was chosen."""
    if supplied:
        return supplied, "supplied with --release-date"
    if len(published) == 1:
        return published[0], "metadata sourceDate"
    if published:
        listed = ", ".join(d.isoformat() for d in published)
        return published[-1], f"metadata lists several sourceDates ({listed}); the latest is used"
    return fetched_on, "no sourceDate in the metadata: the fetch date is used"
