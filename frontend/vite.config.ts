import { defineConfig } from "vite";

// Built into dist/, which WhiteNoise serves at the site root (config/settings/base.py).
// In `npm run dev`, API calls are proxied to the Django server on :8000.
export default defineConfig({
  build: { outDir: "dist", emptyOutDir: true, assetsDir: "assets" },
  server: { proxy: { "/api": "http://127.0.0.1:8000", "/media": "http://127.0.0.1:8000" } },
});
