from django.apps import AppConfig
from django.contrib.admin import apps as admin_apps


class MissionsConfig(AppConfig):
    name = "missions"
    verbose_name = "Missions"
    default = True

    def ready(self):
        from missions import signals

        signals.connect()


class MonitorAdminConfig(admin_apps.AdminConfig):
    """The admin, with the monitor's site: two-factor sign-in for staff when ADMIN_REQUIRE_OTP is on."""

    default = False
    default_site = "missions.admin_site.MonitorAdminSite"
