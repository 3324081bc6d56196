"""Sign-in hardening and production settings."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.django_db
ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
def staff_user(django_user_model):
    return django_user_model.objects.create_user(username="editor", password="correct-horse-battery", is_staff=True)


def test_five_failures_lock_the_account_for_that_address(staff_user, client):
    for _ in range(5):
        response = client.post("/admin/login/", {"username": "editor", "password": "wrong"}, REMOTE_ADDR="10.1.1.1")
        assert response.status_code in (200, 429)
    locked = client.post(
        "/admin/login/", {"username": "editor", "password": "correct-horse-battery"}, REMOTE_ADDR="10.1.1.1"
    )
    assert locked.status_code == 429
    other = client.post(
        "/admin/login/", {"username": "editor", "password": "correct-horse-battery"}, REMOTE_ADDR="10.2.2.2"
    )
    assert other.status_code == 302  # keyed on username and address together


def test_with_two_factor_on_an_unverified_staff_user_cannot_reach_the_admin(staff_user, client, settings):
    settings.ADMIN_REQUIRE_OTP = True
    client.force_login(staff_user)
    response = client.get("/admin/")
    assert response.status_code == 302 and "/admin/login/" in response["Location"]
    login = client.get("/admin/login/")
    assert "otp_token" in login.content.decode()


def test_a_verified_staff_user_reaches_the_admin(staff_user, client, settings):
    from django_otp.oath import totp
    from django_otp.plugins.otp_totp.models import TOTPDevice

    settings.ADMIN_REQUIRE_OTP = True
    device = TOTPDevice.objects.create(user=staff_user, name="phone", confirmed=True)
    code = f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits):06d}"
    response = client.post(
        "/admin/login/?next=/admin/",
        {
            "username": "editor",
            "password": "correct-horse-battery",
            "otp_device": device.persistent_id,
            "otp_token": code,
        },
    )
    assert response.status_code == 302
    assert client.get("/admin/").status_code == 200


@pytest.mark.parametrize(
    "env",
    [
        {"DJANGO_PRODUCTION": "true"},
        {"DJANGO_PRODUCTION": "true", "DJANGO_SECRET_KEY": "k" * 60, "DJANGO_DEBUG": "true"},
    ],
)
def test_production_refuses_to_start_with_the_default_key_or_debug(env):
    clean = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")} | env
    result = subprocess.run([sys.executable, "manage.py", "check"], cwd=ROOT, env=clean, capture_output=True, text=True)
    assert result.returncode != 0 and "production needs DJANGO_SECRET_KEY" in result.stderr


def test_pages_carry_a_content_security_policy_without_unsafe_inline(client):
    policy = client.get("/accessibility/")["Content-Security-Policy"]
    assert "default-src 'self'" in policy and "unsafe-inline" not in policy
