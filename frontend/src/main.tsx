// The Xmi storefront: a Preact app on the /api/v1/ JSON API, routed by real paths.
import "./style.css";
import { render } from "preact";
import { useEffect } from "preact/hooks";
import { setLocaleSource } from "./api";
import { Layout } from "./components/Layout";
import { useTitle } from "./components/ui";
import { useT } from "./i18n";
import { Account } from "./pages/Account";
import { Login, Register } from "./pages/Auth";
import { Catalogue } from "./pages/Catalogue";
import { ConfirmConsent, PasswordReset, Unsubscribe, VerifyEmail } from "./pages/EmailLinks";
import { CartPage } from "./pages/Cart";
import { Checkout } from "./pages/Checkout";
import { OrderDetail, OrderHistory, OrderLookup } from "./pages/Orders";
import { KINDS, PolicyDiff, PolicyPage } from "./pages/Policy";
import { Preview } from "./pages/Preview";
import { ProductPage } from "./pages/Product";
import { Wishlist } from "./pages/Wishlist";
import { Link, match, useLocation } from "./router";
import { cartToken, loadCart } from "./cart";
import { probeSession } from "./session";
import { getState } from "./store";

setLocaleSource(() => getState().locale);

// Links from before real-path routing (/#/orders/X) still land on the right page.
if (location.hash.startsWith("#/")) history.replaceState(null, "", location.hash.slice(1));

function NotFound() {
  const t = useT();
  useTitle(t("notFound"));
  return (
    <>
      <h1>{t("notFound")}</h1>
      <p>
        <Link href="/">{t("backToShop")}</Link>
      </p>
    </>
  );
}

type Kind = (typeof KINDS)[number];
const isKind = (value: string): value is Kind => (KINDS as string[]).includes(value);

function Routes() {
  const { path } = useLocation();
  let params: Record<string, string> | null;
  if (path === "/") return <Catalogue />;
  if ((params = match("/products/:slug", path))) return <ProductPage slug={params.slug!} />;
  if (path === "/wishlist") return <Wishlist />;
  if (path === "/login") return <Login />;
  if (path === "/register") return <Register />;
  if (path === "/account") return <Account />;
  if (path === "/cart") return <CartPage />;
  if (path === "/checkout") return <Checkout />;
  if (path === "/orders/lookup") return <OrderLookup />;
  if (path === "/account/orders") return <OrderHistory />;
  if ((params = match("/account/orders/:number", path) ?? match("/orders/:number", path)))
    return <OrderDetail number={params.number!} />;
  if (path === "/account/verify-email") return <VerifyEmail />;
  if (path === "/account/password-reset") return <PasswordReset />;
  if (path === "/consents/confirm") return <ConfirmConsent />;
  if ((params = match("/unsubscribe/:token", path))) return <Unsubscribe token={params.token!} />;
  if ((params = match("/policies/:kind", path)) && isKind(params.kind!)) return <PolicyPage kind={params.kind} />;
  if ((params = match("/policies/:kind/versions/:version", path)) && isKind(params.kind!))
    return <PolicyPage kind={params.kind} version={Number(params.version)} />;
  if ((params = match("/policies/:kind/diff", path)) && isKind(params.kind!)) return <PolicyDiff kind={params.kind} />;
  if ((params = match("/preview/:token", path))) return <Preview token={params.token!} />;
  return <NotFound />;
}

function App() {
  useEffect(() => {
    void probeSession().then(() => (cartToken() ? loadCart().catch(() => undefined) : undefined));
  }, []);
  return (
    <Layout>
      <Routes />
    </Layout>
  );
}

render(<App />, document.getElementById("root")!);
