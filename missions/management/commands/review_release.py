from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management.base import BaseCommand, CommandError

from missions.management.commands._release_args import add_release_arguments, get_release, get_user
from missions.models import Release
from missions.services.review import accept_with_held_back, reject_release


class Command(BaseCommand):
    help = "Review a quarantined release as USER: --accept --hold-back (rows in error held back) or --reject."

    def add_arguments(self, parser):
        add_release_arguments(parser)
        decision = parser.add_mutually_exclusive_group(required=True)
        decision.add_argument("--accept", action="store_true", help="accept, holding back the rows in error")
        decision.add_argument("--reject", action="store_true")
        parser.add_argument("--hold-back", action="store_true", help="required with --accept: say it out loud")
        parser.add_argument("--reason", required=True)

    def handle(self, *args, release, source, username, if_present, accept, reject, hold_back, reason, **options):
        if accept and not hold_back:
            raise CommandError("--accept needs --hold-back: rows in error are never stored as values")
        chosen = get_release(release=release, source=source, status=Release.Status.QUARANTINED, if_present=if_present)
        if chosen is None:
            self.stdout.write(f"{source or release}: no {Release.Status.QUARANTINED.value} release; nothing to do")
            return
        service = accept_with_held_back if accept else reject_release
        try:
            done = service(release=chosen, user=get_user(username), reason=reason)
        except (PermissionDenied, ValidationError) as exc:
            raise CommandError("; ".join(getattr(exc, "messages", [str(exc)]))) from exc
        held = done.held_back.count()
        self.stdout.write(f"{done.source.slug}: release {done.pk} {done.status} ({held} row(s) held back)")
