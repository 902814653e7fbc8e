// An editor's draft, opened from the Wagtail admin's preview panel: the same look as the live page,
// with a banner saying it is a preview.
import { api, unwrap, type Schemas } from "../api";
import { useT } from "../i18n";
import { Loaded, useFormat, useLoad, useTitle } from "../components/ui";

function ProductDraft({ draft }: { draft: Schemas["Preview"] }) {
  const t = useT();
  const format = useFormat();
  const image = draft.images[0];
  return (
    <>
      <article class="product">
        {image ? (
          <div class="gallery">
            <img class="main-image" src={image.url} alt={image.alt} width={image.width} height={image.height} />
          </div>
        ) : (
          <div class="img-placeholder large" aria-hidden="true" />
        )}
        <div class="buy">
          <h1>{draft.title}</h1>
          <p class="summary">{draft.summary}</p>
          {draft.price && <p class="big-price">{format.money(draft.price.gross, draft.price.currency)}</p>}
          {draft.in_stock !== null && <p class={draft.in_stock ? "stock" : "stock out"}>{t(draft.in_stock ? "inStock" : "outOfStock")}</p>}
        </div>
      </article>
      <div class="product-body" dangerouslySetInnerHTML={{ __html: draft.body_html }} />
    </>
  );
}

function PolicyDraft({ draft }: { draft: Schemas["Preview"] }) {
  return (
    <div class="policy">
      <h1>{draft.title}</h1>
      {draft.summary && <p class="summary">{draft.summary}</p>}
      <div class="policy-body" dangerouslySetInnerHTML={{ __html: draft.body_html }} />
    </div>
  );
}

export function Preview({ token }: { token: string }) {
  const t = useT();
  const load = useLoad(() => unwrap(api.GET("/api/v1/previews/{token}/", { params: { path: { token } } })), [token]);
  useTitle(load.status === "ready" ? `${t("preview")}: ${load.data.title}` : t("preview"));
  return (
    <Loaded load={load}>
      {(draft) => (
        <div lang={draft.locale}>
          <p class="notice" role="note">
            {t("previewNotice")}
          </p>
          {draft.page_type === "product" ? <ProductDraft draft={draft} /> : <PolicyDraft draft={draft} />}
        </div>
      )}
    </Loaded>
  );
}
