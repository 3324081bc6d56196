from django.apps import AppConfig


class ReportsConfig(AppConfig):
    name = "reports"
    verbose_name = "Progress reports"

    def ready(self):
        from reports import signals

        signals.connect()
