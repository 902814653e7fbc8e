"""Signal receivers: publishing a policy page freezes a version, unpublishing (or expiry of) a
translation freezes one in which that locale falls back (``policies.services``).

They run inside the publish or unpublish transaction (``policies.guards`` makes those actions
atomic for policy pages), so a refusal or failure here rolls the whole change back.
"""

from typing import Any

from wagtail.models import Revision

from .models import PolicyPage
from .services import freezing_is_paused, policy_freeze, policy_withdraw


def freeze_on_publish(
    sender: type, instance: PolicyPage, revision: Revision | None = None, alias: bool = False, **kwargs: Any
) -> None:
    if freezing_is_paused():
        return
    policy_freeze(page=instance, revision=revision, alias=alias)


def freeze_on_unpublish(sender: type, instance: PolicyPage, **kwargs: Any) -> None:
    if freezing_is_paused():
        return
    policy_withdraw(page=instance)
