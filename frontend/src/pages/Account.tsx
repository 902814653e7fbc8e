// The privacy centre: profile and refund IBAN, addresses, marketing consents, acknowledgement receipts,
// who received my data, download my data, erase my account; and a link to the order history.
import { useEffect, useState } from "preact/hooks";
import { api, download, fieldErrors, rows, unwrap, type Schemas } from "../api";
import { useT } from "../i18n";
import { ErrorBox, Field, Loaded, Loading, useFormat, useLoad, useTitle } from "../components/ui";
import { Link, navigate } from "../router";
import { setState, useAppState, type Profile } from "../store";

function Saved({ show }: { show: boolean }) {
  const t = useT();
  return show ? (
    <p class="notice success" role="status">
      {t("saved")}
    </p>
  ) : null;
}

function ProfileSection({ user }: { user: Profile }) {
  const t = useT();
  const [form, setForm] = useState({ first_name: user.first_name, last_name: user.last_name, email: user.email, phone: user.phone, refund_iban: "" });
  const [error, setError] = useState<unknown>(null);
  const [saved, setSaved] = useState(false);
  const set = (patch: Partial<typeof form>) => {
    setSaved(false);
    setForm({ ...form, ...patch });
  };
  const submit = async (event: Event) => {
    event.preventDefault();
    setError(null);
    const body: Schemas["PatchedProfileInputRequest"] = { first_name: form.first_name, last_name: form.last_name, phone: form.phone };
    if (form.email !== user.email) body.email = form.email;
    if (form.refund_iban.trim()) body.refund_iban = form.refund_iban;
    const { data, error: failed } = await api.PATCH("/api/v1/me/", { body });
    if (failed || !data) {
      setError(failed);
      return;
    }
    setState({ user: data });
    setForm({ ...form, email: data.email, refund_iban: "" });
    setSaved(true);
  };
  const errors = fieldErrors(error);
  return (
    <section id="profile" aria-labelledby="profile-title" class="panel">
      <h2 id="profile-title">{t("profile")}</h2>
      <form class="stack" onSubmit={(e) => void submit(e)} noValidate>
        {error !== null && <ErrorBox error={error} />}
        <Field name="first_name" label={t("firstName")} value={form.first_name} onInput={(v) => set({ first_name: v })} errors={errors.first_name} autocomplete="given-name" />
        <Field name="last_name" label={t("lastName")} value={form.last_name} onInput={(v) => set({ last_name: v })} errors={errors.last_name} autocomplete="family-name" />
        <Field
          name="profile_email"
          type="email"
          label={t("email")}
          value={form.email}
          onInput={(v) => set({ email: v })}
          errors={errors.email}
          autocomplete="email"
          hint={user.pending_email ? t("pendingEmail", { email: user.pending_email }) : user.email_verified ? t("emailIsVerified") : t("emailNotVerified")}
        />
        <Field name="profile_phone" type="tel" label={t("phoneOptional")} value={form.phone} onInput={(v) => set({ phone: v })} errors={errors.phone} autocomplete="tel" hint={t("phoneHint")} />
        <Field
          name="refund_iban"
          label={t("refundIban")}
          value={form.refund_iban}
          onInput={(v) => set({ refund_iban: v })}
          errors={errors.refund_iban}
          hint={user.refund_iban ? t("ibanSaved", { iban: user.refund_iban }) : t("ibanHint")}
        />
        <button type="submit">{t("saveProfile")}</button>
        <Saved show={saved} />
      </form>
    </section>
  );
}

const EMPTY_ADDRESS = { first_name: "", last_name: "", line1: "", line2: "", postcode: "", city: "", country: "FI" as Schemas["Address"]["country"], phone: "" };

function AddressesSection() {
  const t = useT();
  const load = useLoad(() => unwrap(api.GET("/api/v1/me/addresses/", { params: { query: { page_size: 100 } } })), []);
  const [form, setForm] = useState(EMPTY_ADDRESS);
  const [adding, setAdding] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const set = (patch: Partial<typeof form>) => setForm({ ...form, ...patch });
  const submit = async (event: Event) => {
    event.preventDefault();
    setError(null);
    const { error: failed } = await api.POST("/api/v1/me/addresses/", { body: form });
    if (failed) {
      setError(failed);
      return;
    }
    setForm(EMPTY_ADDRESS);
    setAdding(false);
    load.reload();
  };
  const remove = async (id: number) => {
    const { error: failed } = await api.DELETE("/api/v1/me/addresses/{id}/", { params: { path: { id: String(id) } } });
    if (failed) setError(failed);
    else load.reload();
  };
  const errors = fieldErrors(error);
  return (
    <section id="addresses" aria-labelledby="addresses-title" class="panel">
      <h2 id="addresses-title">{t("addresses")}</h2>
      <Loaded load={load}>
        {(page) =>
          page.results.length ? (
            <ul class="plain" role="list">
              {page.results.map((address) => (
                <li key={address.id} class="address">
                  <address>
                    {address.first_name} {address.last_name}
                    <br />
                    {address.line1}
                    {address.line2 && (
                      <>
                        <br />
                        {address.line2}
                      </>
                    )}
                    <br />
                    {address.postcode} {address.city}, {t(address.country === "EE" ? "countryEE" : "countryFI")}
                  </address>
                  <button type="button" class="secondary" onClick={() => void remove(address.id)}>
                    {t("deleteAddress")}
                  </button>
                </li>
              ))}
            </ul>
          ) : (
            <p class="empty">{t("noAddresses")}</p>
          )
        }
      </Loaded>
      {adding ? (
        <form class="stack" onSubmit={(e) => void submit(e)} noValidate>
          {error !== null && <ErrorBox error={error} />}
          <Field name="address_first_name" label={t("firstName")} value={form.first_name} onInput={(v) => set({ first_name: v })} errors={errors.first_name} autocomplete="given-name" />
          <Field name="address_last_name" label={t("lastName")} value={form.last_name} onInput={(v) => set({ last_name: v })} errors={errors.last_name} autocomplete="family-name" />
          <Field name="line1" label={t("addressLine1")} value={form.line1} onInput={(v) => set({ line1: v })} errors={errors.line1} autocomplete="address-line1" />
          <Field name="line2" label={t("addressLine2")} value={form.line2} onInput={(v) => set({ line2: v })} errors={errors.line2} autocomplete="address-line2" />
          <Field name="postcode" label={t("postcode")} value={form.postcode} onInput={(v) => set({ postcode: v })} errors={errors.postcode} autocomplete="postal-code" />
          <Field name="city" label={t("city")} value={form.city} onInput={(v) => set({ city: v })} errors={errors.city} autocomplete="address-level2" />
          <div class="field">
            <label for="address-country">{t("country")}</label>
            <select id="address-country" value={form.country} onChange={(e) => set({ country: (e.target as HTMLSelectElement).value as Schemas["Address"]["country"] })}>
              <option value="FI">{t("countryFI")}</option>
              <option value="EE">{t("countryEE")}</option>
            </select>
          </div>
          <Field name="address_phone" type="tel" label={t("phoneOptional")} value={form.phone} onInput={(v) => set({ phone: v })} errors={errors.phone} autocomplete="tel" />
          <div class="actions">
            <button type="submit">{t("saveAddress")}</button>
            <button type="button" class="secondary" onClick={() => setAdding(false)}>
              {t("cancel")}
            </button>
          </div>
        </form>
      ) : (
        <button type="button" class="secondary" onClick={() => setAdding(true)}>
          {t("addAddress")}
        </button>
      )}
    </section>
  );
}

type Channel = "email" | "sms";

function ConsentsSection() {
  const t = useT();
  const format = useFormat();
  const load = useLoad(() => unwrap(api.GET("/api/v1/me/consents/", {})), []);
  // The PUT answers with the whole overview, so the answer replaces the loaded one without a second
  // request; until it arrives the box shows what the shopper chose (a re-render must not undo the click).
  const [answered, setAnswered] = useState<Schemas["ConsentsOutput"] | null>(null);
  const [choosing, setChoosing] = useState<Partial<Record<Channel, boolean>>>({});
  const [error, setError] = useState<unknown>(null);
  const change = async (channel: Channel, on: boolean) => {
    setError(null);
    setChoosing((now) => ({ ...now, [channel]: on }));
    const { data, error: failed } = await api.PUT("/api/v1/me/consents/", { body: { [channel]: on } });
    if (data) setAnswered(data);
    else setError(failed);
    setChoosing(({ [channel]: _done, ...rest }) => rest);
  };
  return (
    <section id="consents" aria-labelledby="consents-title" class="panel">
      <h2 id="consents-title">{t("marketingConsents")}</h2>
      {error !== null && <ErrorBox error={error} />}
      <Loaded load={load}>
        {(loaded) => {
          const consents = answered ?? loaded;
          return (
            <ul class="plain" role="list">
              {(["email", "sms"] as const).map((channel) => {
                const consent = consents[channel];
                const on = choosing[channel] ?? (consent.status === "granted" || consent.status === "pending");
                return (
                  <li key={channel} class="consent">
                    <div class="check">
                      <input
                        type="checkbox"
                        id={`consent-${channel}`}
                        checked={on}
                        disabled={channel in choosing}
                        onChange={(e) => void change(channel, (e.target as HTMLInputElement).checked)}
                      />
                      <label for={`consent-${channel}`}>{t(channel === "email" ? "marketingEmail" : "marketingSms")}</label>
                    </div>
                    <p class="hint">
                      {t(`consent_${consent.status}`)}
                      {consent.changed_at && <> · {format.date(consent.changed_at)}</>}
                    </p>
                  </li>
                );
              })}
            </ul>
          );
        }}
      </Loaded>
    </section>
  );
}

type Receipt = Schemas["ReceiptOutput"];
type Verdict = Schemas["VerifyOutput"];

function ReceiptItem({ receipt }: { receipt: Receipt }) {
  const t = useT();
  const format = useFormat();
  const [verdict, setVerdict] = useState<Verdict | null>(null);
  const [error, setError] = useState<unknown>(null);
  const check = async () => {
    setError(null);
    setVerdict(null);
    const { data, error: failed } = await api.POST("/api/v1/policies/receipts/verify/", { body: { jws: receipt.jws } });
    if (failed || !data) setError(failed ?? null);
    else setVerdict(data);
  };
  return (
    <li class="receipt">
      <p>
        <strong>{t(receipt.kind as "privacy")}</strong> · {t("versionN", { n: String(receipt.version) })} · {receipt.locale} · {format.date(receipt.created_at)} ·{" "}
        {t(`context_${receipt.context}`)}
      </p>
      <p class="hash">
        <small>SHA-256 {receipt.sha256}</small>
      </p>
      <div class="actions">
        <Link href={`/policies/${receipt.kind}/versions/${receipt.version}`}>{t("readThisVersion")}</Link>
        <button type="button" class="secondary" onClick={() => download(`xmi-receipt-${receipt.kind}-v${receipt.version}-${receipt.id}.jws`, receipt.jws, "application/jose")}>
          {t("downloadReceipt")}
        </button>
        <button type="button" class="secondary" onClick={() => void check()}>
          {t("checkReceipt")}
        </button>
      </div>
      {error !== null && <ErrorBox error={error} />}
      {verdict &&
        (verdict.valid ? (
          <p class="notice success" role="status">
            {t("receiptValid", { kid: verdict.kid ?? "" })}
          </p>
        ) : (
          <p class="notice error" role="alert">
            {t("receiptInvalid")} {verdict.reason}
          </p>
        ))}
    </li>
  );
}

function ReceiptsSection() {
  const t = useT();
  const load = useLoad(async () => rows(await unwrap(api.GET("/api/v1/me/policies/acknowledgements/", {}))), []);
  return (
    <section id="receipts" aria-labelledby="receipts-title" class="panel">
      <h2 id="receipts-title">{t("receipts")}</h2>
      <p class="hint">
        {t("receiptsIntro")} <a href="/.well-known/jwks.json">{t("publishedKeys")}</a>
      </p>
      <Loaded load={load}>
        {(receipts) =>
          receipts.length ? (
            <ul class="plain" role="list">
              {receipts.map((receipt) => (
                <ReceiptItem key={receipt.id} receipt={receipt} />
              ))}
            </ul>
          ) : (
            <p class="empty">{t("noReceipts")}</p>
          )
        }
      </Loaded>
    </section>
  );
}

function DisclosuresSection() {
  const t = useT();
  const format = useFormat();
  const load = useLoad(() => unwrap(api.GET("/api/v1/me/disclosures/", { params: { query: { page_size: 100 } } })), []);
  return (
    <section id="disclosures" aria-labelledby="disclosures-title" class="panel">
      <h2 id="disclosures-title">{t("disclosures")}</h2>
      <p class="hint">{t("disclosuresIntro")}</p>
      <Loaded load={load}>
        {(page) =>
          page.results.length ? (
            <ul class="plain" role="list">
              {page.results.map((item, i) => (
                <li key={i}>
                  <strong>{item.recipient}</strong> · {format.date(item.created_at)}
                  <br />
                  {item.purpose}
                  {item.order_number && <> · {t("orderN", { number: item.order_number })}</>}
                  <br />
                  <span class="hint">
                    {t("fieldsShared")}: {item.fields.join(", ")}
                  </span>
                </li>
              ))}
            </ul>
          ) : (
            <p class="empty">{t("noDisclosures")}</p>
          )
        }
      </Loaded>
    </section>
  );
}

function DataSection() {
  const t = useT();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [password, setPassword] = useState("");
  const [sure, setSure] = useState(false);
  const exportData = async () => {
    setBusy(true);
    setError(null);
    const { data, error: failed, response } = await api.GET("/api/v1/me/export/", { parseAs: "text" });
    setBusy(false);
    if (failed || !response.ok) setError(failed);
    else download(`xmi-my-data-${new Date().toISOString().slice(0, 10)}.json`, data ?? "");
  };
  const erase = async (event: Event) => {
    event.preventDefault();
    setError(null);
    setBusy(true);
    const { error: failed } = await api.POST("/api/v1/me/erasure/", { body: { password } });
    setBusy(false);
    if (failed) {
      setError(failed);
      return;
    }
    localStorage.removeItem("xmi.recent");
    setState({ user: null, flash: t("accountErased") });
    navigate("/");
  };
  return (
    <section id="data" aria-labelledby="data-title" class="panel">
      <h2 id="data-title">{t("yourData")}</h2>
      {error !== null && <ErrorBox error={error} />}
      <p>{t("exportIntro")}</p>
      <button type="button" class="secondary" disabled={busy} onClick={() => void exportData()}>
        {t("downloadMyData")}
      </button>
      <h3>{t("eraseTitle")}</h3>
      <p>{t("eraseIntro")}</p>
      <form class="stack" onSubmit={(e) => void erase(e)} noValidate>
        <Field name="erase_password" type="password" label={t("passwordToConfirm")} value={password} onInput={setPassword} autocomplete="current-password" />
        <div class="check">
          <input type="checkbox" id="erase-sure" checked={sure} onChange={(e) => setSure((e.target as HTMLInputElement).checked)} />
          <label for="erase-sure">{t("eraseConfirm")}</label>
        </div>
        <button type="submit" class="danger" disabled={busy || !sure || !password}>
          {t("eraseButton")}
        </button>
      </form>
    </section>
  );
}

export function Account() {
  const t = useT();
  const { user } = useAppState();
  useTitle(t("privacyCentre"));
  useEffect(() => {
    if (user === null) navigate("/login?next=/account", { replace: true });
  }, [user]);
  if (!user) return <Loading />;
  return (
    <>
      <h1>{t("privacyCentre")}</h1>
      <p>{t("hello", { name: user.first_name || user.email })}</p>
      <nav aria-label={t("privacyCentre")} class="subnav">
        <a href="#profile">{t("profile")}</a>
        <a href="#addresses">{t("addresses")}</a>
        <a href="#consents">{t("marketingConsents")}</a>
        <a href="#receipts">{t("receipts")}</a>
        <a href="#disclosures">{t("disclosures")}</a>
        <a href="#data">{t("yourData")}</a>
        <Link href="/account/orders">{t("orders")}</Link>
      </nav>
      <div class="panels">
        <ProfileSection user={user} />
        <AddressesSection />
        <ConsentsSection />
        <ReceiptsSection />
        <DisclosuresSection />
        <DataSection />
      </div>
    </>
  );
}

