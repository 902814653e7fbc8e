"""Admin wiring: versions pages and the receipts export, and guards that keep one policy page
per kind and locale and keep frozen versions' pages from being deleted."""

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail import hooks
from wagtail.admin.menu import Menu, MenuItem, SubmenuMenuItem
from wagtail.models import Page

from . import admin_views
from .models import PolicyKind, PolicyPage


@hooks.register("register_admin_urls")
def register_admin_urls():
    return [
        path("policies/versions/<str:kind>/", admin_views.versions, name="policies_versions"),
        path("policies/receipts.csv", admin_views.receipts_csv, name="policies_receipts_csv"),
    ]


@hooks.register("register_admin_menu_item")
def register_policies_menu():
    items = [
        MenuItem(label, reverse("policies_versions", args=[kind]), name=f"policy-versions-{kind}", icon_name="doc-full")
        for kind, label in PolicyKind.choices
    ]
    return SubmenuMenuItem(
        gettext_lazy("Policy versions"), Menu(items=items), name="policy-versions", icon_name="doc-full", order=350
    )


def _is_policy(page: Page) -> bool:
    return issubclass(page.specific_class or Page, PolicyPage)


@hooks.register("before_delete_page")
def refuse_policy_deletion(request: HttpRequest, page: Page) -> HttpResponse | None:
    # Frozen versions keep the page's revisions (PROTECT): deleting would fail half-way.
    if _is_policy(page):
        messages.error(
            request,
            _("Policy pages cannot be deleted: their published versions are evidence. Unpublish it instead."),
        )
        return redirect("wagtailadmin_pages:edit", page.pk)
    return None


@hooks.register("before_copy_page")
def refuse_policy_copy(request: HttpRequest, page: Page) -> HttpResponse | None:
    # A copy (or alias) would be a second page of the same kind in the same locale.
    if _is_policy(page):
        messages.error(request, _("Policy pages cannot be copied; translate them with “Translate” instead."))
        return redirect("wagtailadmin_pages:edit", page.pk)
    return None
