import json

import pytest

from shop.payments.providers import sign


@pytest.fixture
def terms(make_policy):
    """The current terms of sale (v1, fi) as an acknowledgement a guest sends."""
    from policies.models import PolicyVersionText

    make_policy("terms", "fi")
    text = PolicyVersionText.objects.get(version__kind="terms", locale="fi")
    return {"kind": "terms", "version": 1, "locale": "fi", "sha256": text.sha256}


def cart_with(client, product, quantity=1) -> str:
    token = client.post("/api/v1/carts/").json()["token"]
    response = client.post(
        f"/api/v1/carts/{token}/lines/", {"product_id": product.pk, "quantity": quantity}, format="json"
    )
    assert response.status_code == 201, response.json()
    return token


def checkout_body(token: str, *, total: str = "28.89", acks=(), **over) -> dict:
    body = {
        "cart_token": token,
        "contact": {"first_name": "Mari", "last_name": "Maasikas", "email": "mari@example.ee", "phone": "+37251234567"},
        "shipping": {"method": "omniva-ee", "pickup_point_id": "omniva:96331"},
        "payment_method": "test-bank",
        "expected_total": total,
        "acknowledgements": list(acks),
    }
    body.update(over)
    return body


def checkout(client, body: dict, key: str = "key-1"):
    return client.post("/api/v1/checkout/", body, format="json", HTTP_IDEMPOTENCY_KEY=key)


def webhook(client, order_number: str, payment_id: str, *, status="paid", amount="28.89", event_id="evt_1", t=None):
    raw = json.dumps(
        {
            "event_id": event_id,
            "payment_id": payment_id,
            "order_number": order_number,
            "status": status,
            "amount": amount,
            "currency": "EUR",
        }
    ).encode()
    header = sign(secret="test-webhook-secret", body=raw, timestamp=t)
    return client.post(
        "/api/v1/payments/test-bank/webhook/", raw, content_type="application/json", HTTP_X_XMI_SIGNATURE=header
    )
