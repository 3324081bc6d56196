"""Staff sign-in: the client's address behind the proxy (for django-axes) and a password rule Django lacks."""

from django.conf import settings
from django.contrib.auth.password_validation import CommonPasswordValidator
from django.core.exceptions import ValidationError


def client_address(request) -> str:
    """Return the client's address: REMOTE_ADDR, or the NUM_PROXIES-th X-Forwarded-For entry from the right."""
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR")
    if not settings.NUM_PROXIES or not forwarded:
        return request.META.get("REMOTE_ADDR", "")
    addresses = [a.strip() for a in forwarded.split(",")]
    # Entries further left than our own proxies' are whatever the client chose to send.
    return addresses[-min(settings.NUM_PROXIES, len(addresses))]


class RepeatedPasswordValidator:
    """Refuse a password that is one short piece repeated (passwordpassword, abcabcabcabc)."""

    def validate(self, password, user=None):
        lowered = password.lower()
        for size in range(1, len(lowered) // 2 + 1):
            piece = lowered[:size]
            if len(lowered) % size == 0 and piece * (len(lowered) // size) == lowered:
                common = lowered[:size] in CommonPasswordValidator().passwords
                reason = "a common password repeated" if common else "one short piece repeated"
                raise ValidationError(f"This password is {reason}.", code="password_repeated")

    def get_help_text(self):
        return "Your password can't be one short word or pattern repeated."
