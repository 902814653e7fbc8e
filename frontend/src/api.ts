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
// endpoints whose schema has no ?locale= parameter (cookie consents) still get it.
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

export function errorMessage(error: unknown, fallback: string): string {
  const envelope = error as ApiError | undefined;
  return envelope?.error?.message ?? fallback;
}
