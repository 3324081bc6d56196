from django.urls import path

from reports import staff_views, summary_views, views
from reports.feeds import CorrectionsFeed, PublicationsFeed

app_name = "reports"
urlpatterns = [
    path("reports/", views.archive, name="archive"),
    path("reports/feed.atom", PublicationsFeed(), name="feed"),
    path("corrections/", views.corrections, name="corrections"),
    path("corrections/feed.atom", CorrectionsFeed(), name="corrections-feed"),
    path("calendar/", views.calendar, name="calendar"),
    path("calendar.ics", views.calendar_ics, name="calendar-ics"),
    path("reports/<slug:series>/", views.latest_version, name="series"),
    path("reports/<slug:series>/v<int:version>/", views.detail, name="detail"),
    path("reports/<slug:series>/v<int:version>/<path:name>", views.artefact, name="artefact"),
    path("missions/<slug:slug>/summary/", summary_views.mission_summary, name="mission-summary"),
    path("missions/<slug:slug>/summary.pdf", summary_views.mission_summary_pdf, name="mission-summary-pdf"),
    path("areas/<str:code>/summary/", summary_views.area_summary, name="area-summary"),
    path("areas/<str:code>/summary.pdf", summary_views.area_summary_pdf, name="area-summary-pdf"),
    path("staff/reports/<int:pk>/commentary/", staff_views.commentary, name="commentary"),
    path("staff/reports/<int:pk>/diff/", staff_views.diff, name="diff"),
    path("staff/reports/<int:pk>/<path:name>", views.preview, name="preview"),
]
