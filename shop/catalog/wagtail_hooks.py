"""VAT classes and rates in the Wagtail admin, so staff configure reduced classes and enter a
rate change ahead of its date without a deploy."""

from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from .models import VatClass, VatRate


class VatClassViewSet(SnippetViewSet):
    model = VatClass
    icon = "tag"
    list_display = ["code", "name"]


class VatRateViewSet(SnippetViewSet):
    model = VatRate
    icon = "calculator"
    list_display = ["country", "vat_class", "rate", "valid_from"]
    list_filter = ["country", "vat_class"]


class VatViewSetGroup(SnippetViewSetGroup):
    items = (VatClassViewSet, VatRateViewSet)
    menu_label = "VAT"
    menu_icon = "calculator"


register_snippet(VatViewSetGroup)
