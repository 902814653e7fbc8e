// The cart: lines with quantity and removal, VAT and totals for the delivery country.
import { useEffect, useState } from "preact/hooks";
import { errorMessage } from "../api";
import { loadCart, removeLine, setQuantity, type Cart } from "../cart";
import { useT } from "../i18n";
import { Loaded, useFormat, useLoad, useTitle } from "../components/ui";
import { Link } from "../router";
import { useAppState } from "../store";

export function Totals({ totals }: { totals: Cart["totals"] }) {
  const t = useT();
  const format = useFormat();
  return (
    <dl class="totals">
      <dt>{t("itemsTotal")}</dt>
      <dd>{format.money(totals.items, totals.currency)}</dd>
      {totals.shipping !== null && (
        <>
          <dt>{t("shipping")}</dt>
          <dd>{format.money(totals.shipping, totals.currency)}</dd>
        </>
      )}
      {totals.vat_breakdown.map((row) => (
        <>
          <dt>
            {t("vat")} {format.percent(row.rate)}
          </dt>
          <dd>{format.money(row.vat, totals.currency)}</dd>
        </>
      ))}
      <dt>
        <strong>{t("total")}</strong>
      </dt>
      <dd>
        <strong>{format.money(totals.grand_total, totals.currency)}</strong>
      </dd>
    </dl>
  );
}

export function CartPage() {
  const t = useT();
  const format = useFormat();
  const { locale, country } = useAppState();
  const [cart, setCart] = useState<Cart | null>(null);
  const [error, setError] = useState<string | null>(null);
  useTitle(t("cart"));
  // useLoad drops an answer that a newer question overtook (switching language, then country):
  // the cart shown is always the one priced for the current choice.
  const load = useLoad(() => loadCart(), [locale, country]);
  const loaded = load.status === "ready" ? load.data : null;
  useEffect(() => {
    if (loaded) setCart(loaded);
  }, [loaded]);
  const change = async (work: Promise<Cart>) => {
    setError(null);
    try {
      setCart(await work);
    } catch (failed) {
      setError(errorMessage(failed, t("error")));
    }
  };
  return (
    <>
      <h1>{t("cart")}</h1>
      {error && (
        <p class="notice error" role="alert">
          {error}
        </p>
      )}
      <Loaded load={load}>
        {() =>
          cart && cart.lines.length ? (
            <>
              <ul class="plain cart-lines" role="list">
                {cart.lines.map((line) => (
                  <li key={line.id} class="cart-line">
                    {line.image_url ? <img src={line.image_url ?? ""} alt="" width={80} height={80} /> : <div class="img-placeholder small" aria-hidden="true" />}
                    <div>
                      <Link href={`/products/${line.slug}`}>{line.title}</Link>
                      <p class="hint">
                        {format.money(line.unit_price.gross, line.unit_price.currency)} {line.unit_price.vat_rate !== null && <>{t("vat")} {format.percent(line.unit_price.vat_rate)}</>}
                      </p>
                    </div>
                    <div class="field qty">
                      <label for={`qty-${line.id}`}>{t("quantity")}</label>
                      <input
                        id={`qty-${line.id}`}
                        type="number"
                        min={1}
                        max={Math.max(line.available, line.quantity)}
                        value={line.quantity}
                        onChange={(e) => void change(setQuantity(line.id, Number((e.target as HTMLInputElement).value) || 1))}
                      />
                    </div>
                    <p class="line-total">{format.money(line.total_gross, cart.totals.currency)}</p>
                    <button type="button" class="secondary" onClick={() => void change(removeLine(line.id))}>
                      {t("removeLine", { title: line.title })}
                    </button>
                  </li>
                ))}
              </ul>
              <Totals totals={cart.totals} />
              <p class="actions end">
                <Link class="button" href="/checkout">
                  {t("toCheckout")}
                </Link>
              </p>
            </>
          ) : (
            <p class="empty">
              {t("cartEmpty")} <Link href="/">{t("backToShop")}</Link>
            </p>
          )
        }
      </Loaded>
    </>
  );
}
