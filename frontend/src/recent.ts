// "Recently viewed": on the server for signed-in shoppers; for anonymous ones on this device only,
// and only when the cookie choice allows preferences. Merged into the server list at signup/login.
import { api, type Schemas } from "./api";
import { getState, setState } from "./store";

export type ProductCard = Schemas["ProductCard"];
const KEY = "xmi.recent";
const LIMIT = 12;

export function localRecent(): ProductCard[] {
  if (!getState().cookies?.preferences) return [];
  try {
    return JSON.parse(localStorage.getItem(KEY) ?? "[]") as ProductCard[];
  } catch {
    return [];
  }
}

export function forgetLocalRecent(): void {
  localStorage.removeItem(KEY);
}

export async function rememberViewed(product: ProductCard): Promise<void> {
  const { user, cookies } = getState();
  if (user) {
    await api.POST("/api/v1/recently-viewed/", { body: { product_id: product.id } });
  } else if (cookies?.preferences) {
    const list = [product, ...localRecent().filter((item) => item.id !== product.id)].slice(0, LIMIT);
    localStorage.setItem(KEY, JSON.stringify(list));
  } else {
    return;
  }
  setState({ recentVersion: getState().recentVersion + 1 });
}

/** After signup or login: add what was viewed on this device to the account (oldest first, so the
 * newest stays first), then forget the local copy. */
export async function mergeLocalRecent(): Promise<void> {
  const items = localRecent().reverse();
  for (const item of items) {
    await api.POST("/api/v1/recently-viewed/", { body: { product_id: item.id } });
  }
  forgetLocalRecent();
}
