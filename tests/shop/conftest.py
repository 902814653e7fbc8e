"""Fixtures shared by the shop tests; the builders behind them are in tests/factories.py."""

import pytest

from tests.factories import UserFactory, bearer_client


@pytest.fixture
def auth_client(user):
    return bearer_client(user)


@pytest.fixture
def other_user(db):
    return UserFactory(email="other@example.fi", password="another horse battery")


# --- catalogue ------------------------------------------------------------------------------------
# ``homes`` (a live home page per locale) comes from tests/policies/fixtures.py, loaded for all tests.


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def clothes(homes):
    """A category "Vaatteet" (fi) translated to et and en."""
    from tests.shop.catalog import factories

    fi = factories.make_category(homes["fi"], title="Vaatteet", slug="vaatteet", intro="Lämpimiä vaatteita")
    factories.translate(fi, "et", title="Riided", slug="riided")
    factories.translate(fi, "en", title="Clothes", slug="clothes")
    return fi
