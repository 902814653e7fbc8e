"""Counter rows for every kind and the receipt chain head (rows that publishing and receipt inserts
lock, so they must exist before the first concurrent writer), and append-only triggers on the
evidence tables on PostgreSQL."""

from django.db import migrations

from shop.core.append_only import AppendOnlyTrigger

KINDS = ["privacy", "terms", "cookies"]
GENESIS = "0" * 64


def create_rows(apps, schema_editor):
    Counter = apps.get_model("policies", "PolicyKindCounter")
    Head = apps.get_model("policies", "ReceiptChainHead")
    for kind in KINDS:
        Counter.objects.get_or_create(kind=kind, defaults={"last_version": 0})
    Head.objects.get_or_create(pk=1, defaults={"last_seq": 0, "last_hash": GENESIS})


class Migration(migrations.Migration):

    dependencies = [
        ("policies", "0001_initial"),
    ]

    operations = [
        migrations.RunPython(create_rows, migrations.RunPython.noop),
        AppendOnlyTrigger("policies_policyversion"),
        AppendOnlyTrigger("policies_policyversiontext"),
        AppendOnlyTrigger("policies_policyreceipt", detachable="user_id"),
    ]
