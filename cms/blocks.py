"""StreamField blocks for product copy. Deliberately text-only: images belong in the page's
gallery (with alt texts and renditions), so rendering a body never touches the image tables and
the product API's query count stays constant."""

from django.utils.html import format_html, format_html_join
from wagtail import blocks

RICH_TEXT_FEATURES = ["bold", "italic", "link", "ol", "ul"]


class HeadingBlock(blocks.CharBlock):
    def render_basic(self, value, context=None):
        return format_html("<h2>{}</h2>", value) if value else ""

    class Meta:
        icon = "title"
        form_classname = "title"


class SpecificationBlock(blocks.StructBlock):
    label = blocks.CharBlock(max_length=80)
    value = blocks.CharBlock(max_length=200)


class SpecificationsBlock(blocks.ListBlock):
    """Label/value pairs (material, size, care) rendered as a definition list."""

    def __init__(self, **kwargs):
        super().__init__(SpecificationBlock(), **kwargs)

    def render_basic(self, value, context=None):
        rows = format_html_join("", "<dt>{}</dt><dd>{}</dd>", ((item["label"], item["value"]) for item in value))
        return format_html("<dl>{}</dl>", rows)

    class Meta:
        icon = "list-ul"


class ProductBodyBlock(blocks.StreamBlock):
    heading = HeadingBlock()
    paragraph = blocks.RichTextBlock(features=RICH_TEXT_FEATURES)
    specifications = SpecificationsBlock()
    quote = blocks.BlockQuoteBlock()
