"""Staff order management in the Wagtail admin: a read-only order list, and a page per order with
its lines, status history and a form that changes the status through ``order_set_status`` (so
stock and the history follow), plus recording a refund. Needs ``orders.change_order``."""

from decimal import Decimal

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail import hooks
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permission_policies import ModelPermissionPolicy

from shop.core.errors import DomainError

from .models import TRANSITIONS, Order, OrderStatus
from .selectors import order_totals
from .services import order_set_status, refund_record


class ViewOnlyPolicy(ModelPermissionPolicy):
    def user_has_permission(self, user, action):
        return action == "view" and super().user_has_permission(user, action)

    def user_has_any_permission(self, user, actions):
        return any(self.user_has_permission(user, action) for action in actions)


class OrderViewSet(ModelViewSet):
    """Orders are written by the checkout and changed through services only: no add/edit/delete."""

    model = Order
    icon = "list-ul"
    menu_label = gettext_lazy("Orders")
    menu_order = 150
    add_to_admin_menu = True
    copy_view_enabled = False
    inspect_view_enabled = False
    list_display = ["number", "status", "email", "total_gross", "shipping_method_code", "created_at"]
    list_filter = ["status", "shipping_method_code"]
    search_fields = ["number", "email", "contact_last_name"]
    form_fields = ["status"]

    def get_common_view_kwargs(self, **kwargs):
        return super().get_common_view_kwargs(permission_policy=ViewOnlyPolicy(Order), **kwargs)


@hooks.register("register_admin_viewset")
def register_order_views():
    return OrderViewSet("orders")


class StatusForm(forms.Form):
    status = forms.ChoiceField(label=gettext_lazy("New status"))
    note = forms.CharField(label=gettext_lazy("Note"), max_length=300, required=False)

    def __init__(self, *args, order: Order, **kwargs):
        super().__init__(*args, **kwargs)
        allowed = TRANSITIONS.get(order.status, set())
        self.fields["status"].choices = [(value, label) for value, label in OrderStatus.choices if value in allowed]


class RefundForm(forms.Form):
    amount = forms.DecimalField(label=gettext_lazy("Refund amount (EUR)"), min_value=Decimal("0.01"), decimal_places=2)
    reason = forms.CharField(label=gettext_lazy("Reason"), max_length=300, required=False)


def order_manage(request, pk: int):
    if not request.user.has_perm("orders.change_order"):
        raise PermissionDenied
    order = get_object_or_404(Order.objects.prefetch_related("lines", "status_changes__by", "refunds"), pk=pk)
    status_form = StatusForm(request.POST if "status" in request.POST else None, order=order)
    refund_form = RefundForm(request.POST if "amount" in request.POST else None)
    try:
        if status_form.is_bound and status_form.is_valid():
            order_set_status(
                order=order,
                status=status_form.cleaned_data["status"],
                source="staff",
                by=request.user,
                note=status_form.cleaned_data["note"],
            )
            messages.success(request, _("The order status was changed."))
            return redirect(reverse("orders_manage", args=[order.pk]))
        if refund_form.is_bound and refund_form.is_valid():
            refund_record(order=order, by=request.user, **refund_form.cleaned_data)
            messages.success(request, _("The refund was recorded."))
            return redirect(reverse("orders_manage", args=[order.pk]))
    except DomainError as err:
        messages.error(request, str(err.message))
    context = {
        "order": order,
        "totals": order_totals(order),
        "status_form": status_form,
        "refund_form": refund_form,
    }
    return TemplateResponse(request, "orders/admin/manage.html", context)


@hooks.register("register_admin_urls")
def register_order_manage_url():
    return [path("orders/manage/<int:pk>/", order_manage, name="orders_manage")]
