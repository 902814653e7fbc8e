"""``manage.py purge_expired``: retention periods applied, and a second run changes nothing."""

from datetime import timedelta
from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone

from shop.accounts.models import AuthToken
from shop.orders.models import Order
from shop.orders.retention import retention_cutoff, retention_until
from shop.privacy.models import CookieConsent
from tests.factories import make_cookie_consent, make_order

pytestmark = pytest.mark.django_db


def _purge() -> dict[str, int]:
    out = StringIO()
    call_command("purge_expired", stdout=out)
    return {name: int(count) for name, count in (line.split(": ") for line in out.getvalue().splitlines())}


def test_retention_runs_seven_years_from_the_end_of_the_financial_year(settings):
    tz = timezone.get_current_timezone()
    assert str(retention_until(timezone.datetime(2019, 3, 5, tzinfo=tz))) == "2026-12-31"
    now = timezone.datetime(2027, 1, 1, 12, tzinfo=tz)
    assert str(timezone.localtime(retention_cutoff(now)).date()) == "2019-12-31"
    settings.FINANCIAL_YEAR_END_MONTH = 6
    assert str(retention_until(timezone.datetime(2019, 3, 5, tzinfo=tz))) == "2026-06-30"


def test_purge_is_idempotent(user):
    now = timezone.now()
    old = make_order(user, created_at=now - timedelta(days=365 * 9))
    recent = make_order(user, created_at=now - timedelta(days=365))
    live, _ = AuthToken.issue(user)
    expired, _ = AuthToken.issue(user)
    AuthToken.objects.filter(pk=expired.pk).update(expires_at=now - timedelta(seconds=1))
    kept = make_cookie_consent(None)
    stale = make_cookie_consent(None)
    CookieConsent.objects.filter(pk=stale.pk).update(created_at=now - timedelta(days=731))

    first = _purge()
    assert first["orders_past_retention"] == 1 and first["auth_tokens"] == 1 and first["cookie_consents"] == 1

    old.refresh_from_db()
    assert old.anonymised_at is not None and old.user_id is None and old.subject_ref == ""
    assert old.email == "" and old.contact_first_name == "" and old.total_gross == recent.total_gross
    assert Order.objects.get(pk=recent.pk).email == user.email
    assert list(AuthToken.objects.values_list("pk", flat=True)) == [live.pk]
    assert list(CookieConsent.objects.values_list("pk", flat=True)) == [kept.pk]

    second = _purge()
    assert set(second.values()) == {0}
    assert set(second) == set(first)
