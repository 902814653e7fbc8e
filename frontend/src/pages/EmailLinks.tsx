// The pages that emails link to: verify email, confirm the newsletter, reset the password, and
// unsubscribe. Their paths are the ones the server builds from SITE_URL.
import { useEffect, useState } from "preact/hooks";
import { api, errorMessage, fieldErrors, unwrap } from "../api";
import { useT } from "../i18n";
import { ErrorBox, Field, Loaded, Loading, useLoad, useTitle } from "../components/ui";
import { Link, useLocation } from "../router";
import { probeSession } from "../session";

function Outcome({ load, done }: { load: ReturnType<typeof useLoad<unknown>>; done: string }) {
  return <Loaded load={load}>{() => <p class="notice success" role="status">{done}</p>}</Loaded>;
}

export function VerifyEmail() {
  const t = useT();
  const { query } = useLocation();
  const key = query.get("key") ?? "";
  useTitle(t("verifyEmailTitle"));
  const load = useLoad<unknown>(async () => {
    const result = await unwrap(api.POST("/api/v1/auth/verify-email/", { body: { key } }));
    await probeSession();
    return result;
  }, [key]);
  return (
    <div class="narrow">
      <h1>{t("verifyEmailTitle")}</h1>
      <Outcome load={load} done={t("emailVerified")} />
      <p>
        <Link href="/account">{t("account")}</Link>
      </p>
    </div>
  );
}

export function ConfirmConsent() {
  const t = useT();
  const { query } = useLocation();
  const token = query.get("token") ?? "";
  useTitle(t("confirmNewsletterTitle"));
  const load = useLoad<unknown>(() => unwrap(api.POST("/api/v1/consents/confirm/", { body: { token } })), [token]);
  return (
    <div class="narrow">
      <h1>{t("confirmNewsletterTitle")}</h1>
      <Outcome load={load} done={t("newsletterConfirmed")} />
    </div>
  );
}

export function Unsubscribe({ token }: { token: string }) {
  const t = useT();
  useTitle(t("unsubscribeTitle"));
  // GET only shows the state (mail scanners follow links); the button POSTs, as RFC 8058 asks.
  const state = useLoad(() => unwrap(api.GET("/api/v1/unsubscribe/{token}/", { params: { path: { token } } })), [token]);
  const [error, setError] = useState<unknown>(null);
  const unsubscribe = async () => {
    setError(null);
    const { error: failed } = await api.POST("/api/v1/unsubscribe/{token}/", { params: { path: { token } } });
    if (failed) setError(failed);
    else state.reload();
  };
  return (
    <div class="narrow">
      <h1>{t("unsubscribeTitle")}</h1>
      {error !== null && <ErrorBox error={error} />}
      <Loaded load={state}>
        {(data) =>
          data.subscribed ? (
            <>
              <p>{t("unsubscribeQuestion")}</p>
              <button type="button" onClick={() => void unsubscribe()}>
                {t("unsubscribeButton")}
              </button>
            </>
          ) : (
            <p class="notice success" role="status">
              {t("unsubscribed")}
            </p>
          )
        }
      </Loaded>
    </div>
  );
}

export function PasswordReset() {
  const t = useT();
  const { query } = useLocation();
  const uid = query.get("uid");
  const token = query.get("token");
  const [email, setEmail] = useState("");
  const [password, setPassword] = useState("");
  const [error, setError] = useState<unknown>(null);
  const [done, setDone] = useState(false);
  const [busy, setBusy] = useState(false);
  useTitle(t("passwordResetTitle"));
  useEffect(() => setDone(false), [uid, token]);
  const request = async (event: Event) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    const { error: failed } = await api.POST("/api/v1/auth/password-reset/", { body: { email } });
    setBusy(false);
    if (failed) setError(failed);
    else setDone(true);
  };
  const confirm = async (event: Event) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    const { error: failed } = await api.POST("/api/v1/auth/password-reset/confirm/", {
      body: { uid: uid ?? "", token: token ?? "", new_password: password },
    });
    setBusy(false);
    if (failed) setError(failed);
    else setDone(true);
  };
  const errors = fieldErrors(error);
  if (busy && done) return <Loading />;
  return (
    <div class="narrow">
      <h1>{t("passwordResetTitle")}</h1>
      {error !== null && (
        <div class="notice error" role="alert">
          <p>{errorMessage(error, t("error"))}</p>
        </div>
      )}
      {uid && token ? (
        done ? (
          <p class="notice success" role="status">
            {t("passwordChanged")} <Link href="/login">{t("signIn")}</Link>
          </p>
        ) : (
          <form class="stack" onSubmit={(e) => void confirm(e)} noValidate>
            <Field name="new_password" type="password" label={t("newPassword")} value={password} onInput={setPassword} errors={errors.new_password} required autocomplete="new-password" hint={t("passwordHint")} />
            <button type="submit" disabled={busy}>
              {t("setPassword")}
            </button>
          </form>
        )
      ) : done ? (
        <p class="notice success" role="status">
          {t("passwordResetSent")}
        </p>
      ) : (
        <form class="stack" onSubmit={(e) => void request(e)} noValidate>
          <p>{t("passwordResetIntro")}</p>
          <Field name="email" type="email" label={t("email")} value={email} onInput={setEmail} errors={errors.email} required autocomplete="email" />
          <button type="submit" disabled={busy}>
            {t("sendResetLink")}
          </button>
        </form>
      )}
    </div>
  );
}
