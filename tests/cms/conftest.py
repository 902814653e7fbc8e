from tests.shop.conftest import _media, clothes  # noqa: F401  (the same catalogue fixtures)
