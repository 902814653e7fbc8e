// Application state shared by every view: language, destination country, the session and the
// cookie choice. Kept in one small observable so the language switch re-renders in place and keeps
// the route, the cart and the session.
import { useEffect, useState } from "preact/hooks";
import type { Schemas } from "./api";
import { initialLocale, type Locale } from "./locale";

export type Country = "FI" | "EE";
export type Profile = Schemas["ProfileOutput"];

export interface CookieChoice {
  consent_id?: string | null;
  preferences: boolean;
  statistics: boolean;
  marketing: boolean;
}

export interface AppState {
  locale: Locale;
  country: Country;
  /** undefined until the session probe answered. */
  user: Profile | null | undefined;
  cookies: CookieChoice | null;
  cookieSettingsOpen: boolean;
  /** A short message shown once on the next page (after sign-in, erasure, ...). */
  flash: string | null;
  /** Bumped when recently viewed or the wishlist changed, so strips reload. */
  recentVersion: number;
  /** Items in the cart, for the header. */
  cartCount: number;
}

function stored<T>(key: string, fallback: T): T {
  try {
    const raw = localStorage.getItem(key);
    return raw === null ? fallback : (JSON.parse(raw) as T);
  } catch {
    return fallback;
  }
}

const locale = initialLocale();
let state: AppState = {
  locale,
  country: stored<Country>("xmi.country", countryFor(locale)),
  user: undefined,
  cookies: stored<CookieChoice | null>("xmi.cookies", null),
  cookieSettingsOpen: false,
  flash: null,
  recentVersion: 0,
  cartCount: 0,
};
const subscribers = new Set<() => void>();

export function getState(): AppState {
  return state;
}

/** The delivery country a language suggests (Estonian: Estonia; otherwise Finland). */
function countryFor(language: Locale): Country {
  return language === "et" ? "EE" : "FI";
}

export function setState(patch: Partial<AppState>): void {
  if (patch.country) {
    localStorage.setItem("xmi.country", JSON.stringify(patch.country)); // the shopper's own choice
  } else if (patch.locale && localStorage.getItem("xmi.country") === null) {
    // Until the shopper picks a delivery country, it follows the language, as it does when the
    // page loads: a reload must not change the prices shown.
    patch = { ...patch, country: countryFor(patch.locale) };
  }
  state = { ...state, ...patch };
  if (patch.locale) {
    localStorage.setItem("xmi.locale", patch.locale);
    document.documentElement.lang = patch.locale;
  }
  subscribers.forEach((notify) => notify());
}

export function useAppState(): AppState {
  const [, force] = useState(0);
  useEffect(() => {
    const notify = () => force((n) => n + 1);
    subscribers.add(notify);
    return () => void subscribers.delete(notify);
  }, []);
  return state;
}
