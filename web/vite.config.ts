// Two pages, built into dist/ and embedded in the binary (src/web.rs):
// the explorer (index.html, served at /) and GraphiQL (graphiql.html, at
// /graphiql). Nothing is fetched from elsewhere at run time.
import { defineConfig } from "vite";
import react from "@vitejs/plugin-react";

// A page's path beside this file. (Written without node:path so that
// `tsc --noEmit` needs no Node type declarations.)
const page = (name: string) => decodeURIComponent(new URL(name, import.meta.url).pathname);

export default defineConfig({
  plugins: [react()],
  base: "/",
  build: {
    outDir: "dist",
    emptyOutDir: true,
    // Source maps would double what the binary carries.
    sourcemap: false,
    // GraphiQL alone is larger than Vite's default warning size.
    chunkSizeWarningLimit: 2048,
    rollupOptions: {
      input: {
        index: page("index.html"),
        graphiql: page("graphiql.html"),
      },
    },
  },
  server: {
    // `npm run dev` against a `scrutiny serve` on the default port.
    proxy: { "/graphql": "http://127.0.0.1:8080", "/source": "http://127.0.0.1:8080", "/ingest": "http://127.0.0.1:8080" },
  },
});
