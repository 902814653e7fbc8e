import pytest
from django.core.cache import cache

from tests.contract import ContractClient

# Builders shared across test packages (policy pages are needed by accounts and privacy tests too).
pytest_plugins = ["tests.policies.fixtures"]


@pytest.fixture(autouse=True)
def _clear_cache():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture(autouse=True)
def _fake_carrier():
    """The tests' carrier (``FakeTransport``) keeps its sends and failures on the class: each test
    starts and ends with none, so failures one test asked for never reach the next one (a test
    that left two made a later test's hand-off fail, depending on how pytest-xdist ordered them)."""
    from shop.shipping.carriers import FakeTransport

    FakeTransport.sent.clear()
    FakeTransport.fail_next = 0
    yield
    FakeTransport.sent.clear()
    FakeTransport.fail_next = 0


@pytest.fixture
def api_client() -> ContractClient:
    return ContractClient()


@pytest.fixture
def user(db):
    from tests.factories import UserFactory

    return UserFactory(email="shopper@example.com")


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


@pytest.fixture(scope="session")
def _migrated_data(django_db_setup, django_db_blocker) -> str:
    """The migrations' data (locales, root page, VAT rates, groups), captured once before the first
    transactional test, content types first so that restoring never has to invent them.

    Transactional tests (live server, threads) commit for real and are flushed afterwards.
    Django's serialized_rollback would restore the data, but once Playwright's sync API
    (greenlets) has run, the connection the next test sees has lost Django's serialized copy, so
    we keep our own and restore it with ``restore_migrated_data``."""
    from django.apps import apps
    from django.contrib.auth.models import Permission
    from django.contrib.contenttypes.models import ContentType
    from django.core import serializers

    first = [ContentType, Permission]

    def objects():
        for model in first:
            yield from model._base_manager.order_by("pk")
        for model in apps.get_models():
            if model in first or not model._meta.managed or model._meta.proxy:
                continue
            yield from model._base_manager.order_by("pk")

    with django_db_blocker.unblock():
        return serializers.serialize("json", objects())


@pytest.fixture
def restore_migrated_data(_migrated_data, transactional_db):
    """For transactional tests: start from the migrated data even after an earlier one flushed."""
    from django.contrib.auth.models import Permission
    from django.contrib.contenttypes.models import ContentType
    from django.db import connection
    from wagtail.models import Page

    if not Page.objects.exists():
        # The flush re-created content types and permissions (post_migrate), maybe with other ids.
        Permission.objects.all().delete()
        ContentType.objects.all().delete()
        ContentType.objects.clear_cache()
        connection.creation.deserialize_db_from_string(_migrated_data)
