// Small shared pieces: loading and error states, money, the API loader hook, form fields.
import type { ComponentChildren } from "preact";
import { useCallback, useEffect, useState } from "preact/hooks";
import { errorMessage, type Schemas } from "../api";
import { useT } from "../i18n";
import { useAppState } from "../store";

export type Load<T> =
  | { status: "loading"; data?: undefined; error?: undefined }
  | { status: "error"; data?: undefined; error: unknown }
  | { status: "ready"; data: T; error?: undefined };

/** Run an API read when its inputs change; stale answers (the shopper moved on) are dropped. */
export function useLoad<T>(load: () => Promise<T>, deps: unknown[]): Load<T> & { reload: () => void } {
  const [state, setState] = useState<Load<T>>({ status: "loading" });
  const [tick, setTick] = useState(0);
  useEffect(() => {
    let live = true;
    setState((previous) => (previous.status === "ready" ? previous : { status: "loading" }));
    load().then(
      (data) => live && setState({ status: "ready", data }),
      (error: unknown) => live && setState({ status: "error", error }),
    );
    return () => {
      live = false;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [...deps, tick]);
  const reload = useCallback(() => setTick((n) => n + 1), []);
  return { ...state, reload };
}

export function Loading() {
  const t = useT();
  return (
    <p class="loading" role="status">
      {t("loading")}
    </p>
  );
}

export function ErrorBox({ error, retry }: { error: unknown; retry?: () => void }) {
  const t = useT();
  return (
    <div class="notice error" role="alert">
      <p>{errorMessage(error, t("error"))}</p>
      {retry && (
        <button type="button" class="secondary" onClick={retry}>
          {t("retry")}
        </button>
      )}
    </div>
  );
}

/** Render a loader's three states; `children` gets the data. */
export function Loaded<T>({ load, children }: { load: Load<T> & { reload: () => void }; children: (data: T) => ComponentChildren }) {
  if (load.status === "loading") return <Loading />;
  if (load.status === "error") return <ErrorBox error={load.error} retry={load.reload} />;
  return <>{children(load.data)}</>;
}

const REGION: Record<string, string> = { fi: "fi-FI", et: "et-EE", en: "en-IE" };

export function useFormat() {
  const { locale } = useAppState();
  const tag = REGION[locale] ?? "fi-FI";
  return {
    money: (amount: string, currency = "EUR") =>
      new Intl.NumberFormat(tag, { style: "currency", currency }).format(Number(amount)),
    date: (iso: string | null | undefined) =>
      iso ? new Intl.DateTimeFormat(tag, { dateStyle: "medium", timeStyle: "short" }).format(new Date(iso)) : "",
    day: (iso: string | null | undefined) =>
      iso ? new Intl.DateTimeFormat(tag, { dateStyle: "long" }).format(new Date(iso)) : "",
    percent: (rate: string) => `${new Intl.NumberFormat(tag, { maximumFractionDigits: 2 }).format(Number(rate))} %`,
  };
}

export function Price({ price }: { price: Schemas["Money"] }) {
  const format = useFormat();
  return <span class="price">{format.money(price.gross, price.currency)}</span>;
}

interface FieldProps {
  name: string;
  label: string;
  type?: "text" | "email" | "password" | "tel" | "search";
  value: string;
  onInput: (value: string) => void;
  errors?: string[];
  required?: boolean;
  autocomplete?: string;
  hint?: string;
}

/** A labelled input whose errors (from the envelope's `fields`) are announced and linked to it. */
export function Field({ name, label, type = "text", value, onInput, errors, required, autocomplete, hint }: FieldProps) {
  const id = `field-${name}`;
  const described = [hint ? `${id}-hint` : "", errors?.length ? `${id}-error` : ""].filter(Boolean).join(" ");
  return (
    <div class="field">
      <label for={id}>{label}</label>
      {hint && (
        <p class="hint" id={`${id}-hint`}>
          {hint}
        </p>
      )}
      <input
        id={id}
        name={name}
        type={type as "text"}
        value={value}
        required={required}
        autocomplete={autocomplete}
        aria-invalid={errors?.length ? "true" : undefined}
        aria-describedby={described || undefined}
        onInput={(event) => onInput((event.target as HTMLInputElement).value)}
      />
      {errors?.length ? (
        <p class="field-error" id={`${id}-error`}>
          {errors.join(" ")}
        </p>
      ) : null}
    </div>
  );
}

export function useTitle(title: string | undefined): void {
  useEffect(() => {
    document.title = title ? `${title} · Xmi` : "Xmi";
  }, [title]);
}
