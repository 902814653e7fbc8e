import pytest
from django.contrib.auth import authenticate, get_user_model
from django.db import IntegrityError, transaction

from shop.accounts.models import AuthToken

pytestmark = pytest.mark.django_db
User = get_user_model()


def test_email_is_the_login_and_is_stored_lower_case():
    user = User.objects.create_user(email="  Maija.Meikalainen@Example.FI ", password="correct horse battery")
    assert user.email == "maija.meikalainen@example.fi"
    assert authenticate(username="MAIJA.meikalainen@example.fi", password="correct horse battery") == user


def test_email_is_unique_whatever_its_case_at_the_database_level():
    User.objects.create_user(email="kati@example.ee", password="x" * 12)
    # Bypass the manager's normalisation: the database constraint itself must refuse it.
    with pytest.raises(IntegrityError), transaction.atomic():
        User.objects.bulk_create([User(email="KATI@Example.ee")])
    assert User.objects.count() == 1


def test_token_is_stored_hashed_and_stops_working_when_revoked(user):
    from django.utils import timezone

    token, raw = AuthToken.issue(user)
    assert raw not in token.key_hash
    assert AuthToken.find_active(raw) == token
    token.revoked_at = timezone.now()
    token.save()
    assert AuthToken.find_active(raw) is None


def test_expired_token_is_refused(api_client, user):
    from datetime import timedelta

    from django.utils import timezone

    token, raw = AuthToken.issue(user)
    api_client.credentials(HTTP_AUTHORIZATION=f"Bearer {raw}")
    assert api_client.get("/api/v1/me/").status_code == 200
    AuthToken.objects.filter(pk=token.pk).update(expires_at=timezone.now() - timedelta(seconds=1))
    response = api_client.get("/api/v1/me/")
    assert response.status_code == 401
    assert response.json()["error"]["code"] == "authentication_failed"
