from django.urls import path

from reports import views

app_name = "reports"
urlpatterns = [
    path("reports/", views.archive, name="archive"),
    path("reports/<slug:series>/", views.latest_version, name="series"),
    path("reports/<slug:series>/v<int:version>/", views.detail, name="detail"),
    path("reports/<slug:series>/v<int:version>/<path:name>", views.artefact, name="artefact"),
    path("staff/reports/<int:pk>/<path:name>", views.preview, name="preview"),
]
