import { defineConfig } from "vite";

// Built into dist/, which WhiteNoise serves at the site root (config/settings/base.py); Django answers
// every other storefront path with dist/index.html, so the app routes by real paths.
// JSX is compiled by esbuild for Preact (no Babel preset needed).
// In `npm run dev`, API calls are proxied to the Django server on :8000.
export default defineConfig({
  esbuild: { jsx: "automatic", jsxImportSource: "preact" },
  build: { outDir: "dist", emptyOutDir: true, assetsDir: "assets" },
  server: { proxy: { "/api": "http://127.0.0.1:8000", "/media": "http://127.0.0.1:8000" } },
});
