// Product cards, the grid, and the "recently viewed" strip.
import { api, unwrap } from "../api";
import { useT } from "../i18n";
import { localRecent, type ProductCard } from "../recent";
import { Link } from "../router";
import { useAppState } from "../store";
import { Loaded, Price, useLoad } from "./ui";

export function Card({ product, headingLevel = 3 }: { product: ProductCard; headingLevel?: 2 | 3 }) {
  const t = useT();
  const Heading = headingLevel === 2 ? "h2" : "h3";
  return (
    <article class="card">
      {product.image ? (
        <img src={product.image.url} alt={product.image.alt} width={product.image.width} height={product.image.height} />
      ) : (
        <div class="img-placeholder" aria-hidden="true" />
      )}
      <Heading class="card-title">
        <Link href={`/products/${product.slug}`}>{product.title}</Link>
      </Heading>
      <p class="card-price">
        <Price price={product.price} />
      </p>
      <p class={product.in_stock ? "stock" : "stock out"}>{t(product.in_stock ? "inStock" : "outOfStock")}</p>
    </article>
  );
}

export function Grid({ products }: { products: ProductCard[] }) {
  return (
    <ul class="grid" role="list">
      {products.map((product) => (
        <li key={product.id}>
          <Card product={product} />
        </li>
      ))}
    </ul>
  );
}

export function RecentlyViewed({ exclude }: { exclude?: number }) {
  const t = useT();
  const { user, locale, country, cookies, recentVersion } = useAppState();
  const load = useLoad<ProductCard[]>(async () => {
    if (user === undefined) return [];
    if (!user) return localRecent();
    const page = await unwrap(api.GET("/api/v1/recently-viewed/", { params: { query: { locale, country, page_size: 12 } } }));
    return page.results.flatMap((item) => (item.product ? [item.product] : []));
  }, [user?.id, user === undefined, locale, country, cookies?.preferences, recentVersion]);
  return (
    <section class="recent" id="recently-viewed" aria-labelledby="recent-title">
      <h2 id="recent-title">{t("recentlyViewed")}</h2>
      <Loaded load={load}>
        {(items) => {
          const shown = items.filter((item) => item.id !== exclude);
          return shown.length ? (
            <ul class="strip" role="list">
              {shown.map((item) => (
                <li key={item.id}>
                  <Link href={`/products/${item.slug}`}>
                    {item.image && <img src={item.image.url} alt="" width={80} height={80} loading="lazy" />}
                    <span>{item.title}</span>
                  </Link>
                </li>
              ))}
            </ul>
          ) : (
            <p class="empty">{t(user || cookies?.preferences ? "noRecent" : "noRecentWithoutConsent")}</p>
          );
        }}
      </Loaded>
    </section>
  );
}
