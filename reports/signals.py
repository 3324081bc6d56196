"""A report approved, scheduled or rescheduled changes the public calendar: invalidate the public cache on commit."""

from django.db import transaction
from django.db.models.signals import post_save

from missions.caching import bump_data_version
from reports.models import Report


def invalidate_public_cache(sender, instance: Report, **kwargs) -> None:
    if instance.status != Report.Status.DRAFT:  # drafts are never public
        transaction.on_commit(bump_data_version)


def connect() -> None:
    post_save.connect(invalidate_public_cache, sender=Report, dispatch_uid="public-cache-report")
