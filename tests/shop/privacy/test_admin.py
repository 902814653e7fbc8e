"""Staff views in the Wagtail admin: customers without the full IBAN, read-only consents,
support requests with overdue ones flagged, and staff-run erasure."""

from datetime import timedelta

import pytest
from django.utils import timezone

from shop.accounts.models import User
from shop.accounts.services.profile import profile_update
from shop.privacy.models import ErasureRecord
from shop.privacy.services import marketing_consent_record
from shop.support.models import SupportRequest, SupportStatus
from shop.support.services import support_request_create
from tests.conftest import prefer_english_admin
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff_client(client, django_user_model):
    admin = prefer_english_admin(django_user_model.objects.create_superuser(email="admin@xmi.ee", password="x" * 12))
    client.force_login(admin)
    client.admin = admin
    return client


def test_customer_pages_show_only_the_masked_iban(staff_client, user):
    profile_update(user=user, data={"refund_iban": "EE382200221020145685"})
    user.refresh_from_db()
    for url in ("/admin/customers/", f"/admin/customers/inspect/{user.pk}/", f"/admin/customers/edit/{user.pk}/"):
        response = staff_client.get(url)
        html = response.content.decode()
        if url.endswith("/edit/" + str(user.pk) + "/"):
            assert response.status_code == 302  # read-only here: no edit
            continue
        assert response.status_code == 200, url
        assert "EE382200221020145685" not in html and user.refund_iban_encrypted not in html
    assert "EE**************5685" in staff_client.get(f"/admin/customers/inspect/{user.pk}/").content.decode()


def test_consents_are_read_only_in_the_admin(staff_client, user):
    consent = marketing_consent_record(user=user, channel="sms", action="granted", source="signup", locale="fi")
    assert staff_client.get("/admin/marketing_consents/").status_code == 200
    assert staff_client.get(f"/admin/marketing_consents/inspect/{consent.pk}/").status_code == 200
    assert staff_client.get(f"/admin/marketing_consents/edit/{consent.pk}/").status_code == 302
    assert staff_client.get(f"/admin/marketing_consents/delete/{consent.pk}/").status_code == 302


def test_support_requests_list_flags_overdue_and_closing_records_who(staff_client):
    late = support_request_create(email="a@example.ee", topic="data_access", message="?", locale="et")
    SupportRequest.objects.filter(pk=late.pk).update(due_at=timezone.now() - timedelta(days=1))
    support_request_create(email="b@example.ee", topic="general", message="?", locale="et")
    html = staff_client.get("/admin/support_requests/").content.decode()
    assert html.count("overdue") == 1 and late.reference in html

    response = staff_client.post(
        f"/admin/support_requests/edit/{late.pk}/", {"status": "closed", "resolution": "Export sent."}
    )
    assert response.status_code == 302
    late.refresh_from_db()
    assert (late.status, late.closed_by, late.resolution) == (SupportStatus.CLOSED, staff_client.admin, "Export sent.")
    assert late.closed_at is not None


def test_staff_erasure_needs_the_email_typed_and_records_the_staff_member(staff_client, user):
    url = f"/admin/privacy/erase/{user.pk}/"
    assert staff_client.get(url).status_code == 200
    wrong = staff_client.post(url, {"confirm_email": "someone@else.ee"})
    assert wrong.status_code == 200 and User.objects.filter(pk=user.pk).exists()
    done = staff_client.post(url, {"confirm_email": user.email})
    assert done.status_code == 302
    assert not User.objects.filter(pk=user.pk).exists()
    assert ErasureRecord.objects.get().performed_by == staff_client.admin


def test_staff_without_delete_permission_cannot_erase(client, user, django_user_model):
    staff = UserFactory(email="cs@xmi.ee", password="x" * 12, is_staff=True)
    from django.contrib.auth.models import Permission

    staff.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(staff)
    assert client.post(f"/admin/privacy/erase/{user.pk}/", {"confirm_email": user.email}).status_code == 302
    assert User.objects.filter(pk=user.pk).exists()


def test_deleting_a_customer_in_the_user_admin_leads_to_erasure(staff_client, user):
    response = staff_client.get(f"/admin/users/delete/{user.pk}/")
    assert response.status_code == 302
    assert response["Location"] == f"/admin/privacy/erase/{user.pk}/"
