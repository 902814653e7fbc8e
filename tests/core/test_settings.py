"""Production settings: refuse to start without secrets; ``check --deploy`` is clean."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def manage(*args: str, **env: str) -> subprocess.CompletedProcess:
    clean_env = {
        k: v
        for k, v in os.environ.items()
        if k
        not in {
            "SECRET_KEY",
            "ALLOWED_HOSTS",
            "SUBJECT_REF_KEY",
            "FIELD_ENCRYPTION_KEY",
            "DATABASE_URL",
            "DJANGO_ALLOW_ASYNC_UNSAFE",
        }
    }
    clean_env.update(DJANGO_SETTINGS_MODULE="config.settings.production", **env)
    return subprocess.run(  # noqa: S603 - our own manage.py
        [sys.executable, "manage.py", *args], cwd=ROOT, env=clean_env, capture_output=True, text=True, timeout=120
    )


@pytest.mark.parametrize(
    ("missing", "env"), [("SECRET_KEY", {"ALLOWED_HOSTS": "shop.example"}), ("ALLOWED_HOSTS", {"SECRET_KEY": "k" * 60})]
)
def test_production_refuses_to_start_without(missing, env):
    result = manage("check", **env)
    assert result.returncode != 0
    assert f"The environment variable {missing} is required in production." in result.stderr


def test_check_deploy_is_clean_with_the_documented_environment():
    result = manage(
        "check",
        "--deploy",
        SECRET_KEY="s3cr3t-" + "x" * 60,
        ALLOWED_HOSTS="shop.example",
        SUBJECT_REF_KEY="r" * 40,
        FIELD_ENCRYPTION_KEY="ZmVybmV0LWtleS1mb3ItdGVzdHMtb25seS0wMDAwMDA=",
    )
    assert result.returncode == 0, result.stderr
    assert "System check identified no issues (0 silenced)." in result.stdout
    assert "WARNINGS" not in result.stdout + result.stderr


@pytest.mark.django_db
def test_security_headers_and_cookies_come_from_djangos_defaults(api_client, user):
    """base.py no longer repeats Django's defaults; this pins what they give every response."""
    response = api_client.post(
        "/api/v1/auth/login/", {"email": user.email, "password": "correct horse battery"}, format="json"
    )
    assert response.status_code == 200
    assert (response["X-Frame-Options"], response["X-Content-Type-Options"], response["Referrer-Policy"]) == (
        "DENY",
        "nosniff",
        "same-origin",
    )
    session = response.cookies["sessionid"]
    assert (session["httponly"], session["samesite"]) == (True, "Lax")


def test_unused_apps_are_not_installed():
    """django-filter (no filterset anywhere; Wagtail imports it without the app), Django's own
    admin (the Wagtail admin is the only one) and Wagtail's unused forms and settings contribs."""
    from django.apps import apps

    installed = {app.label for app in apps.get_app_configs()}
    assert installed.isdisjoint({"django_filters", "admin", "wagtailforms", "wagtailsettings"})
