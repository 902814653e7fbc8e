"""Our own strings are translated into Finnish and Estonian, the compiled catalogues match the
sources, and API error messages come in the request's language."""

from pathlib import Path

import polib
import pytest

LOCALE_DIR = Path(__file__).resolve().parents[2] / "locale"


@pytest.mark.parametrize("language", ["fi", "et"])
def test_every_string_is_translated_and_compiled(language):
    po = polib.pofile(str(LOCALE_DIR / language / "LC_MESSAGES" / "django.po"))
    untranslated = [entry.msgid for entry in po.untranslated_entries() + po.fuzzy_entries()]
    assert untranslated == [], "translate them in locale/*/django.po, then run `make messages`"
    mo = polib.mofile(str(LOCALE_DIR / language / "LC_MESSAGES" / "django.mo"))
    compiled = {(entry.msgid, entry.msgstr) for entry in mo if not entry.msgid_plural}
    sources = {(entry.msgid, entry.msgstr) for entry in po.translated_entries() if not entry.msgid_plural}
    assert sources <= compiled, "django.mo is older than django.po: run `make messages`"


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("language", "expected"),
    [("fi", "Pyyntö sisältää virheellisiä tietoja."), ("et", "Päring sisaldab vigaseid andmeid."), ("en", None)],
)
def test_validation_message_follows_the_request_language(api_client, language, expected):
    po_message = "The request contains invalid data."
    if expected is None:
        expected = po_message
    else:
        po = polib.pofile(str(LOCALE_DIR / language / "LC_MESSAGES" / "django.po"))
        assert po.find(po_message).msgstr == expected
    response = api_client.post(f"/api/v1/support-requests/?locale={language}", {}, format="json")
    assert response.status_code == 400
    assert response.json()["error"] == {**response.json()["error"], "code": "validation_error", "message": expected}
