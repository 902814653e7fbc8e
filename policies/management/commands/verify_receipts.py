"""``python manage.py verify_receipts``: kept for existing cron jobs; runs ``verify_evidence``,
which checks the receipts and everything they point at."""

from policies.management.commands.verify_evidence import Command as VerifyEvidence


class Command(VerifyEvidence):
    help = "Verify the policy evidence (same as verify_evidence)."
