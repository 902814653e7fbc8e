"""The schema check every API test runs (tests/contract.py) catches what it is there to catch."""

import pytest
from django.http import HttpResponse, JsonResponse

from tests.contract import check_response

ERROR = {"error": {"code": "not_found", "message": "Ei löytynyt."}}
RECEIPT = {
    "kind": "privacy",
    "version": 1,
    "locale": "fi",
    "sha256": "0" * 64,
    "context": "reprompt",
    "created_at": "2026-12-01T02:00:00+02:00",
}


def test_a_documented_response_passes():
    check_response("GET", "/api/v1/policies/privacy/versions/", JsonResponse(ERROR, status=404))
    check_response("POST", "/api/v1/me/policies/acknowledgements/", JsonResponse(RECEIPT, status=201))
    check_response("GET", "/api/v1/csrf/", HttpResponse(status=204))


@pytest.mark.parametrize(
    ("response", "message"),
    [
        (JsonResponse({**RECEIPT, "extra": 1}, status=201), "Additional properties"),
        (JsonResponse({**RECEIPT, "created_at": "2026-12-01T02:00:00"}, status=201), "is not a 'date-time'"),
        (JsonResponse({**RECEIPT, "created_at": "2026-12-01T00:00:00+00:00"}, status=201), "is not a 'date-time'"),
        (JsonResponse({**RECEIPT, "version": None}, status=201), "None is not of type 'integer'"),
        (JsonResponse({k: v for k, v in RECEIPT.items() if k != "sha256"}, status=201), "'sha256' is a required"),
        (JsonResponse(RECEIPT, status=202), "status not in the schema"),
        (JsonResponse({"error": {"code": "x"}}, status=400), "'message' is a required property"),
    ],
)
def test_a_response_that_breaks_the_schema_fails(response, message):
    with pytest.raises(AssertionError, match=message):
        check_response("POST", "/api/v1/me/policies/acknowledgements/", response)


def test_an_error_outside_the_schema_must_still_be_the_envelope():
    check_response("GET", "/api/v1/no-such-thing/", JsonResponse(ERROR, status=404))
    with pytest.raises(AssertionError, match="not JSON"):
        check_response("GET", "/api/v1/no-such-thing/", HttpResponse("<h1>Not Found</h1>", status=404))
