from datetime import date

from django.core.management.base import BaseCommand

from missions.selectors.comparison import list_method_comparison

COLUMNS = "{target:<58} {old:<30} {new:<30} {why}"


class Command(BaseCommand):
    help = "Compare two method versions' stored assessments for every target (run assess --method for both first)."

    def add_arguments(self, parser):
        parser.add_argument("--as-of", type=date.fromisoformat, default=None, help="default: the latest assessed date")
        parser.add_argument("--old", type=int, default=1)
        parser.add_argument("--new", type=int, default=2)
        parser.add_argument("--figures", action="store_true", help="also print each version's key figures")
        parser.add_argument("--changed", action="store_true", help="only targets whose status differs")

    def handle(self, *args, as_of, old, new, figures, changed, **options):
        rows = list_method_comparison(as_of=as_of, old=old, new=new)
        heading = {"target": "metric [target]", "old": f"version {old}", "new": f"version {new}", "why": "why"}
        self.stdout.write(COLUMNS.format(**heading))
        for row in rows:
            if changed and not row["changed"]:
                continue
            breakdown = f" {row['breakdown']}" if row["breakdown"] else ""
            label = lambda side: side["label"] if side else "-"  # noqa: E731
            self.stdout.write(
                COLUMNS.format(
                    target=f"{row['metric']} [{row['target']}{breakdown}]"[:58],
                    old=label(row["old"])[:30],
                    new=label(row["new"])[:30],
                    why=("* " if row["changed"] else "") + row["why"],
                )
            )
            if figures:
                for name in ("old", "new"):
                    if row[name]:
                        self.stdout.write(f"    {name}: {row[name]['figures']}")
        differ = sum(1 for r in rows if r["changed"])
        self.stdout.write(f"{len(rows)} targets compared; {differ} statuses differ (marked *).")
