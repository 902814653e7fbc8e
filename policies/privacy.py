"""Policy receipts in the privacy export and erasure: exported in full, detached on erasure
(the receipt, its subject_ref and the hash chain stay as evidence)."""

from shop.core.privacy_registry import register_section

from .selectors import receipts_export
from .services import receipts_detach

register_section("policy_receipts", export=receipts_export, erase=receipts_detach)
