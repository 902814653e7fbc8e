"""Admin views for editors and auditors: the versions of each policy kind, and a CSV of receipts.

Receipts are read-only everywhere: no admin view edits or deletes them.
"""

import csv
import json
from datetime import date

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from .evidence import verify_evidence
from .models import PolicyKind, PolicyPage, PolicyVersion
from .selectors import audit_receipts, audit_subject, policy_needs_review, receipt_counts, receipts_for_audit
from .services import translation_review_confirm
from .signing import jwks

EXPORT_PERMISSION = "policies.export_receipts"
CSV_COLUMNS = [
    "seq",
    "created_at",
    "kind",
    "version",
    "locale",
    "sha256",
    "context",
    "subject_ref",
    "ip",
    "user_agent",
    "chain_hash",
]


def versions(request: HttpRequest, kind: str) -> HttpResponse:
    if kind not in PolicyKind.values:
        raise Http404
    counts = receipt_counts(kind=kind)
    needs_review = policy_needs_review(kind=kind)
    rows = []
    for version in PolicyVersion.objects.filter(kind=kind).order_by("-version").prefetch_related("texts"):
        texts = [
            {"text": text, "receipts": counts.get((version.pk, text.locale), 0)}
            for text in sorted(version.texts.all(), key=lambda t: t.locale)
        ]
        rows.append({"version": version, "texts": texts})
    return render(
        request,
        "policies/admin/versions.html",
        {
            "kind": kind,
            "kind_label": PolicyKind(kind).label,
            "rows": rows,
            "needs_review": sorted(needs_review.items()),
            "can_export": request.user.is_staff and request.user.has_perm(EXPORT_PERMISSION),
        },
    )


@require_POST
def confirm_review(request: HttpRequest, kind: str, locale: str) -> HttpResponse:
    """Confirm that ``locale``'s text of ``kind`` still fits after another locale's material change.
    Needs publish permission on that locale's policy page."""
    if kind not in PolicyKind.values or locale not in dict(settings.LANGUAGES):
        raise Http404
    page = PolicyPage.objects.filter(kind=kind, locale__language_code=locale, alias_of__isnull=True).first()
    if page is None or not page.permissions_for_user(request.user).can_publish():
        raise PermissionDenied
    translation_review_confirm(kind=kind, locale=locale, user=request.user)
    messages.success(request, _("Confirmed: the %(language)s text was reviewed.") % {"language": locale})
    return redirect("policies_versions", kind)


def _require_auditor(request: HttpRequest) -> None:
    if not (request.user.is_staff and request.user.has_perm(EXPORT_PERMISSION)):
        raise PermissionDenied(_("Auditing policy evidence needs the “audit policy evidence” permission."))


def audit(request: HttpRequest) -> HttpResponse:
    """Look a person up by email (an existing account) or by subject reference (after erasure) and
    show every receipt with the frozen text it points to, its signature and its chain status."""
    _require_auditor(request)
    query = request.GET.get("q", "").strip()
    subject, person = audit_subject(query=query) if query else (None, None)
    rows = audit_receipts(subject=subject) if subject else []
    evidence = verify_evidence() if query else None
    return render(
        request,
        "policies/admin/audit.html",
        {"query": query, "subject": subject, "person": person, "rows": rows, "evidence": evidence},
    )


def audit_download(request: HttpRequest, subject: str) -> HttpResponse:
    """Everything about one subject's receipts as one JSON file: each receipt, its JWS, the exact
    frozen text (HTML) it points to, and the check results; verifiable offline with the JWKS."""
    _require_auditor(request)
    rows = audit_receipts(subject=subject)
    if not rows:
        raise Http404
    document = {
        "subject_ref": subject,
        "generated_at": timezone.now().isoformat(),
        "jwks": jwks(),
        "receipts": [
            {
                "seq": row["receipt"].seq,
                "receipt_id": str(row["receipt"].receipt_id) if row["receipt"].receipt_id else None,
                "created_at": row["receipt"].created_at.isoformat(),
                "kind": row["receipt"].version.kind,
                "version": row["receipt"].version.version,
                "locale": row["receipt"].locale,
                "context": row["receipt"].context,
                "sha256": row["receipt"].sha256,
                "chain_hash": row["receipt"].chain_hash,
                "prev_hash": row["receipt"].prev_hash,
                "jws": row["receipt"].jws,
                "signature_valid": row["signature_ok"],
                "chain_link_valid": row["chain_ok"],
                "text_hash_valid": row["text_ok"],
                "text": (
                    {"title": row["text"].title, "body_html": row["text"].body_html, "sha256": row["text"].sha256}
                    if row["text"]
                    else None
                ),
            }
            for row in rows
        ],
    }
    response = HttpResponse(
        json.dumps(document, ensure_ascii=False, indent=2), content_type="application/json; charset=utf-8"
    )
    response["Content-Disposition"] = f'attachment; filename="policy-evidence-{subject[:12]}.json"'
    return response


def _parse_date(value: str | None) -> date | None:
    try:
        return date.fromisoformat(value) if value else None
    except ValueError:
        return None


def _cell(value: object) -> str:
    text = "" if value is None else str(value)
    # Spreadsheet formula injection: a user agent could start with "=".
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


def receipts_csv(request: HttpRequest) -> HttpResponse:
    """Auditors (staff with ``policies.export_receipts``) only; ``?kind=&version=&from=&to=`` (dates)."""
    _require_auditor(request)
    kind = request.GET.get("kind") or None
    if kind and kind not in PolicyKind.values:
        raise Http404
    version = request.GET.get("version")
    receipts = receipts_for_audit(
        kind=kind,
        version=int(version) if version and version.isdigit() else None,
        date_from=_parse_date(request.GET.get("from")),
        date_to=_parse_date(request.GET.get("to")),
    )
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    stamp = timezone.now().strftime("%Y%m%d-%H%M%S")
    response["Content-Disposition"] = f'attachment; filename="policy-receipts-{stamp}.csv"'
    writer = csv.writer(response)
    writer.writerow(CSV_COLUMNS)
    for receipt in receipts.iterator(chunk_size=2000):
        writer.writerow(
            [
                _cell(value)
                for value in (
                    receipt.seq,
                    receipt.created_at.isoformat(),
                    receipt.version.kind,
                    receipt.version.version,
                    receipt.locale,
                    receipt.sha256,
                    receipt.context,
                    receipt.subject_ref,
                    receipt.ip,
                    receipt.user_agent,
                    receipt.chain_hash,
                )
            ]
        )
    return response
