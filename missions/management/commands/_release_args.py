"""Shared arguments of the release review commands: which release, and as whom (the same checks as the admin)."""

from django.contrib.auth import get_user_model
from django.core.management.base import CommandError

from missions.models import Release


def add_release_arguments(parser) -> None:
    which = parser.add_mutually_exclusive_group(required=True)
    which.add_argument("--release", type=int, help="a release id")
    which.add_argument("--source", help="a source slug: its latest release awaiting this step")
    parser.add_argument("--as", dest="username", required=True, help="the user acting (their permissions apply)")
    parser.add_argument("--if-present", action="store_true", help="succeed quietly when no release awaits this step")


def get_user(username: str):
    user = get_user_model().objects.filter(username=username).first()
    if user is None:
        raise CommandError(f"no user {username!r}")
    return user


def get_release(*, release: int | None, source: str | None, status: str, if_present: bool = False) -> Release | None:
    found = Release.objects.filter(status=status)
    found = found.filter(pk=release) if release else found.filter(source__slug=source)
    chosen = found.order_by("-release_date", "-id").first()
    if chosen is None and not if_present:
        raise CommandError(f"no {status} release {release or 'of ' + str(source)}")
    return chosen
