"""``python manage.py load_demo``: demo content for a local shop, safe to run again and again.

Each domain's demo content is a module of this app (home pages, policies, catalogue); a second
run finds everything in place and changes nothing.
"""

import os
import secrets
from pathlib import Path
from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.core.management.base import BaseCommand
from django.db import transaction
from django.db.models import Q

from demo import catalog as demo_catalog
from demo import home as demo_home
from demo import policies as demo_policies
from demo import shipping as demo_shipping

EDITOR_EMAIL = "editor@xmi.ee"
AUDITOR_EMAIL = "auditor@xmi.ee"
AUDITORS_GROUP = "Auditors"


def _password_file(role: str = "editor") -> Path:
    return Path(settings.VAR_DIR) / f"demo-{role}-password"


def _password(role: str) -> str:
    """A demo login's password: DEMO_<ROLE>_PASSWORD, else one generated on the first run and kept
    in ``var/`` (git-ignored, owner-only) so later runs can print the same login."""
    from_env = os.environ.get(f"DEMO_{role.upper()}_PASSWORD")
    if from_env:
        return from_env
    path = _password_file(role)
    if path.exists():
        return path.read_text().strip()
    password = secrets.token_urlsafe(12)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.touch(mode=0o600)
    path.write_text(password)
    return password


def _ensure_staff(email: str, password: str, first_name: str, log: list[str]) -> Any:
    User = get_user_model()
    user = User.objects.filter(email__iexact=email).first()
    if user is None:
        user = User.objects.create_user(
            email=email, password=password, first_name=first_name, last_name="Demo", is_staff=True
        )
        log.append(f"created {email}")
    elif not user.check_password(password):
        user.set_password(password)
        user.save(update_fields=["password"])
        log.append(f"reset the password of {email}")
    return user


def _ensure_member(user: Any, group: Group, log: list[str]) -> None:
    if not user.groups.filter(pk=group.pk).exists():
        user.groups.add(group)
        log.append(f"added {user.email} to the {group.name} group")


@transaction.atomic
def ensure_editor(log: list[str]) -> tuple[str, str]:
    """The demo editor edits and publishes pages, policies included: Wagtail's Editors group can
    only edit, its Moderators group may also publish."""
    password = _password("editor")
    editor = _ensure_staff(EDITOR_EMAIL, password, "Editor", log)
    for name in ("Editors", "Moderators"):
        _ensure_member(editor, Group.objects.get(name=name), log)
    return EDITOR_EMAIL, password


@transaction.atomic
def ensure_auditor(log: list[str]) -> tuple[str, str]:
    """The demo auditor sees the policy evidence audit and the receipts CSV, and nothing else."""
    password = _password("auditor")
    auditor = _ensure_staff(AUDITOR_EMAIL, password, "Auditor", log)
    group, created = Group.objects.get_or_create(name=AUDITORS_GROUP)
    if created:
        log.append("created the Auditors group")
    wanted = Permission.objects.filter(
        Q(content_type__app_label="wagtailadmin", codename="access_admin")
        | Q(content_type__app_label="policies", codename="export_receipts")
    )
    missing = wanted.exclude(pk__in=group.permissions.values("pk"))
    if missing.exists():
        group.permissions.add(*missing)
    _ensure_member(auditor, group, log)
    return AUDITOR_EMAIL, password


class Command(BaseCommand):
    help = "Load demo content (locales, pages, policies, an editor and an auditor account). Idempotent."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--logins", action="store_true", help="Only print the demo logins.")

    def handle(self, *args: object, **options: object) -> None:
        if options.get("logins"):
            self._print_logins(
                [("Editor", EDITOR_EMAIL, _password("editor")), ("Auditor", AUDITOR_EMAIL, _password("auditor"))]
            )
            return
        log: list[str] = []
        homes = demo_home.ensure_home_pages(log)
        demo_policies.ensure_policies(homes, log)
        demo_catalog.ensure_catalogue(homes, log)
        demo_shipping.ensure_shipping(log)
        editor = ensure_editor(log)
        auditor = ensure_auditor(log)

        for line in log:
            self.stdout.write(f"  {line}")
        self.stdout.write(
            self.style.SUCCESS("Demo content ready." if log else "Demo content already in place; nothing changed.")
        )
        self._print_logins([("Editor", *editor), ("Auditor", *auditor)])

    def _print_logins(self, logins: list[tuple[str, str, str]]) -> None:
        for role, email, password in logins:
            self.stdout.write(f"{role} login: {email} / {password}")
