import { defineConfig } from 'vitest/config';
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { fileURLToPath } from 'node:url';

// The top level of the repository is fixed (see README), so the app's entry
// (index.html) lives in src/ and Vite's root is src/. Bundled data in data/
// reaches the app through import.meta.glob('?url'), which fingerprints it.
const repoRoot = fileURLToPath(new URL('.', import.meta.url));

export default defineConfig({
  root: 'src',
  publicDir: '../public',
  base: './',
  plugins: [svelte()],
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
