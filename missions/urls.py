"""Public pages of the missions monitor. tracker.urls adds the home and mission pages (reports.public_pages) to this
namespace, as they show the latest report beside the assessments."""

from django.urls import path

from missions.views import areas, coverage, downloads, pages

app_name = "missions"
urlpatterns = [
    path("metrics/<slug:slug>/", pages.metric_detail, name="metric"),
    path("metrics/<slug:slug>/data.csv", downloads.metric_csv, name="metric-csv"),
    path("areas/", areas.area_search, name="areas"),
    path("areas/compare/", areas.area_compare, name="area-compare"),
    path("areas/<str:code>/", areas.area_detail, name="area"),
    path("areas/<str:code>/charts/<slug:slug>.svg", areas.area_chart, name="area-chart"),
    path("methodology/", pages.methodology, name="methodology"),
    path("methodology/compare/", pages.methodology_compare, name="methodology-compare"),
    path("methodology/<int:version>/", pages.methodology, name="methodology-version"),
    path("data/", pages.data, name="data"),
    path("coverage/", coverage.coverage, name="coverage"),
    path("data/all.zip", downloads.download_all, name="download-all"),
    path("accessibility/", pages.accessibility, name="accessibility"),
    path("licence/", pages.licence, name="licence"),
    path("healthz", pages.healthz, name="healthz"),
]
