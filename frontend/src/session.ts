// Session helpers: the probe that never answers 401, sign-in bookkeeping, sign-out.
import { api } from "./api";
import { forgetCart } from "./cart";
import { mergeLocalRecent } from "./recent";
import { getState, setState, type Profile } from "./store";

export async function probeSession(): Promise<void> {
  const { data } = await api.GET("/api/v1/auth/session/", {});
  setState({ user: data?.user ?? null });
}

export async function signedIn(user: Profile): Promise<void> {
  setState({ user });
  await mergeLocalRecent();
  // The account remembers the shopper's language for emails.
  if (user.locale !== getState().locale) {
    await api.PATCH("/api/v1/me/", { body: { locale: getState().locale } });
  }
  setState({ recentVersion: getState().recentVersion + 1 });
}

export async function signOut(): Promise<void> {
  await api.POST("/api/v1/auth/logout/", {});
  // The cart belonged to the account; the next visitor on this device starts a new one.
  forgetCart();
  setState({ user: null, recentVersion: getState().recentVersion + 1 });
}
