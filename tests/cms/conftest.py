import pytest

from tests.shop.catalog import factories


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def homes(db):
    return factories.make_home()


@pytest.fixture
def clothes(homes):
    """A category "Vaatteet" (fi) translated to et and en."""
    fi = factories.make_category(homes["fi"], title="Vaatteet", slug="vaatteet", intro="Lämpimiä vaatteita")
    factories.translate(fi, "et", title="Riided", slug="riided")
    factories.translate(fi, "en", title="Clothes", slug="clothes")
    return fi
