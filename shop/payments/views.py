"""The test bank's own page (``test-bank``, on by default outside production).

It stands in for a bank link: the shopper lands here from the checkout's ``redirect_url``, sees
the amount and chooses to approve or cancel. The form posts ``decision`` back to the same URL;
the "bank" then sends the signed webhook to the shop's webhook endpoint (in process, through the
same view and the same signature check a real provider's call takes) and sends the shopper back
to the storefront's order page, where the order is already ``paid``.
"""

import io
import json
import secrets

from django.conf import settings
from django.core.handlers.wsgi import WSGIRequest
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import resolve, reverse
from django.utils import translation
from django.views.decorators.http import require_http_methods

from shop.orders.services import order_lookup_url

from .models import Payment, PaymentStatus
from .providers import SIGNATURE_HEADER, TestBank, sign

DECISIONS = {"approve": PaymentStatus.PAID, "cancel": PaymentStatus.CANCELLED}


def webhook_deliver(*, provider: str, body: bytes, signature: str) -> int:
    """Call the shop's webhook endpoint in process, as an HTTP request would; returns the status."""
    path = reverse("api-v1:payment-webhook", kwargs={"provider": provider})
    request = WSGIRequest(
        {
            "REQUEST_METHOD": "POST",
            "PATH_INFO": path,
            "SCRIPT_NAME": "",
            "SERVER_NAME": "localhost",
            "SERVER_PORT": "80",
            "wsgi.url_scheme": "http",
            "wsgi.input": io.BytesIO(body),
            "CONTENT_TYPE": "application/json",
            "CONTENT_LENGTH": str(len(body)),
            "HTTP_" + SIGNATURE_HEADER.upper().replace("-", "_"): signature,
        }
    )
    match = resolve(path)
    response = match.func(request, *match.args, **match.kwargs)
    return response.status_code


@require_http_methods(["GET", "POST"])
def test_bank(request: HttpRequest, payment_id: str) -> HttpResponse:
    if not settings.PAYMENT_TEST_BANK_ENABLED:
        raise Http404
    payment = Payment.objects.select_related("order").filter(provider=TestBank.code, payment_id=payment_id).first()
    if payment is None:
        raise Http404
    order = payment.order
    with translation.override(order.locale):
        if request.method == "POST" and payment.status == PaymentStatus.PENDING:
            status = DECISIONS.get(request.POST.get("decision", ""))
            if status is None:
                return render(request, "payments/test_bank.html", {"payment": payment, "order": order}, status=400)
            body = json.dumps(
                {
                    "event_id": "evt_" + secrets.token_hex(12),
                    "payment_id": payment.payment_id,
                    "order_number": order.number,
                    "status": status,
                    "amount": str(payment.amount),
                    "currency": payment.currency,
                }
            ).encode()
            webhook_deliver(provider=TestBank.code, body=body, signature=sign(secret=TestBank().secret(), body=body))
            return HttpResponseRedirect(order_lookup_url(order=order))
        if request.method == "POST":
            return HttpResponseRedirect(order_lookup_url(order=order))
        return render(request, "payments/test_bank.html", {"payment": payment, "order": order})
