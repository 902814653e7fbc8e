"""``python manage.py load_demo``: demo content for a local shop, safe to run again and again.

Each domain's demo content is a module of this app (home pages, policies, catalogue); a second
run finds everything in place and changes nothing.
"""

import os
import secrets
from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand
from django.db import transaction

from demo import catalog as demo_catalog
from demo import home as demo_home
from demo import policies as demo_policies

EDITOR_EMAIL = "editor@xmi.ee"


def _password_file() -> Path:
    return Path(settings.VAR_DIR) / "demo-editor-password"


def _editor_password() -> tuple[str, bool]:
    """The editor's password: DEMO_EDITOR_PASSWORD, else one generated on the first run and kept
    in ``var/`` (git-ignored, owner-only) so later runs can print the same login."""
    from_env = os.environ.get("DEMO_EDITOR_PASSWORD")
    if from_env:
        return from_env, False
    path = _password_file()
    if path.exists():
        return path.read_text().strip(), False
    password = secrets.token_urlsafe(12)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.touch(mode=0o600)
    path.write_text(password)
    return password, True


@transaction.atomic
def ensure_editor(log: list[str]) -> tuple[str, str]:
    User = get_user_model()
    password, _generated = _editor_password()
    editor = User.objects.filter(email__iexact=EDITOR_EMAIL).first()
    if editor is None:
        editor = User.objects.create_user(
            email=EDITOR_EMAIL, password=password, first_name="Demo", last_name="Editor", is_staff=True
        )
        log.append("created editor account")
    elif not editor.check_password(password):
        editor.set_password(password)
        editor.save(update_fields=["password"])
        log.append("reset the editor's password")
    editors = Group.objects.get(name="Editors")
    if not editor.groups.filter(pk=editors.pk).exists():
        editor.groups.add(editors)
        log.append("added the editor to the Editors group")
    return EDITOR_EMAIL, password


class Command(BaseCommand):
    help = "Load demo content (locales, pages, policies, an editor account). Idempotent."

    def handle(self, *args: object, **options: object) -> None:
        log: list[str] = []
        homes = demo_home.ensure_home_pages(log)
        demo_policies.ensure_policies(homes, log)
        demo_catalog.ensure_catalogue(homes, log)
        email, password = ensure_editor(log)

        for line in log:
            self.stdout.write(f"  {line}")
        self.stdout.write(
            self.style.SUCCESS("Demo content ready." if log else "Demo content already in place; nothing changed.")
        )
        self.stdout.write(f"Editor login: {email} / {password}")
