"""The report's quality bar (issue 13, section 5): page numbers, a linked contents list whose page numbers are
right, the publication date, the method version, the data cut-off, and a source under every chart."""

import io
import re

import pytest
from pypdf import PdfReader

pytestmark = pytest.mark.django_db


def test_the_report_pdf_and_html_carry_page_numbers_contents_dates_method_and_sources(hle_published):
    report = hle_published  # its PDF is rendered when it is scheduled, with its publication date
    missions = [m["number"] for m in report.snapshot["missions"]]
    reader = PdfReader(io.BytesIO(bytes(report.artefacts.get(name="report.pdf").content)))
    texts = [re.sub(r"\s+", " ", page.extract_text()) for page in reader.pages]
    total = len(texts)
    assert all(f"page {n} of {total}" in text for n, text in enumerate(texts, start=1))
    for needed in (
        "Publication date 24 November 2026",
        "Data cut-off Data as published on 30 June 2026",
        "Method version 2",
    ):
        assert needed in texts[0], needed

    contents = next(n for n, text in enumerate(texts) if text.startswith("Contents"))
    links = {a.get_object().get("/Dest") for a in reader.pages[contents].get("/Annots", [])}
    assert {f"mission-{n}" for n in missions} | {"summary", "sources", "coverage"} <= links
    destinations = reader.named_destinations
    for number in missions:
        page = reader.get_destination_page_number(destinations[f"mission-{number}"]) + 1
        assert re.search(rf"Mission {number}: [^\d]+ {page} ", texts[contents]), (number, page)  # the page it names
        assert f"Mission {number}:" in texts[page - 1]

    html = bytes(report.artefacts.get(name="report.html").content).decode()
    figures = re.findall(r"<figure.*?</figure>", html, re.S)
    assert figures and all("Source: " in f for f in figures)
    assert all(f'href="#mission-{n}"' in html and f'id="mission-{n}"' in html for n in missions)


def _link_targets(pdf: bytes) -> set[str]:
    reader = PdfReader(io.BytesIO(pdf))
    annotations = [a.get_object() for page in reader.pages for a in page.get("/Annots", [])]
    return {a["/A"]["/URI"] for a in annotations if "/A" in a and "/URI" in a["/A"]}


def test_a_pdfs_links_point_to_the_public_site_not_to_local_files(settings):
    from reports.render import render_pdf

    settings.PUBLIC_SITE_URL = "https://monitor.example.org/"
    pdf = render_pdf('<p>Method version 2 (<a href="/methodology/2/">methodology</a>)</p>')
    assert _link_targets(pdf) == {"https://monitor.example.org/methodology/2/"}
