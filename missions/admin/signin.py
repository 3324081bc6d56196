"""Sign-in records (django-axes): the Auditor may read them; clearing them needs the delete permission."""

from axes.admin import AccessAttemptAdmin
from axes.models import AccessAttempt
from django.contrib import admin
from django.utils import timezone


class GuardedAccessAttemptAdmin(AccessAttemptAdmin):
    # django-axes offers this action to anyone who may view the attempts.
    @admin.action(description="Clean up expired attempts", permissions=["delete"])
    def cleanup_expired_attempts(self, request, queryset):
        request.axes_attempt_time = timezone.now()  # axes sets it on sign-in requests only; its clean-up reads it
        return super().cleanup_expired_attempts(request, queryset)


admin.site.unregister(AccessAttempt)
admin.site.register(AccessAttempt, GuardedAccessAttemptAdmin)
