import { defineConfig } from 'vitest/config';
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { fileURLToPath } from 'node:url';
import { VitePWA } from 'vite-plugin-pwa';

// The top level of the repository is fixed (see README), so the app's entry
// (index.html) lives in src/ and Vite's root is src/. Bundled data in data/
// reaches the app through import.meta.glob('?url'), which fingerprints it.
const repoRoot = fileURLToPath(new URL('.', import.meta.url));

export default defineConfig({
  root: 'src',
  publicDir: '../public',
  base: './',
  plugins: [svelte(), offlinePwa()],
  build: {
    outDir: '../dist',
    emptyOutDir: true,
    target: 'es2022',
    // Data files are fetched, never inlined: keeps the JS small and lets the
    // browser cache them separately.
    assetsInlineLimit: 0,
    chunkSizeWarningLimit: 1500,
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
      globPatterns: ['**/*.{html,js,mjs,css,wasm,json,geojson,csv,arrow,png}'],
      // The benchmark page is never linked by the app; the web manifest is added by the plugin.
      globIgnores: ['bench.html', 'assets/bench-*.js'],
      // The wasm is 34 MB; fail the build (rather than go silently online-only) above 64 MB.
      maximumFileSizeToCacheInBytes: 64 * 1024 * 1024,
      // Sizes for the progress display (the worker weighs each file by its bytes).
      manifestTransforms: [(entries) => ({ manifest: entries.map((e) => ({ ...e, bytes: e.size })) })],
    },
  });
}
