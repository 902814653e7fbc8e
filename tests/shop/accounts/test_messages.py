"""Messages accounts show a client follow the request's language, Django's own included."""

import pytest

from shop.accounts.models import User

from .test_auth_api import REGISTER, ack, policies, signup  # noqa: F401  (fixture)

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("en", "This password is too short. It must contain at least 10 characters."),
        ("fi", "Salasana on liian lyhyt. Sen tulee sisältää ainakin 10 merkkiä."),
        ("et", "Salasõna on liiga lühike. Selles peab olema vähemalt 10 tähte."),
    ],
)
def test_password_validator_messages_follow_the_request_language(api_client, policies, language, expected):  # noqa: F811
    response = api_client.post(
        f"{REGISTER}?locale={language}", signup(acknowledgements=[ack()], password="kissa123"), format="json"
    )
    assert (response.status_code, response.json()["error"]["code"]) == (400, "validation_error")
    assert expected in response.json()["error"]["fields"]["password"]
    assert not User.objects.exists()
