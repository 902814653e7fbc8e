// The product page: gallery, price with VAT for the chosen destination, stock, add to cart, the
// heart (saves for signed-in shoppers, otherwise invites to a free account), recently viewed.
import { useEffect, useState } from "preact/hooks";
import { api, errorMessage, unwrap, type Schemas } from "../api";
import { useT } from "../i18n";
import { RecentlyViewed } from "../components/Products";
import { ErrorBox, Loading, useFormat, useLoad, useTitle } from "../components/ui";
import { addToCart } from "../cart";
import { rememberViewed } from "../recent";
import { Link, navigate } from "../router";
import { useAppState } from "../store";

type Product = Schemas["ProductDetail"];

function Gallery({ product }: { product: Product }) {
  const t = useT();
  const [index, setIndex] = useState(0);
  useEffect(() => setIndex(0), [product.id]);
  const image = product.images[index] ?? product.images[0];
  if (!image) return <div class="img-placeholder large" aria-hidden="true" />;
  return (
    <div class="gallery">
      <img class="main-image" src={image.url} alt={image.alt} width={image.width} height={image.height} />
      {product.images.length > 1 && (
        <ul class="thumbs" role="list" aria-label={t("gallery")}>
          {product.images.map((item, i) => (
            <li key={item.url}>
              <button type="button" class="thumb" aria-pressed={i === index} onClick={() => setIndex(i)}>
                <img src={item.url} alt={t("showImage", { n: String(i + 1), alt: item.alt })} width={72} height={72} />
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

function AddToCart({ product }: { product: Product }) {
  const t = useT();
  const [state, setState] = useState<"idle" | "busy" | "added">("idle");
  const [error, setError] = useState<string | null>(null);
  useEffect(() => setState("idle"), [product.id]);
  const add = async () => {
    setState("busy");
    setError(null);
    try {
      await addToCart(product.id, 1);
      setState("added");
    } catch (failed) {
      setError(errorMessage(failed, t("error")));
      setState("idle");
    }
  };
  return (
    <div class="add-to-cart">
      <button type="button" disabled={!product.in_stock || state === "busy"} onClick={() => void add()}>
        {t("addToCart")}
      </button>
      {state === "added" && (
        <p class="notice success" role="status">
          {t("addedToCart")} <Link href="/cart">{t("cart")}</Link>
        </p>
      )}
      {error && (
        <p class="field-error" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}

function Heart({ product }: { product: Product }) {
  const t = useT();
  const { user } = useAppState();
  const [loved, setLoved] = useState<boolean | null>(null);
  const [invite, setInvite] = useState(false);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    setInvite(false);
    if (user === undefined) {
      setLoved(null); // the session is not known yet: a click now would be taken as anonymous
      return;
    }
    if (!user) {
      setLoved(false);
      return;
    }
    // Ask only when signed in: an anonymous wishlist request is a 401 (and a console error). Until
    // the answer is in, the heart is unknown (null) and cannot be pressed: a click made earlier
    // would be overwritten by the answer to a question asked before it.
    setLoved(null);
    let live = true;
    void api
      .GET("/api/v1/wishlist/", { params: { query: { page_size: 100 } } })
      .then(({ data }) => live && setLoved(Boolean(data?.results.some((item) => item.product_id === product.id))));
    return () => {
      live = false;
    };
  }, [user === undefined ? "unknown" : (user?.id ?? "anonymous"), product.id]);
  const toggle = async () => {
    setError(null);
    if (!user) {
      setInvite(true);
      return;
    }
    const params = { params: { path: { product_id: product.id } } };
    const { error: failed } = loved ? await api.DELETE("/api/v1/wishlist/{product_id}/", params) : await api.PUT("/api/v1/wishlist/{product_id}/", params);
    if (failed) setError(errorMessage(failed, t("error")));
    else setLoved(!loved);
  };
  return (
    <div class="heart">
      <button type="button" class="secondary love" aria-pressed={Boolean(loved)} disabled={loved === null} onClick={() => void toggle()}>
        <span aria-hidden="true">{loved ? "♥" : "♡"}</span> {t(loved ? "loved" : "love")}
      </button>
      {invite && (
        <p class="notice" role="status">
          {t("wishlistPrompt")} <Link href="/register">{t("createFreeAccount")}</Link> · <Link href="/login">{t("signIn")}</Link>
        </p>
      )}
      {error && (
        <p class="field-error" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}

export function ProductPage({ slug }: { slug: string }) {
  const t = useT();
  const format = useFormat();
  const { locale, country } = useAppState();
  const [last, setLast] = useState<Product | null>(null);
  // Switching language on a product page moves to the product's slug in that language.
  const translated = last && last.slug === slug ? last.translations[locale] : undefined;
  const redirect = translated && translated !== slug && last?.locale !== locale;
  useEffect(() => {
    if (redirect) navigate(`/products/${translated}`, { replace: true });
  }, [redirect, translated]);
  const load = useLoad<Product | null>(
    () => (redirect ? Promise.resolve(null) : unwrap(api.GET("/api/v1/products/{slug}/", { params: { path: { slug }, query: { locale, country } } }))),
    [slug, locale, country, redirect],
  );
  const product = load.status === "ready" ? load.data : null;
  useEffect(() => {
    if (!product) return;
    setLast(product);
    void rememberViewed({ ...product, image: product.images[0] ?? null });
  }, [product?.id, product?.locale]);
  useTitle(product?.title);

  if (load.status === "error") return <ErrorBox error={load.error} retry={load.reload} />;
  if (!product) return <Loading />;
  return (
    <>
      <nav class="crumbs" aria-label={t("breadcrumbs")}>
        <Link href="/">{t("products")}</Link>
        {product.category && (
          <>
            {" › "}
            <Link href={`/?category=${product.category.slug}`}>{product.category.title}</Link>
          </>
        )}
      </nav>
      <article class="product">
        <Gallery product={product} />
        <div class="buy">
          <h1>{product.title}</h1>
          {product.fallback && <p class="hint">{t("shownInOtherLanguage")}</p>}
          <p class="summary">{product.summary}</p>
          <p class="big-price">{format.money(product.price.gross, product.price.currency)}</p>
          <p class="hint">{t("priceIncludesVat", { rate: format.percent(product.price.vat_rate), country: t(country === "EE" ? "countryEE" : "countryFI") })}</p>
          <p class={product.in_stock ? "stock" : "stock out"}>{t(product.in_stock ? "inStock" : "outOfStock")}</p>
          <AddToCart product={product} />
          <Heart product={product} />
        </div>
      </article>
      <div class="product-body" dangerouslySetInnerHTML={{ __html: product.body_html }} />
      <RecentlyViewed exclude={product.id} />
    </>
  );
}
