"""Editors' preview: a draft policy or product page, opened from Wagtail's preview panel, is drawn
by the storefront (``/preview/<token>``) for the editor who asked, and for nobody else."""

import pytest
from django.test import RequestFactory

from policies.models import PolicyPage
from tests.policies.fixtures import body

from .conftest import choose_cookies

pytestmark = pytest.mark.django_db(transaction=True)


def _preview_path(page, user) -> str:
    request = RequestFactory().get("/admin/")
    request.user = user
    response = page.serve_preview(request, "")
    assert response.status_code == 302 and response["Location"].startswith("/preview/")
    return response["Location"]


def _sign_in(page, email: str, password: str) -> None:
    page.goto("/login")
    choose_cookies(page)
    page.get_by_label("Sähköposti").fill(email)
    page.get_by_label("Salasana").fill(password)
    page.get_by_role("main").get_by_role("button", name="Kirjaudu sisään").click()
    page.get_by_role("link", name="Oma tili").wait_for()


def test_a_draft_policy_and_product_are_previewed_in_the_storefront(page, shop, django_user_model):
    editor = django_user_model.objects.create_superuser(email="editor@xmi.ee", password="an editor passphrase")
    privacy = PolicyPage.objects.get(kind="privacy", locale__language_code="fi")
    privacy.body = body("Luonnos: uusi kohta kuljetuksista.")
    privacy.save_revision(user=editor)  # a draft: nothing is published or frozen
    draft = PolicyPage.objects.get(pk=privacy.pk).get_latest_revision_as_object()
    policy_path = _preview_path(draft, editor)

    product = shop.get_latest_revision_as_object()
    product.title = "Villasukat (uusi malli)"
    product_path = _preview_path(product, editor)

    _sign_in(page, "editor@xmi.ee", "an editor passphrase")
    page.goto(policy_path)
    page.get_by_text("Luonnos: uusi kohta kuljetuksista.").wait_for()
    assert page.get_by_role("note").inner_text() == "Esikatselu: luonnos, jota asiakkaat eivät vielä näe."
    page.goto(product_path)
    page.get_by_role("heading", name="Villasukat (uusi malli)", level=1).wait_for()
    assert "12,55" in page.locator(".big-price").inner_text()
    # The live page is unchanged.
    page.goto("/policies/privacy")
    page.get_by_text("privacy text in fi.").wait_for()
    assert page.get_by_text("Luonnos: uusi kohta kuljetuksista.").count() == 0
