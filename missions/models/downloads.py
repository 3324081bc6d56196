"""Public download files, built once per data change by build_downloads and served as stored."""

from django.db import models


class Download(models.Model):
    """One built download (a metric's CSV or the zip of everything), with the hash that is its ETag."""

    name = models.CharField(max_length=120, unique=True, help_text="Public name, e.g. all.zip or <metric>.csv")
    file = models.FileField(upload_to="downloads/", max_length=255)
    content_type = models.CharField(max_length=100)
    sha256 = models.CharField(max_length=64)
    size = models.PositiveBigIntegerField()
    built_at = models.DateTimeField()

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name
