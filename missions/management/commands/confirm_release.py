from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management.base import BaseCommand, CommandError

from missions.management.commands._release_args import add_release_arguments, get_release, get_user
from missions.models import Release
from missions.services.review import confirm_release


class Command(BaseCommand):
    help = "Confirm a pending release (reviewed or entered by someone else) as USER, making it current."

    def add_arguments(self, parser):
        add_release_arguments(parser)

    def handle(self, *args, release, source, username, if_present, **options):
        chosen = get_release(release=release, source=source, status=Release.Status.PENDING, if_present=if_present)
        if chosen is None:
            self.stdout.write(f"{source or release}: no {Release.Status.PENDING.value} release; nothing to do")
            return
        try:
            outcome = confirm_release(release=chosen, user=get_user(username))
        except (PermissionDenied, ValidationError) as exc:
            raise CommandError("; ".join(getattr(exc, "messages", [str(exc)]))) from exc
        self.stdout.write(outcome.line())
