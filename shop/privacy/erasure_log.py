"""The erasure log: every erasure, written outside the database, so that restoring an older
backup cannot bring an erased person back.

Each erasure becomes one small JSON object in the ``erasure_log`` storage (a directory by default,
the private ``erasure-log/`` prefix of the media bucket when media are in object storage), named
by time and subject reference, so any number of app processes can write without coordination
and writing it twice changes nothing. An entry holds only what an ``ErasureRecord`` holds: the
pseudonymous ``subject_ref``, the source and the time, never a name or an address.

After a restore, ``manage.py reapply_erasures`` erases again every account whose subject
reference is in the log but whose erasure the restored database does not know.
"""

import json
from dataclasses import asdict, dataclass
from datetime import datetime

from django.core.files.base import ContentFile
from django.core.files.storage import storages

from .models import ErasureRecord


@dataclass(frozen=True)
class ErasureLogEntry:
    subject_ref: str
    source: str
    erased_at: str  # ISO 8601, UTC

    @property
    def name(self) -> str:
        stamp = datetime.fromisoformat(self.erased_at).strftime("%Y%m%dT%H%M%S%fZ")
        return f"{stamp}-{self.subject_ref[:32]}.json"


def _storage():
    return storages["erasure_log"]


def erasure_log_write(*, record: ErasureRecord) -> ErasureLogEntry:
    """Add ``record`` to the log; a second write of the same record changes nothing."""
    entry = ErasureLogEntry(
        subject_ref=record.subject_ref, source=record.source, erased_at=record.created_at.isoformat()
    )
    storage = _storage()
    if not storage.exists(entry.name):
        storage.save(entry.name, ContentFile(json.dumps(asdict(entry), sort_keys=True).encode()))
    return entry


def erasure_log_entries() -> list[ErasureLogEntry]:
    """Every logged erasure, oldest first."""
    storage = _storage()
    try:
        _dirs, files = storage.listdir("")
    except FileNotFoundError:
        return []
    entries = []
    for name in sorted(files):
        if name.endswith(".json"):
            with storage.open(name) as handle:
                entries.append(ErasureLogEntry(**json.loads(handle.read())))
    return entries


def erasure_log_export() -> int:
    """Write every ``ErasureRecord`` of the database to the log (the backup does this first, so
    the log holds all erasures even if a process died before writing its entry). Returns how
    many entries were new."""
    known = {entry.name for entry in erasure_log_entries()}
    new = 0
    for record in ErasureRecord.objects.order_by("created_at", "pk").iterator():
        if erasure_log_write(record=record).name not in known:
            new += 1
    return new
