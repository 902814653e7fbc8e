import pytest
from django.core.cache import cache
from rest_framework.test import APIClient

# Builders shared across test packages (policy pages are needed by accounts and privacy tests too).
pytest_plugins = ["tests.policies.fixtures"]


@pytest.fixture(autouse=True)
def _clear_cache():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def api_client() -> APIClient:
    return APIClient()


@pytest.fixture
def user(django_user_model):
    return django_user_model.objects.create_user(email="shopper@example.com", password="correct horse battery")


def pytest_collection_modifyitems(config, items):
    """``postgres`` tests run only against PostgreSQL (``.ci/run``); on SQLite they are skipped
    unless the run selected them explicitly, in which case a missing server must fail loudly."""
    import os

    database_url = os.environ.get("DATABASE_URL", "")
    if database_url.startswith(("postgres://", "postgresql://")):
        return
    skip = pytest.mark.skip(reason="needs PostgreSQL: set DATABASE_URL (see .ci/run)")
    for item in items:
        if "postgres" in item.keywords:
            item.add_marker(skip)


def prefer_english_admin(user):
    """Show the Wagtail admin to ``user`` in English: the shop's default language (Finnish) would
    otherwise translate the admin strings that tests look for."""
    from wagtail.users.models import UserProfile

    profile = UserProfile.get_for_user(user)
    profile.preferred_language = "en"
    profile.save()
    return user


@pytest.fixture
def admin_user(admin_user):
    return prefer_english_admin(admin_user)
