"""Sign-in hardening and production settings."""

import os
import subprocess
import sys
from datetime import timedelta
from pathlib import Path

import pytest
import time_machine
from axes.helpers import get_client_ip_address
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.utils import timezone

pytestmark = pytest.mark.django_db
ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
def staff_user(django_user_model):
    return django_user_model.objects.create_user(username="editor", password="correct-horse-battery", is_staff=True)


def sign_in(client, password, address="10.1.1.1", **extra):
    return client.post("/admin/login/", {"username": "editor", "password": password}, REMOTE_ADDR=address, **extra)


def test_ten_failures_lock_the_username_from_every_address(staff_user, client):
    for n in range(10):
        sign_in(client, "wrong", address=f"10.9.9.{n}")
    assert sign_in(client, "correct-horse-battery", address="10.2.2.2").status_code == 429


def test_the_lock_ends_fifteen_minutes_after_the_tenth_failure_however_many_follow(staff_user, client):
    start = timezone.now()
    with time_machine.travel(start, tick=False) as clock:
        for _ in range(10):
            sign_in(client, "wrong")
        for _ in range(14):  # an attacker keeps trying every minute
            clock.shift(timedelta(minutes=1))
            assert sign_in(client, "wrong").status_code == 429
        clock.shift(timedelta(minutes=1, seconds=1))
        assert sign_in(client, "correct-horse-battery").status_code == 302


def test_a_trusted_address_signs_in_while_the_username_is_locked(staff_user, client, settings):
    settings.AXES_IP_WHITELIST, settings.AXES_NEVER_LOCKOUT_WHITELIST = ["192.0.2.10"], True
    for _ in range(10):
        sign_in(client, "wrong", address="198.51.100.7")
    assert sign_in(client, "correct-horse-battery", address="198.51.100.7").status_code == 429
    assert sign_in(client, "correct-horse-battery", address="192.0.2.10").status_code == 302


@pytest.mark.parametrize(
    ("proxies", "forwarded", "expected"),
    [
        (0, "203.0.113.9", "10.0.0.1"),  # no proxy: the header is the client's own word
        (1, "203.0.113.9", "203.0.113.9"),
        (1, "6.6.6.6, 203.0.113.9", "203.0.113.9"),  # a forged entry on the left is ignored
        (2, "6.6.6.6, 203.0.113.9, 10.0.0.5", "203.0.113.9"),
        (1, None, "10.0.0.1"),
    ],
)
def test_the_lockout_sees_the_client_behind_the_proxy_not_the_proxy(settings, rf, proxies, forwarded, expected):
    settings.NUM_PROXIES = proxies
    extra = {"HTTP_X_FORWARDED_FOR": forwarded} if forwarded else {}
    request = rf.post("/admin/login/", REMOTE_ADDR="10.0.0.1", **extra)
    assert get_client_ip_address(request) == expected


def test_a_trusted_address_behind_the_proxy_is_the_forwarded_one(staff_user, client, settings):
    settings.NUM_PROXIES = 1
    settings.AXES_IP_WHITELIST, settings.AXES_NEVER_LOCKOUT_WHITELIST = ["192.0.2.10"], True
    forged = "192.0.2.10, 6.6.6.6"  # an outsider at 6.6.6.6 claims the trusted address; the proxy appends the real one
    for _ in range(10):
        sign_in(client, "wrong", address="10.0.0.1", HTTP_X_FORWARDED_FOR=forged)
    assert sign_in(client, "correct-horse-battery", address="10.0.0.1", HTTP_X_FORWARDED_FOR=forged).status_code == 429
    trusted = sign_in(client, "correct-horse-battery", address="10.0.0.1", HTTP_X_FORWARDED_FOR="192.0.2.10")
    assert trusted.status_code == 302


def test_a_staff_session_lasts_a_working_day(staff_user, client):
    client.force_login(staff_user)
    assert 8 * 3600 <= client.session.get_expiry_age() <= 10 * 3600


@pytest.mark.parametrize(
    "password", ["passwordpassword", "abcabcabcabc", "tidal.orchard@example", "short-pass", "password1234"]
)
def test_weak_passwords_are_refused(staff_user, password):
    staff_user.email = "tidal.orchard@example.org"  # too like the password: the similarity check
    with pytest.raises(ValidationError):
        validate_password(password, user=staff_user)


def test_a_long_unrelated_passphrase_is_accepted(staff_user):
    validate_password("tidal-orchard-copper-lantern", user=staff_user)


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
