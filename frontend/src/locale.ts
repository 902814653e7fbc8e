// The three storefront languages and the first choice (saved choice, else the browser's, else Finnish).
export type Locale = "fi" | "et" | "en";
export const LOCALES: Locale[] = ["fi", "et", "en"];

export function initialLocale(): Locale {
  const saved = localStorage.getItem("xmi.locale");
  if (saved && (LOCALES as string[]).includes(saved)) return saved as Locale;
  const browser = navigator.language.slice(0, 2);
  return (LOCALES as string[]).includes(browser) ? (browser as Locale) : "fi";
}
