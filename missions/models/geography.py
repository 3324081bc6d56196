"""Statistical areas identified by GSS codes."""

from django.db import models


class Area(models.Model):
    code = models.CharField(max_length=12, unique=True)
    name = models.CharField(max_length=200)
    level = models.CharField(max_length=60, help_text="Derived from the code prefix.")
    parent = models.ForeignKey("self", null=True, blank=True, on_delete=models.SET_NULL, related_name="children")
    country = models.ForeignKey("self", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    successor = models.ForeignKey("self", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    first_year = models.PositiveSmallIntegerField(null=True, blank=True)
    last_year = models.PositiveSmallIntegerField(null=True, blank=True)

    class Meta:
        ordering = ["code"]

    def __str__(self):
        return f"{self.name} ({self.code})"

    @property
    def is_retired(self) -> bool:
        return self.last_year is not None
