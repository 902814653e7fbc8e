// The shopper's cart: its token is kept on this device (a necessary cookie-like store: the cart is
// what the shopper asked for), so a language switch, a reload or signing in keeps it.
import { api, unwrap, type Schemas } from "./api";
import { getState, setState } from "./store";

export type Cart = Schemas["Cart"];
const KEY = "xmi.cart";

export function cartToken(): string | null {
  return localStorage.getItem(KEY);
}

export function forgetCart(): void {
  localStorage.removeItem(KEY);
  setState({ cartCount: 0 });
}

function remember(cart: Cart): Cart {
  localStorage.setItem(KEY, cart.token);
  setState({ cartCount: cart.lines.reduce((sum, line) => sum + line.quantity, 0) });
  return cart;
}

function query(shipping?: string) {
  const { locale, country } = getState();
  return { locale, country, ...(shipping ? { shipping_method: shipping } : {}) };
}

async function create(): Promise<Cart> {
  return remember(await unwrap(api.POST("/api/v1/carts/", { params: { query: query() } })));
}

/** The current cart, or a new one when there is none (or the stored token is no longer valid). */
export async function loadCart(shipping?: string): Promise<Cart> {
  const token = cartToken();
  if (!token) return create();
  const { data, response } = await api.GET("/api/v1/carts/{token}/", { params: { path: { token }, query: query(shipping) } });
  if (response.status === 404 || !data) return create();
  return remember(data);
}

export async function addToCart(productId: number, quantity = 1): Promise<Cart> {
  let token = cartToken() ?? (await create()).token;
  const add = () => api.POST("/api/v1/carts/{token}/lines/", { params: { path: { token }, query: query() }, body: { product_id: productId, quantity } });
  let answer = await add();
  if (answer.response.status === 404) {
    token = (await create()).token;
    answer = await add();
  }
  return remember(await unwrap(Promise.resolve(answer)));
}

export async function setQuantity(lineId: number, quantity: number): Promise<Cart> {
  const token = cartToken()!;
  return remember(
    await unwrap(api.PATCH("/api/v1/carts/{token}/lines/{line_id}/", { params: { path: { token, line_id: lineId }, query: query() }, body: { quantity } })),
  );
}

export async function removeLine(lineId: number): Promise<Cart> {
  const token = cartToken()!;
  await unwrap(api.DELETE("/api/v1/carts/{token}/lines/{line_id}/", { params: { path: { token, line_id: lineId }, query: query() } }));
  return loadCart();
}
