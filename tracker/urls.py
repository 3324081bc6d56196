"""Top-level URL wiring: admin, API (missions and reports on one router), public pages."""

from csp.decorators import csp_update
from django.contrib import admin
from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView
from rest_framework.routers import DefaultRouter

from missions import urls as missions_urls
from missions.api import views as api
from reports import public_pages
from reports.api import ReportViewSet

router = DefaultRouter()
router.register("missions", api.MissionViewSet)
router.register("metrics", api.MetricViewSet)
router.register("targets", api.TargetViewSet)
router.register("areas", api.AreaViewSet)
router.register("indicators", api.IndicatorViewSet)
router.register("observations", api.ObservationViewSet, basename="observation")
router.register("assessments", api.AssessmentViewSet)
router.register("releases", api.ReleaseViewSet)
router.register("coverage", api.CoverageViewSet, basename="coverage")
router.register("reports", ReportViewSet, basename="report")

# The home and mission pages show the latest report beside the assessments: composed in reports (missions never
# imports reports) and named in the missions namespace with the rest of the public pages.
public_pages_urls = [
    path("", public_pages.home, name="home"),
    path("missions/<slug:slug>/", public_pages.mission_detail, name="detail"),
    *missions_urls.urlpatterns,
]

urlpatterns = [
    path("admin/", admin.site.urls),
    path("api/schema/", SpectacularAPIView.as_view(), name="api-schema"),
    # Swagger UI sets element styles from its own script: inline styles (never scripts) allowed on this page only.
    path(
        "api/docs/",
        csp_update({"style-src": ["'unsafe-inline'"]})(SpectacularSwaggerSplitView.as_view(url_name="api-schema")),
        name="api-docs",
    ),
    path("api/", include(router.urls)),
    path("", include("reports.urls")),
    path("", include((public_pages_urls, missions_urls.app_name))),
]
handler404 = "missions.views.errors.not_found"
handler500 = "missions.views.errors.server_error"
