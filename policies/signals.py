"""Signal receivers: publishing a policy page freezes a version, unpublishing (or expiry of) a
translation freezes one in which that locale falls back (``policies.services``).

They run inside the publish or unpublish transaction (``policies.guards`` makes those actions
atomic for policy pages), so a refusal or failure here rolls the whole change back.
"""

import logging
from typing import Any

from django.utils.translation import gettext as _
from wagtail.models import Revision

from .errors import PolicyChangeRefused
from .models import PolicyPage
from .services import freezing_is_paused, policy_freeze, policy_withdraw

logger = logging.getLogger(__name__)


def _refuse_on_failure(freeze: Any, **kwargs: Any) -> None:
    try:
        freeze(**kwargs)
    except PolicyChangeRefused:
        raise
    except Exception as err:
        # Any failure of the freeze (a database error, a block that does not render) must stop
        # the publish: the exception rolls back the surrounding publish transaction, and the
        # editor is told instead of getting a 500. Logged with its traceback for the developers.
        logger.exception("Freezing a policy version failed; the change was rolled back")
        raise PolicyChangeRefused(
            _("The policy text could not be frozen, so nothing was published. Please try again or ask a developer.")
        ) from err


def freeze_on_publish(
    sender: type, instance: PolicyPage, revision: Revision | None = None, alias: bool = False, **kwargs: Any
) -> None:
    if freezing_is_paused():
        return
    _refuse_on_failure(policy_freeze, page=instance, revision=revision, alias=alias)


def freeze_on_unpublish(sender: type, instance: PolicyPage, **kwargs: Any) -> None:
    if freezing_is_paused():
        return
    _refuse_on_failure(policy_withdraw, page=instance)
