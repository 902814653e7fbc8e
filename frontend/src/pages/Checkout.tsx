// Checkout: contact, delivery to a parcel locker (searched) or by courier, the terms, and payment
// through the provider's page (the built-in test bank outside production).
import { useEffect, useMemo, useState } from "preact/hooks";
import { api, fieldErrors, isApiError, unwrap, type Schemas } from "../api";
import { forgetCart, loadCart, type Cart } from "../cart";
import { useT } from "../i18n";
import { ErrorBox, Field, Loaded, Loading, useFormat, useLoad, useTitle } from "../components/ui";
import { Link } from "../router";
import { useAppState } from "../store";
import { Totals } from "./Cart";

type Method = Schemas["ShippingMethod"];
type Point = Schemas["PickupPoint"];

function PickupSearch({ method, country, chosen, onChoose }: { method: Method; country: string; chosen: string; onChoose: (id: string) => void }) {
  const t = useT();
  const [q, setQ] = useState("");
  const [search, setSearch] = useState("");
  const points = useLoad(
    async () => (await unwrap(api.GET("/api/v1/pickup-points/", { params: { query: { carrier: method.carrier, country: country as "FI", q: search || undefined, page_size: 20 } } }))).results,
    [method.code, country, search],
  );
  return (
    <fieldset>
      <legend>{t("pickupPoint")}</legend>
      <form
        class="inline"
        role="search"
        onSubmit={(e) => {
          e.preventDefault();
          setSearch(q.trim());
        }}
      >
        <label for="pickup-search" class="visually-hidden">
          {t("pickupSearch")}
        </label>
        <input id="pickup-search" type="search" placeholder={t("pickupSearch")} value={q} onInput={(e) => setQ((e.target as HTMLInputElement).value)} />
        <button type="submit">{t("searchButton")}</button>
      </form>
      <Loaded load={points}>
        {(list: Point[]) =>
          list.length ? (
            <ul class="plain points" role="list">
              {list.map((point) => (
                <li key={point.id} class="check">
                  <input type="radio" name="pickup" id={`point-${point.id}`} checked={chosen === point.id} onChange={() => onChoose(point.id)} />
                  <label for={`point-${point.id}`}>
                    <strong>{point.name}</strong>
                    <br />
                    <span class="hint">
                      {point.address}, {point.postcode} {point.city}
                    </span>
                  </label>
                </li>
              ))}
            </ul>
          ) : (
            <p class="empty">{t("noPickupPoints")}</p>
          )
        }
      </Loaded>
    </fieldset>
  );
}

export function Checkout() {
  const t = useT();
  const format = useFormat();
  const { user, locale, country } = useAppState();
  const idempotencyKey = useMemo(() => crypto.randomUUID(), []);
  const [contact, setContact] = useState({ first_name: "", last_name: "", email: "", phone: "" });
  const [methodCode, setMethodCode] = useState("");
  const [point, setPoint] = useState("");
  const [address, setAddress] = useState({ line1: "", line2: "", postcode: "", city: "" });
  const [acceptTerms, setAcceptTerms] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const [cart, setCart] = useState<Cart | null>(null);
  useTitle(t("checkout"));
  useEffect(() => {
    if (user) setContact((c) => ({ first_name: c.first_name || user.first_name, last_name: c.last_name || user.last_name, email: c.email || user.email, phone: c.phone || user.phone }));
  }, [user?.id]);

  const methods = useLoad(async () => (await unwrap(api.GET("/api/v1/shipping-methods/", { params: { query: { country, locale } } }))).results, [country, locale]);
  const terms = useLoad(() => unwrap(api.GET("/api/v1/policies/{kind}/", { params: { path: { kind: "terms" }, query: { locale } } })), [locale]);
  // Only the answer to the latest question is kept (useLoad drops overtaken ones): the total the
  // shopper confirms is the one for the country and method now chosen.
  const cartLoad = useLoad(() => loadCart(methodCode || undefined), [country, locale, methodCode]);
  const loadedCart = cartLoad.status === "ready" ? cartLoad.data : null;
  useEffect(() => {
    if (loadedCart) setCart(loadedCart);
  }, [loadedCart]);
  useEffect(() => {
    if (methods.status === "ready" && !methods.data.some((m) => m.code === methodCode)) {
      setMethodCode(methods.data[0]?.code ?? "");
      setPoint("");
    }
  }, [methods.status, country]);
  const method = methods.status === "ready" ? methods.data.find((m) => m.code === methodCode) : undefined;

  const submit = async (event: Event) => {
    event.preventDefault();
    if (!cart || !method || terms.status !== "ready") return;
    setBusy(true);
    setError(null);
    const policy = terms.data;
    const { data, error: failed } = await api.POST("/api/v1/checkout/", {
      params: { header: { "Idempotency-Key": idempotencyKey } },
      body: {
        cart_token: cart.token,
        contact,
        shipping:
          method.kind === "pickup_point"
            ? { method: method.code, pickup_point_id: point }
            : { method: method.code, address: { ...address, country: country as "FI" } },
        payment_method: "test-bank",
        expected_total: cart.totals.grand_total,
        acknowledgements: acceptTerms ? [{ kind: policy.kind, version: policy.version, locale: policy.locale as Schemas["LocaleEnum"], sha256: policy.sha256 }] : [],
      },
    });
    if (failed || !data) {
      setBusy(false);
      setError(failed);
      const envelope: unknown = failed;
      if (isApiError(envelope) && envelope.error.code === "total_changed") cartLoad.reload();
      return;
    }
    forgetCart();
    // The payment provider's page; it sends the shopper back to the order page.
    window.location.assign(data.payment.redirect_url);
  };

  const errors = fieldErrors(error);
  if (cartLoad.status === "ready" && !cartLoad.data.lines.length)
    return (
      <>
        <h1>{t("checkout")}</h1>
        <p class="empty">
          {t("cartEmpty")} <Link href="/">{t("backToShop")}</Link>
        </p>
      </>
    );
  return (
    <>
      <h1>{t("checkout")}</h1>
      <form class="checkout" onSubmit={(e) => void submit(e)} noValidate>
        <section class="panel" aria-labelledby="contact-title">
          <h2 id="contact-title">{t("contactDetails")}</h2>
          <div class="stack">
            <Field name="contact_first_name" label={t("firstName")} value={contact.first_name} onInput={(v) => setContact({ ...contact, first_name: v })} errors={errors.first_name} autocomplete="given-name" required />
            <Field name="contact_last_name" label={t("lastName")} value={contact.last_name} onInput={(v) => setContact({ ...contact, last_name: v })} errors={errors.last_name} autocomplete="family-name" required />
            <Field name="contact_email" type="email" label={t("email")} value={contact.email} onInput={(v) => setContact({ ...contact, email: v })} errors={errors.email} autocomplete="email" required />
            <Field name="contact_phone" type="tel" label={t("phone")} value={contact.phone} onInput={(v) => setContact({ ...contact, phone: v })} errors={errors.phone} autocomplete="tel" hint={t("phoneHint")} required />
          </div>
        </section>
        <section class="panel" aria-labelledby="delivery-title">
          <h2 id="delivery-title">
            {t("delivery")} ({t(country === "EE" ? "countryEE" : "countryFI")})
          </h2>
          <Loaded load={methods}>
            {(list) => (
              <fieldset>
                <legend>{t("shippingMethod")}</legend>
                {list.map((m) => (
                  <div class="check" key={m.code}>
                    <input type="radio" name="method" id={`method-${m.code}`} checked={m.code === methodCode} onChange={() => { setMethodCode(m.code); setPoint(""); }} />
                    <label for={`method-${m.code}`}>
                      {m.name} · {format.money(m.price.gross, m.price.currency)}
                    </label>
                  </div>
                ))}
              </fieldset>
            )}
          </Loaded>
          {method?.kind === "pickup_point" && <PickupSearch method={method} country={country} chosen={point} onChoose={setPoint} />}
          {method?.kind === "courier" && (
            <div class="stack">
              <Field name="ship_line1" label={t("addressLine1")} value={address.line1} onInput={(v) => setAddress({ ...address, line1: v })} autocomplete="address-line1" required />
              <Field name="ship_line2" label={t("addressLine2")} value={address.line2} onInput={(v) => setAddress({ ...address, line2: v })} autocomplete="address-line2" />
              <Field name="ship_postcode" label={t("postcode")} value={address.postcode} onInput={(v) => setAddress({ ...address, postcode: v })} autocomplete="postal-code" required />
              <Field name="ship_city" label={t("city")} value={address.city} onInput={(v) => setAddress({ ...address, city: v })} autocomplete="address-level2" required />
            </div>
          )}
        </section>
        <section class="panel" aria-labelledby="summary-title">
          <h2 id="summary-title">{t("orderSummary")}</h2>
          {cart ? <Totals totals={cart.totals} /> : <Loading />}
          <Loaded load={terms}>
            {(policy) => (
              <div class="check">
                <input type="checkbox" id="accept-terms" checked={acceptTerms} onChange={(e) => setAcceptTerms((e.target as HTMLInputElement).checked)} />
                <label for="accept-terms">
                  {t("acceptTerms", { version: String(policy.version) })} (<Link href="/policies/terms">{t("terms")}</Link>)
                </label>
              </div>
            )}
          </Loaded>
          <p class="hint">{t("testBankNote")}</p>
          {error !== null && <ErrorBox error={error} />}
          <button type="submit" disabled={busy || !cart || !method || (method.kind === "pickup_point" && !point) || !acceptTerms}>
            {t("payNow")}
          </button>
        </section>
      </form>
    </>
  );
}

