"""Which connector reads which kind of source, and facts about known sources. Pure: no Django."""

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
