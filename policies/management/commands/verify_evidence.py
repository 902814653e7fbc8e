"""``python manage.py verify_evidence``: check frozen versions, texts, receipts, signatures and
counters against each other, the keyed chains and the newest anchor (``policies.evidence``).
Exits 1 and names each problem when anything was changed, so a cron job can alert."""

from django.core.management.base import BaseCommand, CommandError

from policies.evidence import verify_evidence


class Command(BaseCommand):
    help = "Verify the policy evidence (versions, texts, receipts, signatures, counters, anchor)."

    def handle(self, *args: object, **options: object) -> None:
        report = verify_evidence()
        if not report.ok:
            problems = "\n".join(str(problem) for problem in report.problems)
            raise CommandError(f"Policy evidence check failed ({len(report.problems)} problem(s)):\n{problems}")
        anchored = f"anchored at {report.anchor['anchored_at']}" if report.anchor else "no anchor yet"
        self.stdout.write(
            self.style.SUCCESS(
                f"Policy evidence intact: {report.versions} version(s), {report.receipts} receipt(s); {anchored}."
            )
        )
