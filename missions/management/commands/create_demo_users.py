import secrets

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand

DEMO_USERS = {
    "admin": None,  # superuser
    "editor": "Target editor",
    "analyst": "Analyst",
    "approver": "Approver",
    "publisher": "Publisher",
    "auditor": "Auditor",
}


class Command(BaseCommand):
    help = "Create (or reset) one demo account per role and print the logins. For `make demo` only."

    def handle(self, *args, **options):
        for username, role in DEMO_USERS.items():
            password = secrets.token_urlsafe(12)
            user, _ = get_user_model().objects.get_or_create(username=username)
            user.is_staff = True
            user.is_superuser = role is None
            user.set_password(password)
            user.save()
            if role:
                user.groups.set([Group.objects.get(name=role)])
            self.stdout.write(f"{role or 'Superuser':<14} {username} / {password}")
