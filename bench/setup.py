"""Point Django at a fresh PostgreSQL database for a benchmark run."""

import os
import sys
from pathlib import Path

import psycopg

ROOT = Path(__file__).resolve().parent.parent


def fresh_database(name: str) -> None:
    """Drop and recreate database `name`, point Django at it and migrate."""
    admin = os.environ.get("BENCH_ADMIN_URL", "postgres:///postgres")
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}"')
        conn.execute(f'CREATE DATABASE "{name}"')
    os.environ["DATABASE_URL"] = f"{admin.rsplit('/', 1)[0]}/{name}"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tracker.settings")
    sys.path.insert(0, str(ROOT))
    import django
    from django.core.management import call_command

    django.setup()
    call_command("migrate", verbosity=0)
