"""The home page, the one page type every domain hangs its pages below. The storefront is headless:
pages are content for the API, and Wagtail's own rendering is used for previews. Domain page types
live with their domain (product pages in ``shop.catalog.pages``, policy pages in ``policies``)."""

from wagtail.admin.panels import FieldPanel
from wagtail.api import APIField
from wagtail.fields import RichTextField
from wagtail.models import Page


class HomePage(Page):
    """The root of each locale's tree; categories, products and policies live below it."""

    intro = RichTextField(blank=True, features=["bold", "italic", "link"])

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    api_fields = [APIField("intro")]
    max_count_per_parent = 1
    parent_page_types = ["wagtailcore.Page"]

    class Meta:
        verbose_name = "home page"
