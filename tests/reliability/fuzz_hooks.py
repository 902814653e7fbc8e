"""Schemathesis checks of our own (loaded by tests/reliability/fuzz.py via SCHEMATHESIS_HOOKS)."""

import json
import os
import urllib.request

import schemathesis


@schemathesis.check
def error_envelope(ctx, response, case):
    """Every error answer of /api/v1/ is JSON in the one envelope: {"error": {"code", "message", ...}}."""
    if response.status_code < 400:
        return None
    try:
        body = json.loads(response.content)
    except ValueError as exc:
        raise AssertionError(f"{response.status_code} answer is not JSON: {response.content[:200]!r}") from exc
    error = body.get("error") if isinstance(body, dict) else None
    if (
        not isinstance(error, dict)
        or set(body) != {"error"}
        or not isinstance(error.get("code"), str)
        or not isinstance(error.get("message"), str)
        or not set(error) <= {"code", "message", "fields", "details"}
    ):
        raise AssertionError(f"{response.status_code} answer outside the error envelope: {body!r:.300}")
    return None


if os.environ.get("FUZZ_SHOPPER_EMAIL"):

    @schemathesis.auth(refresh_interval=None)
    class FreshShopperToken:
        """A new bearer token for every generated request: the fuzzer calls logout, logout-all and
        password reset too, which end the token in use, and every later operation would
        otherwise see only 401."""

        def get(self, case, ctx):
            body = json.dumps(
                {"email": os.environ["FUZZ_SHOPPER_EMAIL"], "password": os.environ["FUZZ_SHOPPER_PASSWORD"]}
            ).encode()
            request = urllib.request.Request(  # noqa: S310 - the local app server under test
                os.environ["FUZZ_BASE_URL"] + "/api/v1/auth/login/",
                data=body,
                headers={"Content-Type": "application/json", "X-Forwarded-Proto": "https"},
            )
            with urllib.request.urlopen(request, timeout=30) as response:  # noqa: S310
                return json.loads(response.read())["token"]

        def set(self, case, data, ctx):
            case.headers = {**(case.headers or {}), "Authorization": f"Bearer {data}"}
