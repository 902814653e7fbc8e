"""Every error a client can see comes in Finnish and Estonian: each envelope code is requested in
fi, et and en, and the message must differ from the English one."""

import importlib

import pytest
from django.apps import apps
from django.utils import translation

from shop.core.errors import DomainError
from tests.contract import ContractClient

pytestmark = [pytest.mark.django_db, pytest.mark.urls("tests.core.urls")]

VALID = {"email": "a@example.com", "quantity": 1}


def _throttled(client, query):
    client.get(f"/api/v1/test/throttled/{query}")
    return client.get(f"/api/v1/test/throttled/{query}")


def _server_error(client, query):
    client.raise_request_exception = False
    return client.get(f"/api/v1/test/crash/{query}")


def _csrf_failed(client, query, user):
    client = ContractClient(enforce_csrf_checks=True)
    client.force_login(user)
    return client.post(f"/api/v1/test/validate/{query}", VALID, format="json")


def _bad_token(client, query):
    client.credentials(HTTP_AUTHORIZATION="Bearer not-a-token")
    return client.get(f"/api/v1/me/{query}")


REQUESTS = {
    "not_found": lambda c, q: c.get(f"/api/v1/no-such-thing/{q}"),
    "not_found (no trailing slash)": lambda c, q: c.post(f"/api/v1/auth/login{q}", VALID, format="json"),
    "authentication_required": lambda c, q: c.get(f"/api/v1/me/{q}"),
    "authentication_failed": _bad_token,
    "permission_denied": lambda c, q: c.get(f"/api/v1/test/forbidden/{q}"),
    "validation_error": lambda c, q: c.post(f"/api/v1/test/validate/{q}", {}, format="json"),
    "malformed_request": lambda c, q: c.post(f"/api/v1/test/validate/{q}", "{", content_type="application/json"),
    "unsupported_media_type": lambda c, q: c.post(f"/api/v1/test/validate/{q}", "x", content_type="text/plain"),
    "method_not_allowed": lambda c, q: c.delete(f"/api/v1/test/validate/{q}"),
    "request_too_large": lambda c, q: c.post(
        f"/api/v1/test/validate/{q}", "{}", content_type="application/json", CONTENT_LENGTH="99999999"
    ),
    "throttled": _throttled,
    "server_error": _server_error,
    "csrf_failed": _csrf_failed,
}


def _message(name: str, language: str, user) -> tuple[str, str]:
    client = ContractClient()
    request = REQUESTS[name]
    args = (user,) if request is _csrf_failed else ()
    body = request(client, f"?locale={language}", *args).json()
    return body["error"]["code"], body["error"]["message"]


@pytest.mark.parametrize("language", ["fi", "et"])
@pytest.mark.parametrize("name", list(REQUESTS))
def test_each_error_code_answers_in_the_request_language(name, language, user):
    code, english = _message(name, "en", user)
    assert code == name.split(" ")[0]
    translated_code, translated = _message(name, language, user)
    assert translated_code == code
    assert translated != english, f"{code}: {english!r} is not translated to {language}"


def _domain_errors() -> list[type[DomainError]]:
    for app in apps.get_app_configs():
        try:
            importlib.import_module(f"{app.name}.errors")
        except ModuleNotFoundError:
            continue
    found, todo = [], [DomainError]
    while todo:
        cls = todo.pop()
        found.append(cls)
        todo.extend(cls.__subclasses__())
    return found


@pytest.mark.parametrize("language", ["fi", "et"])
def test_every_domain_error_message_is_translated(language):
    errors = _domain_errors()
    assert len(errors) > 10
    untranslated = []
    for error in errors:
        with translation.override("en"):
            english = str(error.default_message)
        with translation.override(language):
            if str(error.default_message) == english:
                untranslated.append(f"{error.code}: {english}")
    assert untranslated == []
