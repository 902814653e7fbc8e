// Sign in and sign up. Signup shows the current privacy policy (version and readable text) with an
// unticked acknowledgement box and unticked marketing boxes; the typed values survive reading the
// policy (inline, or on the policy page and back) because the draft is kept for this tab.
import { useEffect, useState } from "preact/hooks";
import { api, errorMessage, fieldErrors, unwrap, type Schemas } from "../api";
import { useT } from "../i18n";
import { ErrorBox, Field, Loaded, useLoad, useTitle } from "../components/ui";
import { Link, navigate, useLocation } from "../router";
import { cartToken } from "../cart";
import { signedIn } from "../session";
import { setState, useAppState } from "../store";

function safeNext(next: string | null): string {
  return next && next.startsWith("/") && !next.startsWith("//") ? next : "/";
}

export function Login() {
  const t = useT();
  const { query } = useLocation();
  const [email, setEmail] = useState("");
  const [password, setPassword] = useState("");
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  useTitle(t("signIn"));
  const submit = async (event: Event) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    const token = cartToken();
    const { data, error: failed } = await api.POST("/api/v1/auth/login/", { body: { email, password, ...(token ? { cart_token: token } : {}) } });
    setBusy(false);
    if (failed || !data) {
      setError(failed);
      return;
    }
    await signedIn(data.user);
    setState({ flash: t("welcomeBack", { name: data.user.first_name }) });
    navigate(safeNext(query.get("next")));
  };
  return (
    <div class="narrow">
      <h1>{t("signIn")}</h1>
      <form class="stack" onSubmit={(e) => void submit(e)} noValidate>
        {error !== null && <ErrorBox error={error} />}
        <Field name="email" type="email" label={t("email")} value={email} onInput={setEmail} required autocomplete="email" />
        <Field name="password" type="password" label={t("password")} value={password} onInput={setPassword} required autocomplete="current-password" />
        <button type="submit" disabled={busy}>
          {t("signIn")}
        </button>
      </form>
      <p>
        <Link href="/account/password-reset">{t("forgotPassword")}</Link>
      </p>
      <p>
        {t("noAccountYet")} <Link href="/register">{t("createFreeAccount")}</Link>
      </p>
    </div>
  );
}

interface Draft {
  first_name: string;
  last_name: string;
  email: string;
  phone: string;
  acknowledged: boolean;
  marketing_email: boolean;
  marketing_sms: boolean;
}
const EMPTY: Draft = { first_name: "", last_name: "", email: "", phone: "", acknowledged: false, marketing_email: false, marketing_sms: false };
const DRAFT_KEY = "xmi.signup-draft";

function loadDraft(): Draft {
  try {
    return { ...EMPTY, ...(JSON.parse(sessionStorage.getItem(DRAFT_KEY) ?? "{}") as Partial<Draft>) };
  } catch {
    return EMPTY;
  }
}

export function Register() {
  const t = useT();
  const { locale } = useAppState();
  const [draft, setDraft] = useState<Draft>(loadDraft);
  const [password, setPassword] = useState("");
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  useTitle(t("register"));
  // The password is never written to storage; everything else survives a visit to the policy page.
  useEffect(() => sessionStorage.setItem(DRAFT_KEY, JSON.stringify(draft)), [draft]);
  const policy = useLoad(() => unwrap(api.GET("/api/v1/policies/{kind}/", { params: { path: { kind: "privacy" }, query: { locale } } })), [locale]);
  const set = (patch: Partial<Draft>) => setDraft({ ...draft, ...patch });
  const errors = fieldErrors(error);

  const submit = async (event: Event, current: Schemas["PolicyTextOutput"]) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    const { data, error: failed } = await api.POST("/api/v1/auth/register/", {
      body: {
        email: draft.email,
        password,
        first_name: draft.first_name,
        last_name: draft.last_name,
        phone: draft.phone,
        locale,
        acknowledgements: draft.acknowledged
          ? [{ kind: current.kind, version: current.version, locale: current.locale as Schemas["LocaleEnum"], sha256: current.sha256 }]
          : [],
        marketing: { email: draft.marketing_email, sms: draft.marketing_sms },
      },
    });
    setBusy(false);
    if (failed || !data) {
      setError(failed);
      // A newer policy was published while the form was open: show it and ask again.
      if ((failed as { error?: { code?: string } } | undefined)?.error?.code === "policy_acknowledgement_required") {
        set({ acknowledged: false });
        policy.reload();
      }
      return;
    }
    sessionStorage.removeItem(DRAFT_KEY);
    await signedIn(data.user);
    setState({ flash: t("welcomeNew", { email: data.user.email }) });
    navigate("/account");
  };

  return (
    <div class="narrow">
      <h1>{t("register")}</h1>
      <p>{t("registerIntro")}</p>
      <Loaded load={policy}>
        {(current) => (
          <form class="stack" onSubmit={(e) => void submit(e, current)} noValidate>
            {error !== null && (
              <div class="notice error" role="alert">
                <p>{errorMessage(error, t("error"))}</p>
              </div>
            )}
            <Field name="first_name" label={t("firstName")} value={draft.first_name} onInput={(v) => set({ first_name: v })} errors={errors.first_name} required autocomplete="given-name" />
            <Field name="last_name" label={t("lastName")} value={draft.last_name} onInput={(v) => set({ last_name: v })} errors={errors.last_name} required autocomplete="family-name" />
            <Field name="email" type="email" label={t("email")} value={draft.email} onInput={(v) => set({ email: v })} errors={errors.email} required autocomplete="email" />
            <Field name="phone" type="tel" label={t("phoneOptional")} value={draft.phone} onInput={(v) => set({ phone: v })} errors={errors.phone} autocomplete="tel" hint={t("phoneHint")} />
            <Field
              name="password"
              type="password"
              label={t("password")}
              value={password}
              onInput={setPassword}
              errors={errors.password}
              required
              autocomplete="new-password"
              hint={t("passwordHint")}
            />
            <section class="policy-box" aria-labelledby="signup-policy">
              <h2 id="signup-policy">
                {current.title} <span class="meta">({t("versionN", { n: String(current.version) })})</span>
              </h2>
              <details>
                <summary>{t("readPolicyHere")}</summary>
                <div class="policy-body" dangerouslySetInnerHTML={{ __html: current.body_html }} />
              </details>
              <p>
                <Link href="/policies/privacy">{t("openPolicyPage")}</Link>
              </p>
            </section>
            <div class="check">
              <input
                type="checkbox"
                id="acknowledge"
                checked={draft.acknowledged}
                aria-invalid={errors.acknowledgements ? "true" : undefined}
                onChange={(e) => set({ acknowledged: (e.target as HTMLInputElement).checked })}
              />
              <label for="acknowledge">{t("acknowledge", { version: String(current.version) })}</label>
            </div>
            {errors.acknowledgements && <p class="field-error">{errors.acknowledgements.join(" ")}</p>}
            <fieldset>
              <legend>{t("marketingLegend")}</legend>
              <div class="check">
                <input type="checkbox" id="marketing-email" checked={draft.marketing_email} onChange={(e) => set({ marketing_email: (e.target as HTMLInputElement).checked })} />
                <label for="marketing-email">{t("marketingEmail")}</label>
              </div>
              <div class="check">
                <input type="checkbox" id="marketing-sms" checked={draft.marketing_sms} onChange={(e) => set({ marketing_sms: (e.target as HTMLInputElement).checked })} />
                <label for="marketing-sms">{t("marketingSms")}</label>
              </div>
            </fieldset>
            <button type="submit" disabled={busy}>
              {t("register")}
            </button>
          </form>
        )}
      </Loaded>
      <p>
        {t("haveAccount")} <Link href="/login">{t("signIn")}</Link>
      </p>
    </div>
  );
}
