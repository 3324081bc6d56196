"""Any saved or deleted catalogue object invalidates the public cache once the change commits.

A signal rather than a call in each service: catalogue objects change through the governance services, the admin,
the history views' reverts and the catalogue loader, and every one of them must reach the public pages at once.
A governed change (the governance services' catalogue_changed) also queues a rebuild of the downloads.
"""

from django.db import transaction
from django.db.models.signals import post_delete, post_save

from missions.caching import bump_data_version
from missions.models import Framework, Metric, MetricSeries, Mission, Pillar, Target
from missions.services.governance import catalogue_changed
from missions.tasks import build_downloads_task

CATALOGUE = (Framework, Pillar, Mission, Metric, MetricSeries, Target)


def invalidate_public_cache(sender, **kwargs) -> None:
    transaction.on_commit(bump_data_version)


def queue_downloads_build(sender, **kwargs) -> None:
    """Rebuild the downloads after a governed catalogue change (sent on commit), as an assessment does."""
    build_downloads_task.delay()


def connect() -> None:
    catalogue_changed.connect(queue_downloads_build, dispatch_uid="downloads-after-catalogue-change")
    for model in CATALOGUE:
        post_save.connect(invalidate_public_cache, sender=model, dispatch_uid=f"public-cache-{model.__name__}")
        post_delete.connect(invalidate_public_cache, sender=model, dispatch_uid=f"public-cache-del-{model.__name__}")
