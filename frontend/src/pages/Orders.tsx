// Order history and one order (also the page a shopper lands on after paying).
import { useEffect } from "preact/hooks";
import { api, unwrap, type Schemas } from "../api";
import { useT } from "../i18n";
import { Loaded, Loading, useFormat, useLoad, useTitle } from "../components/ui";
import { Link, navigate, useLocation } from "../router";
import { useAppState } from "../store";
import { Totals } from "./Cart";

function useSignedIn(next: string) {
  const { user } = useAppState();
  useEffect(() => {
    if (user === null) navigate(`/login?next=${encodeURIComponent(next)}`, { replace: true });
  }, [user]);
  return user;
}

export function OrderHistory() {
  const t = useT();
  const format = useFormat();
  const user = useSignedIn("/account/orders");
  useTitle(t("orders"));
  const load = useLoad(() => (user ? unwrap(api.GET("/api/v1/orders/", { params: { query: { page_size: 100 } } })) : Promise.resolve(null)), [user?.id]);
  if (!user) return <Loading />;
  return (
    <>
      <h1>{t("orders")}</h1>
      <Loaded load={load}>
        {(page) =>
          page?.results.length ? (
            <table class="orders">
              <caption class="visually-hidden">{t("orders")}</caption>
              <thead>
                <tr>
                  <th scope="col">{t("orderNumber")}</th>
                  <th scope="col">{t("date")}</th>
                  <th scope="col">{t("status")}</th>
                  <th scope="col">{t("total")}</th>
                </tr>
              </thead>
              <tbody>
                {page.results.map((order) => (
                  <tr key={order.number}>
                    <td>
                      <Link href={`/orders/${order.number}`}>{order.number}</Link>
                    </td>
                    <td>{format.date(order.created_at)}</td>
                    <td>{t(`status_${order.status}`)}</td>
                    <td>{format.money(order.totals.grand_total, order.totals.currency)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          ) : (
            <p class="empty">{t("noOrders")}</p>
          )
        }
      </Loaded>
      <p>
        <Link href="/account">{t("privacyCentre")}</Link>
      </p>
    </>
  );
}

export function OrderView({ order }: { order: Schemas["Order"] }) {
  const t = useT();
  const format = useFormat();
  return (
    <>
      <h1>{t("orderN", { number: order.number })}</h1>
      {order.status === "paid" && (
        <p class="notice success" role="status">
          {t("orderPaid")}
        </p>
      )}
      {order.status === "awaiting_payment" && <p class="notice">{t("orderAwaitingPayment")}</p>}
      <p class={`status status-${order.status}`}>
        {t("status")}: <strong>{t(`status_${order.status}`)}</strong> · {format.date(order.created_at)}
      </p>
      <table class="lines">
        <caption class="visually-hidden">{t("orderLines")}</caption>
        <thead>
          <tr>
            <th scope="col">{t("product")}</th>
            <th scope="col">{t("quantity")}</th>
            <th scope="col">{t("unitPrice")}</th>
            <th scope="col">{t("total")}</th>
          </tr>
        </thead>
        <tbody>
          {order.lines.map((line) => (
            <tr key={line.sku}>
              <td>{line.title}</td>
              <td>{line.quantity}</td>
              <td>{format.money(line.unit_price_gross, order.totals.currency)}</td>
              <td>{format.money(line.total_gross, order.totals.currency)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <Totals totals={order.totals} />
      <h2>{t("delivery")}</h2>
      <p>
        {order.shipping.kind === "pickup_point" ? order.shipping.pickup_point : Object.values(order.shipping.address ?? {}).filter(Boolean).join(", ")}
      </p>
    </>
  );
}

export function OrderDetail({ number }: { number: string }) {
  const t = useT();
  const user = useSignedIn(`/orders/${number}`);
  useTitle(t("orderN", { number }));
  const load = useLoad(() => (user ? unwrap(api.GET("/api/v1/orders/{number}/", { params: { path: { number } } })) : Promise.resolve(null)), [user?.id, number]);
  if (!user) return <Loading />;
  return (
    <>
      <Loaded load={load}>{(order) => (order ? <OrderView order={order} /> : null)}</Loaded>
      <p>
        <Link href="/account/orders">{t("orders")}</Link>
      </p>
    </>
  );
}

export function OrderLookup() {
  const t = useT();
  const { query } = useLocation();
  const token = query.get("token") ?? "";
  useTitle(t("orderLookupTitle"));
  const load = useLoad(() => unwrap(api.GET("/api/v1/orders/lookup/", { params: { query: { token } } })), [token]);
  return <Loaded load={load}>{(order) => <OrderView order={order} />}</Loaded>;
}
