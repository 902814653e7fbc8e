// The typed API client: paths and shapes come from src/api/schema.d.ts, generated from the OpenAPI
// snapshot (npm run gen:api), so a contract change that breaks the storefront fails `tsc`.
import createClient, { type Middleware } from "openapi-fetch";
import type { components, paths } from "./api/schema";

export type Schemas = components["schemas"];

/** The error envelope every /api/v1/ error uses. */
export interface ApiError {
  error: { code: string; message: string; fields?: Record<string, string[]>; details?: Record<string, unknown> };
}

function cookie(name: string): string | undefined {
  return document.cookie
    .split("; ")
    .find((part) => part.startsWith(`${name}=`))
    ?.split("=")[1];
}

// Session + CSRF, as API.md asks of browser clients on our own site.
const csrf: Middleware = {
  onRequest({ request }) {
    if (!["GET", "HEAD", "OPTIONS"].includes(request.method)) {
      const token = cookie("csrftoken");
      if (token) request.headers.set("X-CSRFToken", decodeURIComponent(token));
    }
    return request;
  },
};

// Every request says which language the shopper chose (API.md: ?locale=, else Accept-Language);
// endpoints whose schema has no ?locale= parameter still answer errors in it.
let currentLocale: () => string = () => "fi";
export function setLocaleSource(source: () => string): void {
  currentLocale = source;
}
const language: Middleware = {
  onRequest({ request }) {
    request.headers.set("Accept-Language", currentLocale());
    return request;
  },
};

export const api = createClient<paths>({ baseUrl: "", credentials: "same-origin" });
api.use(csrf, language);

export function isApiError(error: unknown): error is ApiError {
  return typeof error === "object" && error !== null && "error" in error;
}

export function errorMessage(error: unknown, fallback: string): string {
  return isApiError(error) ? error.error.message : fallback;
}

export function fieldErrors(error: unknown): Record<string, string[]> {
  return isApiError(error) ? (error.error.fields ?? {}) : {};
}

/** Turn an openapi-fetch answer into its data, throwing the envelope (or a network error) otherwise. */
export async function unwrap<T>(call: Promise<{ data?: T; error?: unknown; response: Response }>): Promise<T> {
  const { data, error, response } = await call;
  if (error !== undefined || !response.ok) throw error ?? new Error(String(response.status));
  return data as T;
}

/** Save a JSON document as a file the shopper keeps (data export, signed receipt). */
export function download(filename: string, content: unknown): void {
  const blob = new Blob([typeof content === "string" ? content : JSON.stringify(content, null, 2)], {
    type: "application/json",
  });
  const url = URL.createObjectURL(blob);
  const link = document.createElement("a");
  link.href = url;
  link.download = filename;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/** The rows of a list answer. Some list endpoints are paginated by the server while the schema
 * snapshot still declares a bare array; this accepts both, so the app keeps working while the
 * schema catches up (the type of the rows still comes from the schema). */
export function rows<T>(data: T[] | { results: T[] }): T[] {
  return Array.isArray(data) ? data : data.results;
}
