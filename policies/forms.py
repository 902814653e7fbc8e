"""The policy page editor form: the change type and summary describe *this* publish, so the
editor starts blank every time and must choose (a value from the last publish never sticks)."""

from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminPageForm


class PolicyPageForm(WagtailAdminPageForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["change_type"] = forms.ChoiceField(
            label=_("change type"),
            choices=[("", "---------"), *self._meta.model._meta.get_field("change_type").choices],
            required=True,
            help_text=_("Choose for every publish: it is not carried over from the last one."),
        )
        if not self.is_bound:
            self.initial["change_type"] = ""
            self.initial["change_summary"] = ""
