"""Public mission pages (the public site issue fills these in)."""

from django.urls import path

from missions import views

app_name = "missions"
urlpatterns = [
    path("", views.home, name="home"),
    path("healthz", views.healthz, name="healthz"),
]
