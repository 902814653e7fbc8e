from tests.shop.conftest import _media, clothes, homes  # noqa: F401  (the same catalogue fixtures)
