// Loved items: saved on the account; each can be removed again.
import { useState } from "preact/hooks";
import { api, errorMessage, unwrap } from "../api";
import { useT } from "../i18n";
import { Card } from "../components/Products";
import { Loaded, Loading, useLoad, useTitle } from "../components/ui";
import { Link } from "../router";
import { useAppState } from "../store";

export function Wishlist() {
  const t = useT();
  const { user, locale, country } = useAppState();
  const [error, setError] = useState<string | null>(null);
  useTitle(t("wishlist"));
  const load = useLoad(
    () => (user ? unwrap(api.GET("/api/v1/wishlist/", { params: { query: { locale, country, page_size: 100 } } })) : Promise.resolve(null)),
    [user?.id, locale, country],
  );
  if (user === undefined) return <Loading />;
  if (!user)
    return (
      <>
        <h1>{t("wishlist")}</h1>
        <p class="notice">
          {t("wishlistPrompt")} <Link href="/register">{t("createFreeAccount")}</Link> · <Link href="/login">{t("signIn")}</Link>
        </p>
      </>
    );
  const remove = async (productId: number) => {
    setError(null);
    const { error: failed } = await api.DELETE("/api/v1/wishlist/{product_id}/", { params: { path: { product_id: productId } } });
    if (failed) setError(errorMessage(failed, t("error")));
    else load.reload();
  };
  return (
    <>
      <h1>{t("wishlist")}</h1>
      {error && (
        <p class="field-error" role="alert">
          {error}
        </p>
      )}
      <Loaded load={load}>
        {(page) => {
          const items = (page?.results ?? []).flatMap((item) => (item.product ? [item.product] : []));
          return items.length ? (
            <ul class="grid" role="list">
              {items.map((product) => (
                <li key={product.id}>
                  <Card product={product} />
                  <button type="button" class="secondary" onClick={() => void remove(product.id)}>
                    {t("removeFromWishlist", { title: product.title })}
                  </button>
                </li>
              ))}
            </ul>
          ) : (
            <p class="empty">{t("wishlistEmpty")}</p>
          );
        }}
      </Loaded>
    </>
  );
}
