"""Atom feeds of publications and corrections: published reports only."""

from django.contrib.syndication.views import Feed
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed

from reports.selectors import list_public_reports


class PublicationsFeed(Feed):
    feed_type = Atom1Feed
    title = "Levelling Up Missions Monitor: publications"
    subtitle = "Progress reports as they are published."

    def link(self):
        return reverse("reports:archive")

    def items(self):
        return list_public_reports()[:50]

    def item_title(self, item):
        return f"{item.title} (version {item.version})"

    def item_description(self, item):
        return item.correction_notice or f"Data as published on {item.as_of:%d %B %Y}."

    def item_link(self, item):
        return reverse("reports:detail", args=[item.series, item.version])

    def item_pubdate(self, item):
        return item.published_at

    def item_updateddate(self, item):
        return item.published_at


class CorrectionsFeed(PublicationsFeed):
    title = "Levelling Up Missions Monitor: corrections"
    subtitle = "Corrected versions of published reports, with what changed and why."

    def link(self):
        return reverse("reports:corrections")

    def items(self):
        return list_public_reports().exclude(correction_notice="")[:50]
