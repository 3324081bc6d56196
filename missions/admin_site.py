"""The admin site: staff must have verified a TOTP device when ADMIN_REQUIRE_OTP is on."""

from django.conf import settings
from django.contrib import admin
from django.contrib.admin.forms import AdminAuthenticationForm
from django_otp.admin import OTPAdminAuthenticationForm

OTP_LOGIN_TEMPLATE = "otp/admin111/login.html"  # django-otp's admin login page, with the token field


class MonitorAdminSite(admin.AdminSite):
    site_header = "Levelling Up Missions Monitor: administration"
    site_title = "Monitor admin"

    def has_permission(self, request):
        verified = not settings.ADMIN_REQUIRE_OTP or request.user.is_verified()
        return super().has_permission(request) and verified

    def login(self, request, extra_context=None):
        otp = settings.ADMIN_REQUIRE_OTP
        self.login_form = OTPAdminAuthenticationForm if otp else AdminAuthenticationForm
        self.login_template = OTP_LOGIN_TEMPLATE if otp else None
        return super().login(request, extra_context)
