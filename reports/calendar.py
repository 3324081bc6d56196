"""The release calendar as iCalendar text (RFC 5545): one event per announced or published release."""

from datetime import UTC, timedelta

from django.utils import timezone


def _escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,").replace("\n", "\\n")


def _stamp(moment) -> str:
    return moment.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")


def ical(entries: list[dict], *, host: str) -> str:
    """Return a VCALENDAR of releases: each entry has id, when, summary, description."""
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//Levelling Up Missions Monitor//Release calendar//EN",
        "CALSCALE:GREGORIAN",
        "X-WR-CALNAME:Levelling Up Missions Monitor releases",
    ]
    now = _stamp(timezone.now())
    for entry in entries:
        lines += [
            "BEGIN:VEVENT",
            f"UID:release-{entry['id']}@{host}",
            f"DTSTAMP:{now}",
            f"DTSTART:{_stamp(entry['when'])}",
            f"DTEND:{_stamp(entry['when'] + timedelta(minutes=30))}",
            f"SUMMARY:{_escape(entry['summary'])}",
            f"DESCRIPTION:{_escape(entry['description'])}",
            "END:VEVENT",
        ]
    lines.append("END:VCALENDAR")
    return "\r\n".join(lines) + "\r\n"
