import { defineConfig } from 'vitest/config';
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { fileURLToPath } from 'node:url';
import { VitePWA } from 'vite-plugin-pwa';
import type { Plugin } from 'vite';

// The top level of the repository is fixed (see README), so the app's entry
// (index.html) lives in src/ and Vite's root is src/. Bundled data in data/
// reaches the app through import.meta.glob('?url'), which fingerprints it.
const repoRoot = fileURLToPath(new URL('.', import.meta.url));

export default defineConfig({
  root: 'src',
  publicDir: '../public',
  base: './',
  plugins: [svelte(), offlinePwa(), contentSecurityPolicy()],
  build: {
    outDir: '../dist',
    emptyOutDir: true,
    target: 'es2022',
    // Data files are fetched, never inlined: keeps the JS small and lets the
    // browser cache them separately.
    assetsInlineLimit: 0,
    chunkSizeWarningLimit: 1500,
    // No inline module-preload polyfill: the built pages carry no inline script (CSP below).
    modulePreload: { polyfill: false },
    rollupOptions: {
      // bench.html holds benchmark cases for scripts/bench.mjs; the app does not link it.
      input: { main: `${repoRoot}src/index.html`, bench: `${repoRoot}src/bench.html` },
    },
  },
  optimizeDeps: {
    exclude: ['@duckdb/duckdb-wasm'],
  },
  server: {
    fs: { allow: [repoRoot] },
  },
  worker: { format: 'es' },
  test: {
    root: repoRoot,
    include: ['tests/unit/**/*.test.ts'],
    environment: 'node',
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});

// The Content-Security-Policy of the built app, as a <meta> tag (the app is
// static files on any host, so it cannot rely on server headers). Build only:
// the dev server injects inline scripts and styles (HMR, the error overlay).
// Everything comes from the app's own origin; each other source says why it is
// there. tests/e2e/csp.spec.ts walks every view and dialog (and the basemap,
// mocked) and requires zero violations.
/** The extra connect-src sources for online data packages (README "Publishing a data package"). */
function packageOrigins(): string {
  const list = (process.env.ATLAS_PACKAGE_ORIGINS ?? '').split(/\s+/).filter(Boolean);
  for (const o of list) {
    // A CSP source expression only: nothing that could end the directive or the attribute.
    if (!/^(https?:\/\/)?[\w.*-]+(:(\d+|\*))?(\/[\w./-]*)?$|^https?:$/.test(o)) throw new Error(`ATLAS_PACKAGE_ORIGINS: not an origin: ${o}`);
  }
  return list.map((o) => ` ${o}`).join('');
}

function contentSecurityPolicy(): Plugin {
  const csp = [
    "default-src 'self'",
    // No inline script, no eval. 'wasm-unsafe-eval' (WebAssembly only, not JS eval):
    // DuckDB compiles its wasm in its worker, which runs under this policy (below).
    "script-src 'self' 'wasm-unsafe-eval'",
    // blob: DuckDB's worker starts from a blob: URL that loads its script, so that it
    // inherits this policy (src/lib/db/browser-engine.ts): connect-src then keeps
    // whatever DuckDB reads, even a URL typed into the SQL console, on the origin.
    // MapLibre's, the import parser's and the join workers and the service worker are own files.
    "worker-src 'self' blob:",
    // blob: imported files handed to MapLibre by URL; data: deck.gl fetches the
    // trend arrow icon (an SVG data: URL). tiles.openfreemap.org: the online
    // basemap, only after the user opts in (src/lib/map/basemap.ts); its style,
    // TileJSON, vector and raster tiles, sprite and glyphs all come from that one
    // host, and MapLibre loads tile images with fetch (so no img-src for it).
    // ATLAS_PACKAGE_ORIGINS (build time, space-separated CSP sources, e.g. "https://daten.example.de"):
    // hosts of online data packages this installation may open (?src=…, data/online-open.ts), each only
    // after the user's consent; none by default (a package on the app's own origin needs nothing).
    `connect-src 'self' blob: data: https://tiles.openfreemap.org${packageOrigins()}`,
    // data: the favicon ("data:,") and MapLibre's control icons (SVG data: URLs in its CSS).
    "img-src 'self' data:",
    // Only the bundled stylesheets: no style="" attribute or <style> is needed
    // (Svelte's style: directives and MapLibre set element.style through the CSSOM, which CSP allows).
    "style-src 'self'",
    "font-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    // No form submits anywhere (<form method="dialog"> only closes a dialog).
    "form-action 'none'",
    "manifest-src 'self'",
  ].join('; ');
  const tag = `<meta http-equiv="Content-Security-Policy" content="${csp}" />`;
  return {
    name: 'quartiersatlas-csp',
    apply: 'build',
    transformIndexHtml: {
      order: 'post',
      // The app's page only: bench.html (scripts/bench.mjs, never linked) sizes its map with a style attribute.
      handler(html, ctx) {
        if (!ctx.filename.endsWith('index.html')) return html;
        // Right after <meta charset>, before every script, stylesheet and the manifest link.
        const charset = /<meta charset="[^"]*"\s*\/?>/i;
        if (!charset.test(html)) throw new Error('index.html: no <meta charset> to put the CSP after');
        return html.replace(charset, (m) => `${m}\n    ${tag}`);
      },
    },
  };
}

// Installable and fully offline after the first visit (src/sw.ts, state in
// src/lib/state/offline.svelte.ts). Everything the app can load is precached:
// HTML, JS, CSS, DuckDB's wasm (34 MB) and worker, MapLibre's worker, all
// bundled data (the 10 MB Zensus grid included) and the icons, ~56 MB in all.
// The page registers the worker itself, after the first map and the engine.
function offlinePwa() {
  return VitePWA({
    // Own worker (not generateSW): it reports the precache progress to the page.
    strategies: 'injectManifest',
    srcDir: '.',
    filename: 'sw.ts',
    // No registerSW.js / inline script: offline.svelte.ts registers it after the first view.
    injectRegister: false,
    // 'prompt', not 'autoUpdate': a new version installs in the background and
    // then waits until the user clicks "Neue Version – neu laden". autoUpdate
    // would activate it at once and drop the old version's files from the cache
    // while a running session (its DuckDB worker, lazy chunks) still uses them.
    registerType: 'prompt',
    // `vite` dev keeps running without a service worker.
    devOptions: { enabled: false },
    // vite-plugin-pwa 2.0.0 builds the worker with Rollup's `inlineDynamicImports`,
    // which Vite 8 (Rolldown) deprecates (a warning per build): same meaning, new name.
    integration: {
      configureCustomSWViteBuild(config) {
        const output = config.build?.rollupOptions?.output;
        if (output && !Array.isArray(output) && output.inlineDynamicImports) {
          delete output.inlineDynamicImports;
          output.codeSplitting = false;
        }
      },
    },
    // The icons are precached by the glob below, with the rest of public/.
    includeManifestIcons: false,
    manifest: {
      name: 'Quartiersatlas',
      short_name: 'Quartiersatlas',
      description: 'Indikatoren für Quartiere und Regionen – im Browser und ohne Netz nutzbar',
      lang: 'de',
      start_url: './',
      scope: './',
      display: 'standalone',
      theme_color: '#1f4e79', // --accent in src/app.css
      background_color: '#fbfaf7', // --bg
      icons: [
        { src: 'icons/icon-192.png', sizes: '192x192', type: 'image/png', purpose: 'any' },
        { src: 'icons/icon-512.png', sizes: '512x512', type: 'image/png', purpose: 'any' },
        { src: 'icons/icon-maskable-512.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' },
      ],
    },
    injectManifest: {
      globPatterns: ['**/*.{html,js,mjs,css,wasm,json,geojson,csv,arrow,pmtiles,png,parquet}'],
      // The benchmark page is never linked by the app; the web manifest is added by the plugin.
      globIgnores: ['bench.html', 'assets/bench-*.js'],
      // The wasm is 34 MB; fail the build (rather than go silently online-only) above 64 MB.
      maximumFileSizeToCacheInBytes: 64 * 1024 * 1024,
      // Sizes for the progress display (the worker weighs each file by its bytes).
      manifestTransforms: [(entries) => ({ manifest: entries.map((e) => ({ ...e, bytes: e.size })) })],
    },
  });
}
