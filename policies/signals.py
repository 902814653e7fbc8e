"""Signal receivers: publishing a policy page freezes a version (``policies.services``)."""

from typing import Any

from wagtail.models import Revision

from .models import PolicyPage
from .services import freezing_is_paused, policy_freeze


def freeze_on_publish(
    sender: type, instance: PolicyPage, revision: Revision | None = None, alias: bool = False, **kwargs: Any
) -> None:
    # Freezing is the only way a published text reaches shoppers (the API serves frozen versions
    # only), so a failure here is loud (the publisher sees the error) but never serves unfrozen text.
    if freezing_is_paused():
        return
    policy_freeze(page=instance, revision=revision, alias=alias)
