// The cookie choice: necessary cookies always; preferences, statistics and marketing only when the
// visitor says so. Recorded through the API (with the cookie policy version shown) and reopened from
// "cookie settings" in every footer.
import { useEffect, useState } from "preact/hooks";
import { api, errorMessage } from "../api";
import { useT } from "../i18n";
import { forgetLocalRecent } from "../recent";
import { Link } from "../router";
import { getState, setState, useAppState, type CookieChoice } from "../store";

export function CookieBanner() {
  const t = useT();
  const { cookies, cookieSettingsOpen, locale } = useAppState();
  const open = cookies === null || cookieSettingsOpen;
  const [choice, setChoice] = useState({ preferences: false, statistics: false, marketing: false });
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    if (open && cookies) setChoice({ preferences: cookies.preferences, statistics: cookies.statistics, marketing: cookies.marketing });
  }, [open]);
  if (!open) return null;

  const save = async (picked: typeof choice) => {
    setBusy(true);
    setError(null);
    const policy = await api.GET("/api/v1/policies/{kind}/", { params: { path: { kind: "cookies" }, query: { locale } } });
    const { data, error: failed } = await api.POST("/api/v1/cookie-consents/", {
      body: { consent_id: getState().cookies?.consent_id ?? null, categories: picked, policy_version: policy.data?.version ?? 1 },
    });
    setBusy(false);
    if (failed || !data) {
      setError(errorMessage(failed, t("error")));
      return;
    }
    const stored: CookieChoice = { ...picked, consent_id: data.consent_id };
    localStorage.setItem("xmi.cookies", JSON.stringify(stored));
    if (!picked.preferences) forgetLocalRecent();
    setState({ cookies: stored, cookieSettingsOpen: false, recentVersion: getState().recentVersion + 1 });
  };
  const box = (name: keyof typeof choice, label: string, hint: string) => (
    <div class="check">
      <input
        type="checkbox"
        id={`cookie-${name}`}
        checked={choice[name]}
        onChange={(e) => setChoice({ ...choice, [name]: (e.target as HTMLInputElement).checked })}
      />
      <label for={`cookie-${name}`}>
        <strong>{label}</strong> <span class="hint">{hint}</span>
      </label>
    </div>
  );
  return (
    <section class="cookie-banner" id="cookie-banner" aria-labelledby="cookie-title">
      <h2 id="cookie-title">{t("cookieTitle")}</h2>
      <p>
        {t("cookieText")} <Link href="/policies/cookies">{t("cookies")}</Link>
      </p>
      {/* On a first visit the categories fold away (the banner stays small on a phone); the two
          one-click answers are always there, equally prominent. Reopened from the footer, the
          visitor came to change a category: they are shown at once. */}
      <details class="cookie-choose" open={cookieSettingsOpen}>
        <summary>{t("cookieChoose")}</summary>
      <fieldset>
        <legend class="visually-hidden">{t("cookieCategories")}</legend>
        <div class="check">
          <input type="checkbox" id="cookie-necessary" checked disabled />
          <label for="cookie-necessary">
            <strong>{t("cookieNecessary")}</strong> <span class="hint">{t("cookieNecessaryHint")}</span>
          </label>
        </div>
        {box("preferences", t("cookiePreferences"), t("cookiePreferencesHint"))}
        {box("statistics", t("cookieStatistics"), t("cookieStatisticsHint"))}
        {box("marketing", t("cookieMarketing"), t("cookieMarketingHint"))}
      </fieldset>
        <button type="button" class="secondary" disabled={busy} onClick={() => void save(choice)}>
          {t("saveChoices")}
        </button>
      </details>
      {error && (
        <p class="field-error" role="alert">
          {error}
        </p>
      )}
      <div class="actions">
        <button type="button" disabled={busy} onClick={() => void save({ preferences: true, statistics: true, marketing: true })}>
          {t("acceptAll")}
        </button>
        <button type="button" disabled={busy} onClick={() => void save({ preferences: false, statistics: false, marketing: false })}>
          {t("necessaryOnly")}
        </button>
      </div>
    </section>
  );
}
