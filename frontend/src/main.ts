// The Xmi storefront: a small hash-routed app on the /api/v1/ JSON API.
import "./style.css";
import { api, errorMessage, setLocaleSource, type Schemas } from "./api";
import { initialLocale, LOCALES, t, type Locale, type MessageKey } from "./i18n";

interface CookieChoice {
  consent_id?: string;
  preferences: boolean;
  statistics: boolean;
  marketing: boolean;
}

type ProductCard = Schemas["ProductCard"];
type Image = Schemas["Image"];

const state = {
  locale: initialLocale(),
  signedIn: false,
  cookies: loadCookieChoice(),
};

const app = document.querySelector<HTMLElement>("#app")!;
const nav = document.querySelector<HTMLElement>("#nav")!;
const recent = document.querySelector<HTMLElement>("#recently-viewed")!;
const footer = document.querySelector<HTMLElement>("#footer")!;
const banner = document.querySelector<HTMLElement>("#cookie-banner")!;
const langSelect = document.querySelector<HTMLSelectElement>("#lang")!;

const tr = (key: MessageKey) => t(state.locale, key);
const query = () => ({ locale: state.locale });
setLocaleSource(() => state.locale);

function el<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attrs: Record<string, string> = {},
  ...children: (Node | string)[]
): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) node.setAttribute(name, value);
  node.append(...children);
  return node;
}

function money(price: Schemas["Money"]): string {
  return new Intl.NumberFormat(state.locale, { style: "currency", currency: price.currency }).format(
    Number(price.gross),
  );
}

// --- cookie consent --------------------------------------------------------------------------------
function loadCookieChoice(): CookieChoice | null {
  try {
    return JSON.parse(localStorage.getItem("xmi.cookies") ?? "null") as CookieChoice | null;
  } catch {
    return null;
  }
}

async function saveCookieChoice(choice: CookieChoice): Promise<void> {
  const policy = await api.GET("/api/v1/policies/{kind}/", { params: { path: { kind: "cookies" }, query: query() } });
  const { data } = await api.POST("/api/v1/cookie-consents/", {
    body: {
      consent_id: choice.consent_id ?? null,
      categories: { preferences: choice.preferences, statistics: choice.statistics, marketing: choice.marketing },
      policy_version: policy.data?.version ?? 1,
    },
  });
  const stored: CookieChoice = { ...choice, consent_id: data?.consent_id ?? choice.consent_id };
  localStorage.setItem("xmi.cookies", JSON.stringify(stored));
  state.cookies = stored;
  if (!stored.preferences) localStorage.removeItem("xmi.recent"); // kept only with preference consent
  banner.hidden = true;
  await renderRecent();
}

function renderCookieBanner(): void {
  if (state.cookies) return;
  const box = (name: string, label: MessageKey) =>
    el("label", {}, el("input", { type: "checkbox", name }), " ", tr(label));
  const form = el(
    "form",
    { "aria-label": tr("cookies") },
    el("p", {}, tr("cookieText"), " ", el("a", { href: "#/policies/cookies" }, tr("cookies"))),
    box("preferences", "cookiePreferences"),
    box("statistics", "cookieStatistics"),
    box("marketing", "cookieMarketing"),
    el("button", { type: "submit" }, tr("save")),
    el("button", { type: "button", "data-all": "1" }, tr("acceptAll")),
    el("button", { type: "button", "data-none": "1" }, tr("necessaryOnly")),
  );
  const checked = (name: string) => (form.elements.namedItem(name) as HTMLInputElement).checked;
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    void saveCookieChoice({
      preferences: checked("preferences"),
      statistics: checked("statistics"),
      marketing: checked("marketing"),
    });
  });
  form.querySelector("[data-all]")!.addEventListener("click", () => {
    void saveCookieChoice({ preferences: true, statistics: true, marketing: true });
  });
  form.querySelector("[data-none]")!.addEventListener("click", () => {
    void saveCookieChoice({ preferences: false, statistics: false, marketing: false });
  });
  banner.replaceChildren(form);
  banner.hidden = false;
}

// --- recently viewed --------------------------------------------------------------------------------
function localRecent(): ProductCard[] {
  if (!state.cookies?.preferences) return [];
  try {
    return JSON.parse(localStorage.getItem("xmi.recent") ?? "[]") as ProductCard[];
  } catch {
    return [];
  }
}

async function rememberViewed(product: ProductCard): Promise<void> {
  if (state.signedIn) {
    await api.POST("/api/v1/recently-viewed/", { body: { product_id: product.id } });
  } else if (state.cookies?.preferences) {
    const list = [product, ...localRecent().filter((p) => p.id !== product.id)].slice(0, 20);
    localStorage.setItem("xmi.recent", JSON.stringify(list));
  }
  await renderRecent();
}

async function renderRecent(): Promise<void> {
  let items: ProductCard[] = localRecent();
  if (state.signedIn) {
    const { data } = await api.GET("/api/v1/recently-viewed/", { params: { query: query() } });
    items = (data?.results ?? []).flatMap((item) => (item.product ? [item.product] : []));
  }
  const list = items.length
    ? el("ul", {}, ...items.map((p) => el("li", {}, el("a", { href: `#/products/${p.slug}` }, p.title))))
    : el("p", { class: "empty" }, tr("noProducts"));
  recent.replaceChildren(el("h2", {}, tr("recentlyViewed")), list);
}

// --- views ------------------------------------------------------------------------------------------
// Each navigation gets a number; a view whose requests finish after the shopper moved on renders
// nothing, so a slow earlier page never overwrites the current one.
let navigation = 0;

function show(nav: number, ...nodes: (Node | string)[]): boolean {
  if (nav !== navigation) return false;
  app.replaceChildren(...nodes);
  return true;
}

function picture(image: Image): HTMLElement {
  return el("img", { src: image.url, alt: image.alt, width: String(image.width), height: String(image.height) });
}

function card(product: ProductCard): HTMLElement {
  const image = product.image;
  return el(
    "article",
    { class: "card" },
    image ? picture(image) : "",
    el("h3", {}, el("a", { href: `#/products/${product.slug}` }, product.title)),
    el("p", { class: "price" }, money(product.price)),
    el("p", { class: product.in_stock ? "stock" : "stock out" }, tr(product.in_stock ? "inStock" : "outOfStock")),
  );
}

async function showProducts(nav: number): Promise<void> {
  const { data, error } = await api.GET("/api/v1/products/", { params: { query: query() } });
  if (error) throw error;
  const results = data.results;
  show(nav,
    el("h1", {}, tr("products")),
    results.length ? el("div", { class: "grid" }, ...results.map(card)) : el("p", { class: "empty" }, tr("noProducts")),
  );
}

async function showProduct(nav: number, slug: string): Promise<void> {
  const { data: product, error } = await api.GET("/api/v1/products/{slug}/", {
    params: { path: { slug }, query: query() },
  });
  if (error) throw error;
  const body = el("div", { class: "body" });
  body.innerHTML = product.body_html; // editor-authored HTML rendered by Wagtail
  const notice = el("p", { class: "notice", role: "status" });
  const love = el("button", { type: "button", class: "love" }, tr("love"));
  love.addEventListener("click", async () => {
    const { response } = await api.PUT("/api/v1/wishlist/{product_id}/", {
      params: { path: { product_id: product.id } },
    });
    if (response.status === 401) {
      notice.replaceChildren(tr("wishlistPrompt"), " ", el("a", { href: "#/register" }, tr("register")));
    } else if (response.ok) {
      love.textContent = tr("loved");
    }
  });
  const shown = show(
    nav,
    el("h1", {}, product.title),
    ...product.images.map(picture),
    el("p", { class: "summary" }, product.summary),
    el("p", { class: "price" }, money(product.price)),
    love,
    notice,
    body,
  );
  if (shown) await rememberViewed({ ...product, image: product.images[0] ?? null });
}

async function showWishlist(nav: number): Promise<void> {
  const { data, response } = await api.GET("/api/v1/wishlist/", { params: { query: query() } });
  if (response.status === 401) {
    show(nav,
      el("h1", {}, tr("wishlist")),
      el("p", { class: "notice" }, tr("wishlistPrompt"), " ", el("a", { href: "#/register" }, tr("register"))),
    );
    return;
  }
  const products = (data?.results ?? []).flatMap((item) => (item.product ? [item.product] : []));
  show(nav,
    el("h1", {}, tr("wishlist")),
    products.length ? el("div", { class: "grid" }, ...products.map(card)) : el("p", { class: "empty" }, tr("noProducts")),
  );
}

async function showPolicy(nav: number, kind: string): Promise<void> {
  const { data: policy, error, response } = await api.GET("/api/v1/policies/{kind}/", {
    params: { path: { kind: kind as Schemas["KindEnum"] }, query: query() },
  });
  if (error) throw error;
  const body = el("div", { class: "policy-body" });
  body.innerHTML = policy.body_html; // frozen, hashed HTML: what the shopper acknowledges
  show(nav,
    el("h1", {}, policy.title),
    el("p", { class: "meta" }, `${tr("version")} ${policy.version} · ${response.headers.get("Content-Language") ?? ""}`),
    body,
    el("p", { class: "hash" }, el("small", {}, `SHA-256 ${policy.sha256}`)),
  );
}

function field(name: string, label: MessageKey, type = "text"): HTMLElement {
  return el("label", {}, tr(label), el("input", { name, type, required: "" }));
}

async function showSignIn(nav: number): Promise<void> {
  const notice = el("p", { class: "notice", role: "alert" });
  const form = el(
    "form",
    { class: "stack" },
    field("email", "email", "email"),
    field("password", "password", "password"),
    el("button", { type: "submit" }, tr("signIn")),
    notice,
  );
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    const values = Object.fromEntries(new FormData(form)) as Record<string, string>;
    const { error } = await api.POST("/api/v1/auth/login/", {
      body: { email: values.email ?? "", password: values.password ?? "" },
    });
    if (error) {
      notice.textContent = errorMessage(error, tr("error"));
      return;
    }
    state.signedIn = true;
    location.hash = "#/";
  });
  show(nav, el("h1", {}, tr("signIn")), form, el("p", {}, el("a", { href: "#/register" }, tr("register"))));
}

async function showRegister(nav: number): Promise<void> {
  const { data: policy, error: policyError } = await api.GET("/api/v1/policies/{kind}/", {
    params: { path: { kind: "privacy" }, query: query() },
  });
  if (policyError) throw policyError;
  const notice = el("p", { class: "notice", role: "alert" });
  const form = el(
    "form",
    { class: "stack" },
    field("first_name", "firstName"),
    field("last_name", "lastName"),
    field("email", "email", "email"),
    field("password", "password", "password"),
    el(
      "label",
      {},
      el("input", { type: "checkbox", name: "ack", required: "" }),
      " ",
      el("a", { href: "#/policies/privacy" }, tr("acknowledge")),
    ),
    el("button", { type: "submit" }, tr("register")),
    notice,
  );
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    const values = Object.fromEntries(new FormData(form)) as Record<string, string>;
    const { error } = await api.POST("/api/v1/auth/register/", {
      body: {
        email: values.email ?? "",
        password: values.password ?? "",
        first_name: values.first_name ?? "",
        last_name: values.last_name ?? "",
        locale: state.locale,
        acknowledgements: [
          { kind: policy.kind, version: policy.version, locale: policy.locale as Locale, sha256: policy.sha256 },
        ],
        marketing: { email: false, sms: false },
      },
    });
    if (error) {
      notice.textContent = errorMessage(error, tr("error"));
      return;
    }
    state.signedIn = true;
    location.hash = "#/";
  });
  show(nav, el("h1", {}, tr("register")), form);
}

async function signOut(): Promise<void> {
  await api.POST("/api/v1/auth/logout/", {});
  state.signedIn = false;
  location.hash = "#/";
}

// --- shell --------------------------------------------------------------------------------------------
function renderShell(): void {
  document.documentElement.lang = state.locale;
  langSelect.value = state.locale;
  const account = state.signedIn
    ? el("a", { href: "#/sign-out" }, tr("signOut"))
    : el("a", { href: "#/sign-in" }, tr("signIn"));
  nav.replaceChildren(
    el("a", { href: "#/" }, tr("products")),
    el("a", { href: "#/wishlist" }, tr("wishlist")),
    account,
  );
  footer.replaceChildren(
    ...(["privacy", "terms", "cookies"] as const).map((kind) => el("a", { href: `#/policies/${kind}` }, tr(kind))),
  );
}

async function route(): Promise<void> {
  renderShell();
  const path = location.hash.replace(/^#/, "") || "/";
  const [, section, arg] = path.split("/");
  const nav = ++navigation;
  try {
    if (section === "products" && arg) await showProduct(nav, decodeURIComponent(arg));
    else if (section === "policies" && arg) await showPolicy(nav, arg);
    else if (section === "wishlist") await showWishlist(nav);
    else if (section === "sign-in") await showSignIn(nav);
    else if (section === "register") await showRegister(nav);
    else if (section === "sign-out") await signOut();
    else await showProducts(nav);
  } catch (error) {
    show(nav, el("p", { class: "notice", role: "alert" }, errorMessage(error, tr("error"))));
  }
  if (nav === navigation) await renderRecent();
}

async function start(): Promise<void> {
  langSelect.addEventListener("change", () => {
    state.locale = (LOCALES as string[]).includes(langSelect.value) ? (langSelect.value as Locale) : "fi";
    localStorage.setItem("xmi.locale", state.locale);
    void route();
  });
  window.addEventListener("hashchange", () => void route());
  await fetch("/api/v1/csrf/", { credentials: "same-origin" }); // sets the csrftoken cookie
  const me = await api.GET("/api/v1/me/", {});
  state.signedIn = me.response.ok;
  renderCookieBanner();
  await route();
}

void start();
