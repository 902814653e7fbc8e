"""Cart and checkout in a real browser: add to cart, switch language mid-way, check out to a parcel
locker, pay at the test bank and land on the paid order; the guest's order link works."""

import re

import pytest
from playwright.sync_api import expect

from shop.orders.models import Order
from tests.shop.conftest import import_samples, make_methods

from .conftest import choose_cookies, sign_up
from .test_layout import _check

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def shipping(shop, settings, live_server):
    # The test bank's page and the order link after paying are absolute URLs built from SITE_URL.
    settings.SITE_URL = live_server.url
    make_methods()
    import_samples()
    return shop


def _fill_contact(page) -> None:
    page.get_by_label("Etunimi").fill("Mari")
    page.get_by_label("Sukunimi").fill("Maasikas")
    page.get_by_label("Sähköposti").fill("mari@example.ee")
    page.get_by_label("Puhelin", exact=True).fill("+37251234567")


def test_guest_adds_to_cart_switches_language_and_pays_for_a_parcel_locker_delivery(page, shipping, console_errors):
    page.goto("/")
    choose_cookies(page)
    page.goto("/products/villasukat")
    page.get_by_role("button", name="Lisää ostoskoriin").click()
    page.get_by_text("Lisätty ostoskoriin.").wait_for()
    page.get_by_role("link", name="Ostoskori (1)").click()
    page.get_by_role("heading", name="Ostoskori", level=1).wait_for()

    # Mid-way to Estonian and to Estonian delivery: same cart, prices with Estonian VAT.
    page.get_by_label("Kieli").select_option("et")
    page.get_by_label("Tarneriik").select_option("EE")
    page.get_by_role("heading", name="Ostukorv", level=1).wait_for()
    page.get_by_role("link", name="Villased sokid").wait_for()
    expect(page.locator(".totals")).to_contain_text("12,40")  # 10.00 + 24 %: re-priced for Estonia
    page.get_by_label("Keel").select_option("fi")
    page.get_by_role("link", name="Siirry kassalle").click()
    page.get_by_role("heading", name="Kassa", level=1).wait_for()

    _fill_contact(page)
    page.get_by_label(re.compile("^Omniva ·")).check()
    page.get_by_label("Hae paikkakunnalla, postinumerolla tai nimellä").fill("Tallinn")
    page.get_by_role("button", name="Hae", exact=True).click()
    page.locator(".points input[type=radio]").first.check()
    page.get_by_label(re.compile("Hyväksyn toimitusehdot")).check()
    expect(page.locator(".checkout .totals")).to_contain_text("16,39")  # 12.40 + Omniva 3.99
    page.get_by_role("button", name="Siirry maksamaan").click()

    page.get_by_role("button", name=re.compile("Hyväksy maksu|Approve payment")).click()
    page.get_by_text("Kiitos! Maksu on vastaanotettu.").wait_for()
    order = Order.objects.get()
    assert order.status == "paid"
    assert order.pickup_point_id
    assert order.number in page.get_by_role("heading", level=1).inner_text()
    assert "/orders/lookup?token=" in page.url  # a guest lands on the signed order link
    assert page.get_by_role("link", name="Ostoskori (0)").is_visible()


def test_signed_in_shopper_sees_the_paid_order_in_the_history(page, shipping):
    page.goto("/")
    choose_cookies(page)
    sign_up(page, email="mari@example.ee", first="Mari")
    page.goto("/products/villasukat")
    page.get_by_role("button", name="Lisää ostoskoriin").click()
    page.get_by_text("Lisätty ostoskoriin.").wait_for()
    page.get_by_label("Toimitusmaa").select_option("EE")
    page.goto("/checkout")
    page.get_by_label("Puhelin", exact=True).fill("+37251234567")
    page.get_by_label(re.compile("^Omniva ·")).check()
    page.locator(".points input[type=radio]").first.check()
    page.get_by_label(re.compile("Hyväksyn toimitusehdot")).check()
    page.get_by_role("button", name="Siirry maksamaan").click()
    page.get_by_role("button", name=re.compile("Hyväksy maksu|Approve payment")).click()
    page.get_by_text("Kiitos! Maksu on vastaanotettu.").wait_for()
    number = Order.objects.get().number
    page.goto("/account/orders")
    page.get_by_role("link", name=number).wait_for()
    assert "Maksettu" in page.locator("table.orders").inner_text()


@pytest.mark.parametrize("width", [1280, 390])
def test_cart_and_checkout_fit_the_screen_pass_axe_and_log_no_errors(page, shipping, console_errors, width):
    page.set_viewport_size({"width": width, "height": 900})
    page.goto("/")
    choose_cookies(page)
    page.goto("/products/villasukat")
    page.get_by_role("button", name="Lisää ostoskoriin").click()
    page.get_by_text("Lisätty ostoskoriin.").wait_for()
    problems = _check(page, "cart", "/cart", "Ostoskori", width)
    problems += _check(page, "checkout", "/checkout", "Kassa", width)
    assert problems == []
