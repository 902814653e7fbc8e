// After a material change to a policy the shopper acknowledged, show what changed since their version
// and let them acknowledge the new one (recorded as a receipt with context "reprompt").
import { useEffect, useRef, useState } from "preact/hooks";
import { api, errorMessage, rows, unwrap, type Schemas } from "../api";
import { useT } from "../i18n";
import { Link } from "../router";
import { useAppState } from "../store";
import { useLoad } from "./ui";

interface Pending {
  status: Schemas["MePolicyStatus"];
  policy: Schemas["PolicyTextOutput"];
  diff: Schemas["DiffOutput"] | null;
}

export function Reprompt() {
  const t = useT();
  const { user, locale } = useAppState();
  const [done, setDone] = useState<string[]>([]);
  const [later, setLater] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const heading = useRef<HTMLHeadingElement>(null);
  const pending = useLoad<Pending | null>(async () => {
    if (!user) return null;
    const statuses = rows(await unwrap(api.GET("/api/v1/me/policies/", { params: { query: { locale } } })));
    const status = statuses.find((item) => item.action_required && !done.includes(item.kind));
    if (!status) return null;
    const kind = status.kind as Schemas["KindEnum"];
    const policy = await unwrap(api.GET("/api/v1/policies/{kind}/", { params: { path: { kind }, query: { locale } } }));
    const diff = status.acknowledged_version
      ? await unwrap(
          api.GET("/api/v1/policies/{kind}/diff/", {
            params: { path: { kind }, query: { from: status.acknowledged_version, to: policy.version, locale } },
          }),
        )
      : null;
    return { status, policy, diff };
  }, [user?.id, locale, done.length]);
  const item = pending.status === "ready" ? pending.data : null;
  useEffect(() => {
    if (item && !later) heading.current?.focus();
  }, [item?.policy.kind, later]);
  if (!item || later) return null;

  const acknowledge = async () => {
    setError(null);
    const { policy } = item;
    const { error: failed } = await api.POST("/api/v1/me/policies/acknowledgements/", {
      body: { kind: policy.kind, version: policy.version, locale: policy.locale as Schemas["LocaleEnum"], sha256: policy.sha256 },
    });
    if (failed) setError(errorMessage(failed, t("error")));
    else setDone([...done, policy.kind]);
  };
  return (
    <div class="overlay">
      <section class="dialog reprompt" role="dialog" aria-modal="true" aria-labelledby="reprompt-title">
        <h2 id="reprompt-title" tabIndex={-1} ref={heading}>
          {item.status.acknowledged_version ? `${t("repromptTitle")}: ${item.policy.title}` : item.policy.title}
        </h2>
        <p>
          {item.status.acknowledged_version
            ? t("repromptText", { from: String(item.status.acknowledged_version), to: String(item.policy.version) })
            : t("repromptFirst", { to: String(item.policy.version) })}
        </p>
        {item.policy.change_summary && <p class="summary">{item.policy.change_summary}</p>}
        <div class="diff policy-body" dangerouslySetInnerHTML={{ __html: item.diff ? item.diff.html : item.policy.body_html }} />
        {error && (
          <p class="field-error" role="alert">
            {error}
          </p>
        )}
        <div class="actions">
          <button type="button" onClick={() => void acknowledge()}>
            {t(item.status.acknowledged_version ? "repromptAccept" : "repromptAcceptFirst")}
          </button>
          <button type="button" class="secondary" onClick={() => setLater(true)}>
            {t("later")}
          </button>
          <Link href={`/policies/${item.policy.kind}`} onClick={() => setLater(true)}>
            {t("readWholePolicy")}
          </Link>
        </div>
      </section>
    </div>
  );
}
