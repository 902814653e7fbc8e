"""Shipping in the Wagtail admin: methods (per country, with prices) are edited by staff; pickup
points come from the carriers' files (``import_pickup_points``) and are only looked at."""

from django.utils.translation import gettext_lazy
from wagtail import hooks
from wagtail.admin.viewsets.model import ModelViewSet, ModelViewSetGroup
from wagtail.permission_policies import ModelPermissionPolicy

from .models import PickupPoint, ShippingMethod


class ViewOnlyPolicy(ModelPermissionPolicy):
    def user_has_permission(self, user, action):
        return action == "view" and super().user_has_permission(user, action)

    def user_has_any_permission(self, user, actions):
        return any(self.user_has_permission(user, action) for action in actions)


class ShippingMethodViewSet(ModelViewSet):
    model = ShippingMethod
    icon = "site"
    menu_label = gettext_lazy("Shipping methods")
    copy_view_enabled = False
    list_display = ["name", "code", "carrier", "kind", "country", "net_price", "active"]
    list_filter = ["country", "carrier", "kind", "active"]
    form_fields = ["code", "name", "carrier", "kind", "country", "net_price", "active", "sort_order"]


class PickupPointViewSet(ModelViewSet):
    model = PickupPoint
    icon = "pick"
    menu_label = gettext_lazy("Pickup points")
    copy_view_enabled = False
    list_display = ["name", "carrier", "external_id", "city", "country", "active"]
    list_filter = ["carrier", "country", "active"]
    search_fields = ["name", "city", "postcode", "external_id"]
    form_fields = ["active"]

    def get_common_view_kwargs(self, **kwargs):
        return super().get_common_view_kwargs(permission_policy=ViewOnlyPolicy(PickupPoint), **kwargs)


class ShippingGroup(ModelViewSetGroup):
    menu_label = gettext_lazy("Shipping")
    menu_icon = "site"
    menu_order = 160
    items = (ShippingMethodViewSet("shipping_methods"), PickupPointViewSet("pickup_points"))


@hooks.register("register_admin_viewset")
def register_shipping_views():
    return ShippingGroup()
