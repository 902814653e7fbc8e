"""Every path that could put policy text live either freezes a version or is refused.

Wagtail's page actions are classes the admin, its API and model methods all call directly (no
registry lookup for pages), so the guards wrap them once at start-up (``install``):

* **Publish and unpublish are atomic for policy pages.** ``page_published`` / ``page_unpublished``
  fire inside the action, and the freeze runs in their receiver (``policies.signals``). Wrapping
  the action in ``transaction.atomic`` makes "went live" and "was frozen" one transaction: when the
  freeze refuses or fails, the page is not live with the new text. (Wagtail alone commits the
  publish before the signal handler runs; see the project's stack notes.)
* **Copy, alias, alias conversion and move of a policy page are refused** (``PolicyChangeRefused``):
  a copy or alias would be a second page of a kind in one locale and an alias goes live without a
  publish; moving changes no text. ``PolicyPage.save`` refuses aliases and duplicate pages too, and
  never lets a new policy page be born live.

The admin turns ``PolicyChangeRefused`` into a message (``policies.middleware``), never a 500.
"""

import functools
from collections.abc import Callable
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _
from wagtail.actions.convert_alias import ConvertAliasPageAction
from wagtail.actions.copy_page import CopyPageAction
from wagtail.actions.create_alias import CreatePageAliasAction
from wagtail.actions.move_page import MovePageAction
from wagtail.actions.publish_page_revision import PublishPageRevisionAction
from wagtail.actions.unpublish_page import UnpublishPageAction
from wagtail.models import Page

from .errors import PolicyChangeRefused
from .models import PolicyPage

_INSTALLED_MARK = "_policies_guarded"


def is_policy(page: Any) -> bool:
    cls = getattr(page, "specific_class", None) or type(page)
    return isinstance(cls, type) and issubclass(cls, PolicyPage)


def holds_policy(page: Page, *, recursive: bool = True) -> bool:
    return is_policy(page) or (recursive and PolicyPage.objects.descendant_of(page).exists())


def _atomic_for_policies(execute: Callable[..., Any]) -> Callable[..., Any]:
    @functools.wraps(execute)
    def wrapper(self: Any, *args: Any, **kwargs: Any) -> Any:
        if not is_policy(self.object):
            return execute(self, *args, **kwargs)
        with transaction.atomic():
            return execute(self, *args, **kwargs)

    setattr(wrapper, _INSTALLED_MARK, True)
    return wrapper


def _refusing(check: Callable[..., Any], refuse: Callable[[Any], str | None]) -> Callable[..., Any]:
    @functools.wraps(check)
    def wrapper(self: Any, *args: Any, **kwargs: Any) -> Any:
        message = refuse(self)
        if message:
            raise PolicyChangeRefused(message)
        return check(self, *args, **kwargs)

    setattr(wrapper, _INSTALLED_MARK, True)
    return wrapper


def _copy_refusal(action: Any) -> str | None:
    if getattr(action, "log_action", None) == "wagtail.copy_for_translation" and not action.keep_live:
        # A translation: a draft in another locale (``PolicyPage.save`` refuses a second page of
        # the kind there), which goes live only by a publish that freezes it.
        return None
    if holds_policy(action.page, recursive=bool(getattr(action, "recursive", False))):
        return _("Policy pages cannot be copied or aliased; translate them with “Translate” instead.")
    return None


def _convert_refusal(action: Any) -> str | None:
    if is_policy(action.page):
        return _("Policy pages cannot be aliased; translate them with “Translate” instead.")
    return None


def _move_refusal(action: Any) -> str | None:
    if is_policy(action.page):
        return _("Policy pages cannot be moved: each language's policy belongs under that language's home page.")
    return None


def install() -> None:
    """Wrap Wagtail's page actions once (idempotent)."""
    if getattr(PublishPageRevisionAction.execute, _INSTALLED_MARK, False):
        return
    PublishPageRevisionAction.execute = _atomic_for_policies(PublishPageRevisionAction.execute)
    UnpublishPageAction.execute = _atomic_for_policies(UnpublishPageAction.execute)
    CopyPageAction.check = _refusing(CopyPageAction.check, _copy_refusal)
    CreatePageAliasAction.check = _refusing(CreatePageAliasAction.check, _copy_refusal)
    ConvertAliasPageAction.check = _refusing(ConvertAliasPageAction.check, _convert_refusal)
    MovePageAction.check = _refusing(MovePageAction.check, _move_refusal)
