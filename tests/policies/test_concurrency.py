"""Concurrent publishes and acknowledgements on PostgreSQL: version numbers stay unique and
gap-free across locales, and the receipt hash chain stays one straight line."""

import threading
from io import StringIO

import pytest
from django.core.management import call_command
from django.db import connection

from policies.models import PolicyReceipt, PolicyVersion, PolicyVersionText
from policies.services import policy_acknowledge
from tests.factories import UserFactory
from tests.policies.fixtures import body, republish

# Threads need committed data: transactional tests, each starting from the migrated data again.
pytestmark = [
    pytest.mark.postgres,
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("restore_migrated_data"),
]


def run_in_threads(jobs):
    errors: list[BaseException] = []
    barrier = threading.Barrier(len(jobs))

    def worker(job):
        try:
            barrier.wait(timeout=10)
            job()
        except BaseException as exc:  # collected and re-raised in the test thread
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=worker, args=(job,)) for job in jobs]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert not errors, errors


def test_concurrent_publishes_in_three_locales_get_unique_gap_free_numbers(make_policy):
    pages = [make_policy("privacy", code) for code in ("fi", "et", "en")]
    assert list(PolicyVersion.objects.values_list("version", flat=True).order_by("version")) == [1, 2, 3]

    run_in_threads([(lambda page=page: republish(page, body=body(f"Edit of {page.pk}."))) for page in pages])

    versions = list(PolicyVersion.objects.filter(kind="privacy").order_by("version"))
    assert [v.version for v in versions] == [1, 2, 3, 4, 5, 6]
    # The last version is a full snapshot holding every locale's newest text.
    latest = {text.locale: text for text in PolicyVersionText.objects.filter(version=versions[-1])}
    assert sorted(latest) == ["en", "et", "fi"]
    for page in pages:
        assert f"Edit of {page.pk}." in latest[page.locale.language_code].body_html


def test_concurrent_acknowledgements_keep_one_chain(make_policy, django_user_model):
    make_policy("privacy", "fi")
    text = PolicyVersionText.objects.get(version__kind="privacy", locale="fi")
    users = [UserFactory(email=f"u{n}@example.fi", password="x" * 12) for n in range(6)]

    jobs = [
        (lambda user=user: policy_acknowledge(user=user, kind="privacy", version=1, locale="fi", sha256=text.sha256))
        for user in users
    ]
    run_in_threads(jobs)

    assert PolicyReceipt.objects.count() == 6
    out = StringIO()
    call_command("verify_receipts", stdout=out)
    assert "Receipt chain intact: 6 receipt(s)." in out.getvalue()
