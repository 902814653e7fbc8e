"""Support requests in the Wagtail admin: open ones first by due date, overdue ones flagged."""

from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.ui.tables import Column
from wagtail.admin.views.generic import EditView
from wagtail.admin.viewsets.model import ModelViewSet

from .models import SupportRequest, SupportStatus
from .services import support_request_close


def due_cell(request: SupportRequest) -> str:
    due = request.due_at.strftime("%Y-%m-%d")
    if request.is_overdue:
        return format_html(
            '<span class="w-status w-status--label" style="color:#cd4444">{} · {}</span>', due, _("overdue")
        )
    return due


class SupportRequestEditView(EditView):
    def save_instance(self) -> SupportRequest:
        instance = self.form.save(commit=False)
        if instance.status == SupportStatus.CLOSED:
            # Through the service: it records when and by whom the request was closed.
            return support_request_close(request=instance, staff=self.request.user, resolution=instance.resolution)
        instance.save()
        return instance


class SupportRequestViewSet(ModelViewSet):
    model = SupportRequest
    icon = "help"
    add_to_admin_menu = True
    menu_label = _("Support requests")
    menu_order = 900
    copy_view_enabled = False
    inspect_view_enabled = True
    edit_view_class = SupportRequestEditView
    form_fields = ["status", "resolution"]
    list_display = ["reference", "topic", "email", "status", Column("due_at", label=_("answer due"), accessor=due_cell)]
    list_filter = ["status", "topic"]
    search_fields = ["reference", "email", "name", "order_number"]
    ordering = ["status", "due_at"]


@hooks.register("register_admin_viewset")
def register_support_requests():
    return SupportRequestViewSet("support_requests")
