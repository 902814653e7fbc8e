"""An admin panel on the policy page editor that warns when this translation is outdated."""

from django.utils.html import format_html
from django.utils.translation import gettext as _
from wagtail.admin.panels import HelpPanel


class TranslationStatusPanel(HelpPanel):
    """Shows, only when it applies, that the current frozen text of this page's locale is older
    than a material change of the default locale."""

    class BoundPanel(HelpPanel.BoundPanel):
        def __init__(self, **kwargs):
            super().__init__(**kwargs)
            self.content = ""
            page = self.instance
            if page is None or not page.pk or not getattr(page, "kind", None) or page.locale_id is None:
                return
            from .selectors import policy_text_outdated  # models import this module

            if policy_text_outdated(kind=page.kind, locale=page.locale.language_code):
                self.content = format_html(
                    '<div class="help-block help-warning"><p>{}</p></div>',
                    _(
                        "This translation is outdated: the default language's text changed materially after it "
                        "was last published. Update and publish it."
                    ),
                )

        def is_shown(self):
            return bool(self.content)
