// The catalogue: category filter, search and sorting, all kept in the address (?category=&q=&ordering=).
import { useEffect, useState } from "preact/hooks";
import { api, unwrap, type Schemas } from "../api";
import { useT } from "../i18n";
import { Grid, RecentlyViewed } from "../components/Products";
import { Loaded, useLoad, useTitle } from "../components/ui";
import { navigate, useLocation } from "../router";
import { useAppState } from "../store";

// Every category slug seen, in any language, with its key (the same for all its translations): a
// selection made in one language is shown in the next one's words when the shopper switches.
const keyBySlug = new Map<string, string>();

type Ordering = "newest" | "title" | "price" | "-price";
const ORDERINGS: Ordering[] = ["newest", "title", "price", "-price"];

type Category = { key: string; slug: string; title: string; depth: number };

function flatten(nodes: Schemas["CategoryNode"][], depth = 0): Category[] {
  return nodes.flatMap((node) => [
    { key: node.key, slug: node.slug, title: node.title, depth },
    ...flatten(node.children as Schemas["CategoryNode"][], depth + 1),
  ]);
}

export function Catalogue() {
  const t = useT();
  const { locale, country } = useAppState();
  const { query } = useLocation();
  const category = query.get("category") ?? "";
  const q = query.get("q") ?? "";
  const ordering = (ORDERINGS as string[]).includes(query.get("ordering") ?? "") ? (query.get("ordering") as Ordering) : "newest";
  const page = Number(query.get("page") ?? "1") || 1;
  const [search, setSearch] = useState(q);
  useEffect(() => setSearch(q), [q]);
  useTitle(t("products"));

  const categories = useLoad(() => unwrap(api.GET("/api/v1/categories/", {})), [locale]);
  const products = useLoad(
    () =>
      unwrap(
        api.GET("/api/v1/products/", {
          params: { query: { locale, country, ordering, page, page_size: 24, ...(category ? { category } : {}), ...(q ? { q } : {}) } },
        }),
      ),
    [locale, country, category, q, ordering, page],
  );
  const tree = categories.status === "ready" && categories.data.locale === locale ? flatten(categories.data.results) : null;
  useEffect(() => {
    if (!tree) return;
    for (const node of tree) keyBySlug.set(node.slug, node.key);
    if (!category || tree.some((node) => node.slug === category)) return;
    const same = tree.find((node) => node.key === keyBySlug.get(category));
    if (same) update({ category: same.slug, page: query.get("page") ?? "" });
  }, [tree?.map((node) => node.slug).join(), category]);
  const update = (changes: Record<string, string>) => {
    const next = new URLSearchParams(query);
    for (const [key, value] of Object.entries(changes)) {
      if (value) next.set(key, value);
      else next.delete(key);
    }
    if (!("page" in changes)) next.delete("page");
    const text = next.toString();
    navigate(text ? `/?${text}` : "/", { replace: true });
  };

  return (
    <>
      <h1>{t("products")}</h1>
      <form
        class="filters"
        role="search"
        onSubmit={(event) => {
          event.preventDefault();
          update({ q: search.trim() });
        }}
      >
        <div class="field">
          <label for="search">{t("search")}</label>
          <div class="inline">
            <input id="search" type="search" value={search} onInput={(e) => setSearch((e.target as HTMLInputElement).value)} />
            <button type="submit">{t("searchButton")}</button>
          </div>
        </div>
        <div class="field">
          <label for="category">{t("category")}</label>
          <select id="category" value={category} onChange={(e) => update({ category: (e.target as HTMLSelectElement).value })}>
            <option value="">{t("allCategories")}</option>
            {tree?.map((node) => (
              <option value={node.slug}>
                {"\u00a0\u00a0".repeat(node.depth)}
                {node.title}
              </option>
            ))}
          </select>
        </div>
        <div class="field">
          <label for="ordering">{t("sortBy")}</label>
          <select id="ordering" value={ordering} onChange={(e) => update({ ordering: (e.target as HTMLSelectElement).value })}>
            <option value="newest">{t("sortNewest")}</option>
            <option value="title">{t("sortTitle")}</option>
            <option value="price">{t("sortPriceAsc")}</option>
            <option value="-price">{t("sortPriceDesc")}</option>
          </select>
        </div>
      </form>
      <Loaded load={products}>
        {(data) => (
          <>
            <p class="count" role="status">
              {t("productCount", { count: String(data.count) })}
            </p>
            {data.results.length ? <Grid products={data.results} /> : <p class="empty">{t("noProducts")}</p>}
            {(data.previous || data.next) && (
              <nav class="pager" aria-label={t("pages")}>
                {data.previous && (
                  <button type="button" class="secondary" onClick={() => update({ page: String(page - 1) })}>
                    {t("previousPage")}
                  </button>
                )}
                <span>{t("pageN", { page: String(page) })}</span>
                {data.next && (
                  <button type="button" class="secondary" onClick={() => update({ page: String(page + 1) })}>
                    {t("nextPage")}
                  </button>
                )}
              </nav>
            )}
          </>
        )}
      </Loaded>
      <RecentlyViewed />
    </>
  );
}
