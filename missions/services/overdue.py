"""Tell the analysts which sources are overdue: their next expected release has passed with nothing new."""

from datetime import date

from django.contrib.auth import get_user_model
from django.core.mail import send_mail

from missions.selectors.coverage import list_coverage

ROLE = "Analyst"


def notify_overdue_sources(*, today: date) -> dict:
    """Email the Analyst group the overdue metrics' sources (one message); return what was found and sent."""
    overdue = [r for r in list_coverage(today=today) if r["overdue"]]
    users = get_user_model().objects.filter(groups__name=ROLE, is_active=True).exclude(email="")
    recipients = sorted(set(users.values_list("email", flat=True)))
    if overdue and recipients:
        lines = [
            f"- {r['name']} ({', '.join(r['sources'])}): last release {r['last_release']['release_date']}, "
            f"next expected {r['next_expected']}"
            for r in overdue
        ]
        body = f"As of {today}, {len(overdue)} metric(s) have an overdue source:\n\n" + "\n".join(lines)
        send_mail(f"Overdue sources: {len(overdue)}", body + "\n\nSee /coverage/.", None, recipients)
    return {"overdue": [r["metric"] for r in overdue], "emailed": recipients if overdue else []}
