"""The body blocks of a policy page: headings, paragraphs and lists, nothing else.

Each block renders itself as one clean top-level HTML element (``<h2>``, ``<p>``, ``<ul>``/``<ol>``)
without wrapper ``<div>``s or templates, so the frozen ``body_html`` is small, stable across
processes and can be split back into blocks for the "what changed" diff.
"""

from django.utils.html import format_html, format_html_join
from wagtail import blocks

PARAGRAPH_FEATURES = ["bold", "italic", "link"]


class HeadingBlock(blocks.CharBlock):
    def render_basic(self, value, context=None):
        return format_html("<h2>{}</h2>", value)

    class Meta:
        icon = "title"


class BulletListBlock(blocks.ListBlock):
    tag = "ul"

    def __init__(self, child_block=None, **kwargs):
        super().__init__(child_block or blocks.CharBlock(), **kwargs)

    def render_basic(self, value, context=None):
        items = format_html_join("", "<li>{}</li>", ((item,) for item in value))
        return format_html("<{}>{}</{}>", self.tag, items, self.tag)

    class Meta:
        icon = "list-ul"


class NumberedListBlock(BulletListBlock):
    tag = "ol"

    class Meta:
        icon = "list-ol"


class PolicyBodyBlock(blocks.StreamBlock):
    heading = HeadingBlock(max_length=200)
    paragraph = blocks.RichTextBlock(features=PARAGRAPH_FEATURES)
    bullets = BulletListBlock()
    numbered = NumberedListBlock()
