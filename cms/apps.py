from django.apps import AppConfig


class CmsConfig(AppConfig):
    """Wagtail content shared by every domain: the home page, StreamField blocks, image sizes and
    the Wagtail pages API (v2)."""

    name = "cms"
