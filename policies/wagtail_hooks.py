"""Admin wiring: versions pages and the receipts export, and guards that keep one policy page
per kind and locale and keep frozen versions' pages from being deleted."""

from django.conf import settings
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
from .models import PolicyKind, PolicyPage, PolicyVersion


@hooks.register("register_admin_urls")
def register_admin_urls():
    return [
        path("policies/versions/<str:kind>/", admin_views.versions, name="policies_versions"),
        path("policies/receipts.csv", admin_views.receipts_csv, name="policies_receipts_csv"),
        path("policies/audit/", admin_views.audit, name="policies_audit"),
        path("policies/audit/<str:subject>.json", admin_views.audit_download, name="policies_audit_download"),
        path(
            "policies/review/<str:kind>/<str:locale>/",
            admin_views.confirm_review,
            name="policies_confirm_review",
        ),
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


class AuditMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.is_staff and request.user.has_perm("policies.export_receipts")


@hooks.register("register_admin_menu_item")
def register_audit_menu():
    return AuditMenuItem(
        gettext_lazy("Policy evidence audit"),
        reverse("policies_audit"),
        name="policy-audit",
        icon_name="search",
        order=360,
    )


def _is_policy(page: Page) -> bool:
    return issubclass(page.specific_class or Page, PolicyPage)


def _holds_policy(page: Page) -> bool:
    """The page is a policy page or has one below it (deleting a parent deletes its subtree)."""
    return _is_policy(page) or PolicyPage.objects.descendant_of(page).exists()


DELETE_REFUSED = _("Policy pages cannot be deleted: their published versions are evidence. Unpublish them instead.")


@hooks.register("before_delete_page")
def refuse_policy_deletion(request: HttpRequest, page: Page) -> HttpResponse | None:
    # Frozen versions keep the page's revisions (PROTECT): deleting would fail half-way with a 500.
    if _holds_policy(page):
        messages.error(request, DELETE_REFUSED)
        return redirect("wagtailadmin_pages:edit", page.pk)
    return None


@hooks.register("before_bulk_action")
def refuse_policy_bulk_deletion(request: HttpRequest, action_type: str, objects, action) -> HttpResponse | None:
    if action_type == "delete" and any(isinstance(obj, Page) and _holds_policy(obj) for obj in objects):
        messages.error(request, DELETE_REFUSED)
        return redirect("wagtailadmin_explore_root")
    return None


@hooks.register("before_copy_page")
def refuse_policy_copy(request: HttpRequest, page: Page) -> HttpResponse | None:
    # A copy (or alias) would be a second page of the same kind in the same locale. The action
    # itself refuses too (``policies.guards``); this only answers before the copy form.
    if _is_policy(page):
        messages.error(request, _("Policy pages cannot be copied or aliased; translate them with “Translate” instead."))
        return redirect("wagtailadmin_pages:edit", page.pk)
    return None


@hooks.register("before_unpublish_page")
def refuse_default_policy_unpublish(request: HttpRequest, page: Page) -> HttpResponse | None:
    # Before Wagtail cascades the unpublish to the translations.
    page = page.specific
    if (
        _is_policy(page)
        and page.locale.language_code == settings.LANGUAGE_CODE
        and PolicyVersion.objects.filter(kind=page.kind).exists()
    ):
        messages.error(
            request,
            _("The default language's policy cannot be unpublished: every other language falls back to it."),
        )
        return redirect("wagtailadmin_pages:edit", page.pk)
    return None
