// The page frame: header with navigation, language and destination country; footer with the policy
// links and "cookie settings"; the cookie banner and the re-acceptance prompt on top.
import type { ComponentChildren } from "preact";
import { useEffect, useRef } from "preact/hooks";
import { api } from "../api";
import { LOCALES, LOCALE_NAMES, useT, type Locale } from "../i18n";
import { Link, navigate, useLocation } from "../router";
import { signOut } from "../session";
import { setState, useAppState, type Country } from "../store";
import { CookieBanner } from "./CookieBanner";
import { Reprompt } from "./Reprompt";

function Header() {
  const t = useT();
  const { locale, country, user, cartCount } = useAppState();
  const changeLocale = (value: string) => {
    const next = (LOCALES as string[]).includes(value) ? (value as Locale) : "fi";
    setState({ locale: next });
    if (user) void api.PATCH("/api/v1/me/", { body: { locale: next } });
  };
  const leave = async () => {
    await signOut();
    setState({ flash: t("signedOut") });
    navigate("/");
  };
  return (
    <header class="site-header">
      <a class="skip" href="#main">
        {t("skipToContent")}
      </a>
      <Link class="brand" href="/">
        Xmi
      </Link>
      <nav aria-label={t("mainMenu")} class="main-nav">
        <Link href="/">{t("products")}</Link>
        <Link href="/wishlist">{t("wishlist")}</Link>
        <Link href="/cart">
          {t("cart")} ({cartCount})
        </Link>
        {user ? (
          <>
            <Link href="/account">{t("account")}</Link>
            <button type="button" class="link" onClick={() => void leave()}>
              {t("signOut")}
            </button>
          </>
        ) : (
          user === null && (
            <>
              <Link href="/login">{t("signIn")}</Link>
              <Link href="/register">{t("register")}</Link>
            </>
          )
        )}
      </nav>
      <div class="switches">
        <label>
          <span>{t("language")}</span>
          <select value={locale} onChange={(e) => changeLocale((e.target as HTMLSelectElement).value)}>
            {LOCALES.map((code) => (
              <option value={code} lang={code}>
                {LOCALE_NAMES[code]}
              </option>
            ))}
          </select>
        </label>
        <label>
          <span>{t("deliveryCountry")}</span>
          <select
            value={country}
            onChange={(e) => setState({ country: (e.target as HTMLSelectElement).value as Country })}
          >
            <option value="FI">{t("countryFI")}</option>
            <option value="EE">{t("countryEE")}</option>
          </select>
        </label>
      </div>
    </header>
  );
}

function Footer() {
  const t = useT();
  return (
    <footer class="site-footer">
      <nav aria-label={t("footerMenu")}>
        <Link href="/policies/privacy">{t("privacy")}</Link>
        <Link href="/policies/terms">{t("terms")}</Link>
        <Link href="/policies/cookies">{t("cookies")}</Link>
        <button type="button" class="link" onClick={() => setState({ cookieSettingsOpen: true })}>
          {t("cookieSettings")}
        </button>
      </nav>
      <p>© Xmi · info@xmi.ee</p>
    </footer>
  );
}

export function Layout({ children }: { children: ComponentChildren }) {
  const { path } = useLocation();
  const { flash, locale } = useAppState();
  const main = useRef<HTMLElement>(null);
  const first = useRef(true);
  useEffect(() => {
    document.documentElement.lang = locale;
  }, [locale]);
  // After a client-side navigation, move focus to the new page (screen readers announce it).
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    main.current?.focus();
  }, [path]);
  return (
    <>
      <Header />
      <main id="main" ref={main} tabIndex={-1}>
        {flash && (
          <div class="notice success" role="status">
            <p>{flash}</p>
            <button type="button" class="secondary" onClick={() => setState({ flash: null })}>
              OK
            </button>
          </div>
        )}
        {children}
      </main>
      <Footer />
      <Reprompt />
      <CookieBanner />
    </>
  );
}
