"""Which data each domain holds about a person, for export (GDPR Art. 15/20) and erasure (Art. 17).

Every domain that stores personal data registers a section from its ``AppConfig.ready()``::

    from shop.core.privacy_registry import register_section
    register_section("wishlist", export=wishlist_export, erase=wishlist_erase)

``export(*, user)`` returns JSON-able data; ``erase(*, user)`` deletes or detaches it and runs
inside the erasure transaction, before the account row is deleted. An ``erase`` that returns a
dict adds those counts to the erasure record's summary (orders: ``orders_retained``). ``EXPORT_SECTIONS`` names
every section the export promises: a section nobody registered yet is exported as ``[]``, so
the document's shape never depends on which apps are installed.

``register_erase_step`` adds erasure work that has nothing to export (ending sessions); steps run
after every section, in registration order, and their dicts join the summary too.

``register_purge_step`` does the same for ``manage.py purge_expired`` (retention periods).

This registry sits in ``shop.core`` so that every domain registers downwards: the privacy app runs
export and erasure without importing the domains that hold the data.
"""

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from .formats import iso_datetime

if TYPE_CHECKING:
    from shop.accounts.models import User

SCHEMA_VERSION = 1

EXPORT_SECTIONS = (
    "profile",
    "addresses",
    "orders",
    "policy_receipts",
    "consents",
    "cookie_consents",
    "disclosures",
    "support_requests",
    "wishlist",
    "recently_viewed",
)

ExportFn = Callable[..., Any]
EraseFn = Callable[..., Any]


@dataclass(frozen=True)
class Section:
    name: str
    export: ExportFn | None
    erase: EraseFn | None


_sections: dict[str, Section] = {}
_erase_steps: dict[str, EraseFn] = {}
_purge_steps: dict[str, Callable[[], int]] = {}


def iso(value) -> str | None:
    """A datetime for the export in the API's one format (see ``formats``); ``None`` stays ``None``."""
    return iso_datetime(value)


def register_section(name: str, *, export: ExportFn | None = None, erase: EraseFn | None = None) -> None:
    """Register (or replace, so a reload is harmless) the export/erase functions of ``name``."""
    _sections[name] = Section(name=name, export=export, erase=erase)


def sections() -> list[Section]:
    return list(_sections.values())


def export_sections(*, user: "User") -> dict[str, Any]:
    """Every section of ``EXPORT_SECTIONS`` (``[]`` when unregistered), then any extra ones."""
    data: dict[str, Any] = {}
    for name in (*EXPORT_SECTIONS, *(n for n in _sections if n not in EXPORT_SECTIONS)):
        section = _sections.get(name)
        data[name] = section.export(user=user) if section and section.export else []
    return data


def register_erase_step(name: str, step: EraseFn) -> None:
    """Register (or replace) ``step(*, user)``, run on erasure after every section's ``erase``."""
    _erase_steps[name] = step


def erase_sections(*, user: "User") -> dict[str, Any]:
    """Run every section's ``erase``, then every erase step; returns the summary they report."""
    summary: dict[str, Any] = {}
    for erase in [*(s.erase for s in _sections.values() if s.erase), *_erase_steps.values()]:
        result = erase(user=user)
        if isinstance(result, dict):
            summary.update(result)
    return summary


def register_purge_step(name: str, step: Callable[[], int]) -> None:
    """``step()`` removes or anonymises what is past its retention and returns how many rows it
    changed; it must be safe to run again (the second run returns 0)."""
    _purge_steps[name] = step


def purge_steps() -> dict[str, Callable[[], int]]:
    return dict(_purge_steps)
