// Policy pages: the current text, the archive of frozen versions, one old version, and "what changed"
// between two versions (the server's diff with <ins>/<del>).
import { api, rows, unwrap, type Schemas } from "../api";
import { useT } from "../i18n";
import { Loaded, useFormat, useLoad, useTitle } from "../components/ui";
import { Link, useLocation } from "../router";
import { useAppState } from "../store";

type Kind = Schemas["KindEnum"];
export const KINDS: Kind[] = ["privacy", "terms", "cookies"];

function PolicyText({ policy }: { policy: Schemas["PolicyTextOutput"] }) {
  const t = useT();
  const format = useFormat();
  return (
    <>
      <h1>{policy.title}</h1>
      <p class="meta">
        {t("versionN", { n: String(policy.version) })} · {t("effectiveFrom")} {format.day(policy.effective_from ?? policy.published_at)}
        {policy.fallback && <> · {t("shownInOtherLanguage")}</>}
      </p>
      {policy.change_summary && (
        <p class="summary">
          <strong>{t(policy.change_type === "material" ? "materialChange" : "editorialChange")}:</strong> {policy.change_summary}
        </p>
      )}
      <div class="policy-body" dangerouslySetInnerHTML={{ __html: policy.body_html }} />
      <p class="hash">
        <small>SHA-256 {policy.sha256}</small>
      </p>
    </>
  );
}

function Archive({ kind, shown }: { kind: Kind; shown: number }) {
  const t = useT();
  const format = useFormat();
  const { locale } = useAppState();
  const versions = useLoad(
    async () => rows(await unwrap(api.GET("/api/v1/policies/{kind}/versions/", { params: { path: { kind }, query: { locale } } }))),
    [kind, locale],
  );
  return (
    <section class="archive" aria-labelledby="archive-title">
      <h2 id="archive-title">{t("versionArchive")}</h2>
      <Loaded load={versions}>
        {(list) => (
          <ol reversed class="versions">
            {list.map((version, i) => {
              const older = list[i + 1];
              return (
                <li key={version.version}>
                  {version.version === shown ? (
                    <strong aria-current="page">{t("versionN", { n: String(version.version) })}</strong>
                  ) : (
                    <Link href={`/policies/${kind}/versions/${version.version}`}>{t("versionN", { n: String(version.version) })}</Link>
                  )}{" "}
                  <span class="meta">
                    {format.day(version.published_at)} · {t(version.change_type === "material" ? "materialChange" : "editorialChange")}
                  </span>
                  {older && (
                    <>
                      {" · "}
                      <Link href={`/policies/${kind}/diff?from=${older.version}&to=${version.version}`}>{t("whatChanged")}</Link>
                    </>
                  )}
                </li>
              );
            })}
          </ol>
        )}
      </Loaded>
    </section>
  );
}

export function PolicyPage({ kind, version }: { kind: Kind; version?: number }) {
  const { locale } = useAppState();
  const load = useLoad(
    () =>
      unwrap(
        version
          ? api.GET("/api/v1/policies/{kind}/versions/{version}/", { params: { path: { kind, version }, query: { locale } } })
          : api.GET("/api/v1/policies/{kind}/", { params: { path: { kind }, query: { locale } } }),
      ),
    [kind, version, locale],
  );
  useTitle(load.status === "ready" ? load.data.title : undefined);
  return (
    <div class="policy">
      <Loaded load={load}>{(policy) => <PolicyText policy={policy} />}</Loaded>
      <Archive kind={kind} shown={load.status === "ready" ? load.data.version : 0} />
    </div>
  );
}

export function PolicyDiff({ kind }: { kind: Kind }) {
  const t = useT();
  const { locale } = useAppState();
  const { query } = useLocation();
  const from = Number(query.get("from") ?? "0");
  const to = Number(query.get("to") ?? "0");
  // Without versions in the address: what the latest publish changed (the version in force against
  // the one before it; the first version against itself).
  const load = useLoad(async () => {
    const newest = to || (await unwrap(api.GET("/api/v1/policies/{kind}/", { params: { path: { kind }, query: { locale } } }))).version;
    const since = from || Math.max(1, newest - 1);
    return unwrap(api.GET("/api/v1/policies/{kind}/diff/", { params: { path: { kind }, query: { from: since, to: newest, locale } } }));
  }, [kind, from, to, locale]);
  useTitle(t("whatChanged"));
  return (
    <div class="policy">
      <Loaded load={load}>
        {(diff) => (
          <>
            <h1>
              {t("whatChanged")}: {diff.to.title}
            </h1>
            <p class="meta">{t("diffBetween", { from: String(diff.from.version), to: String(diff.to.version) })}</p>
            <p>{t("diffSummary", { added: String(diff.summary.added), removed: String(diff.summary.removed), changed: String(diff.summary.changed) })}</p>
            <p class="legend">
              <ins>{t("diffAdded")}</ins> <del>{t("diffRemoved")}</del>
            </p>
            <div class="diff policy-body" dangerouslySetInnerHTML={{ __html: diff.html }} />
            <p>
              <Link href={`/policies/${kind}/versions/${diff.from.version}`}>{t("versionN", { n: String(diff.from.version) })}</Link> ·{" "}
              <Link href={`/policies/${kind}/versions/${diff.to.version}`}>{t("versionN", { n: String(diff.to.version) })}</Link>
            </p>
          </>
        )}
      </Loaded>
    </div>
  );
}
