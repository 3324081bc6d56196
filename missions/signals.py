"""Any saved or deleted catalogue object invalidates the public cache once the change commits.

A signal rather than a call in each service: catalogue objects change through the governance services, the admin,
the history views' reverts and the catalogue loader, and every one of them must reach the public pages at once.
"""

from django.db import transaction
from django.db.models.signals import post_delete, post_save

from missions.caching import bump_data_version
from missions.models import Framework, Metric, MetricSeries, Mission, Pillar, Target

CATALOGUE = (Framework, Pillar, Mission, Metric, MetricSeries, Target)


def invalidate_public_cache(sender, **kwargs) -> None:
    transaction.on_commit(bump_data_version)


def connect() -> None:
    for model in CATALOGUE:
        post_save.connect(invalidate_public_cache, sender=model, dispatch_uid=f"public-cache-{model.__name__}")
        post_delete.connect(invalidate_public_cache, sender=model, dispatch_uid=f"public-cache-del-{model.__name__}")
