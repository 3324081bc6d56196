from missions.selectors.catalogue import list_missions_by_pillar
from missions.selectors.observations import list_observations_as_of, list_revision_history

__all__ = ["list_missions_by_pillar", "list_observations_as_of", "list_revision_history"]
