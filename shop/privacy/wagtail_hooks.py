"""Staff views of personal data in the Wagtail admin: customers (masked IBAN only), consent
evidence (read-only) and erasure on a request that came by email or phone."""

from django import forms
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail import hooks
from wagtail.admin.viewsets.model import ModelViewSet, ModelViewSetGroup
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy

from .erasure import account_erase
from .models import ErasureSource, MarketingConsent, SuppressionEntry

User = get_user_model()  # hooks load after the app registry is ready


class ReadOnlyPermissionPolicy(ModelPermissionPolicy):
    """Evidence can be looked at, never added, edited or deleted, not even by a superuser."""

    def user_has_permission(self, user, action):
        return action == "view" and super().user_has_permission(user, action)

    def user_has_any_permission(self, user, actions):
        return any(self.user_has_permission(user, action) for action in actions)


for evidence_model in (MarketingConsent, SuppressionEntry):
    register_permission_policy(evidence_model, ReadOnlyPermissionPolicy(evidence_model), exact_class=True)


class CustomerViewSet(ModelViewSet):
    """Shoppers' profiles for customer service. Editing stays in Wagtail's own user admin; the
    refund IBAN appears only masked (the encrypted value is not a form or inspect field)."""

    model = User
    icon = "user"
    menu_label = gettext_lazy("Customers")
    copy_view_enabled = False
    inspect_view_enabled = True
    list_display = ["email", "first_name", "last_name", "refund_iban_masked", "date_joined"]
    list_filter = ["locale", "is_staff"]
    search_fields = ["email", "first_name", "last_name"]
    inspect_view_fields = [
        "email",
        "pending_email",
        "email_verified_at",
        "first_name",
        "last_name",
        "phone",
        "locale",
        "refund_iban_masked",
        "date_joined",
        "last_login",
    ]
    form_fields = ["first_name", "last_name"]

    def get_common_view_kwargs(self, **kwargs):
        # Read-only for these views only (Wagtail's own user admin keeps the normal policy): a
        # customer is removed through erasure, never a plain delete that leaves order contact data.
        return super().get_common_view_kwargs(permission_policy=ReadOnlyPermissionPolicy(User), **kwargs)


class MarketingConsentViewSet(ModelViewSet):
    model = MarketingConsent
    icon = "mail"
    menu_label = gettext_lazy("Marketing consents")
    copy_view_enabled = False
    inspect_view_enabled = True
    list_display = ["user", "channel", "action", "source", "locale", "created_at"]
    list_filter = ["channel", "action", "source"]
    search_fields = ["user__email", "subject_ref"]
    form_fields = ["channel"]


class PrivacyGroup(ModelViewSetGroup):
    menu_label = gettext_lazy("Privacy")
    menu_icon = "lock"
    menu_order = 910
    items = (CustomerViewSet("customers"), MarketingConsentViewSet("marketing_consents"))


@hooks.register("register_admin_viewset")
def register_privacy_views():
    return PrivacyGroup()


class ErasureConfirmForm(forms.Form):
    confirm_email = forms.EmailField(label=gettext_lazy("Type the customer's email address to confirm"))


def erase_customer(request, pk: int):
    """Staff-run erasure (a request by email or phone). Needs the permission to delete users."""
    if not request.user.has_perm("accounts.delete_user"):
        raise PermissionDenied
    customer = get_object_or_404(User, pk=pk, is_staff=False)
    form = ErasureConfirmForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if form.cleaned_data["confirm_email"].strip().lower() != customer.email:
            form.add_error("confirm_email", _("That is not this customer's email address."))
        else:
            record = account_erase(user=customer, source=ErasureSource.STAFF, performed_by=request.user)
            messages.success(
                request, _("The account was erased (reference %(ref)s).") % {"ref": record.subject_ref[:12]}
            )
            return redirect(reverse("customers:index"))
    return TemplateResponse(request, "privacy/admin/erase_customer.html", {"customer": customer, "form": form})


@hooks.register("register_admin_urls")
def register_erasure_url():
    return [path("privacy/erase/<int:pk>/", erase_customer, name="privacy_erase_customer")]


@hooks.register("before_delete_user")
def send_customer_deletion_to_erasure(request, user):
    """Deleting a shopper in Wagtail's user admin would leave contact data on their orders and
    evidence attached: send staff to the erasure page instead."""
    if not user.is_staff:
        return redirect(reverse("privacy_erase_customer", args=[user.pk]))
    return None
