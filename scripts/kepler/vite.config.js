// Builds the kepler.gl peer of the benchmark (scripts/bench-kepler.mjs) into $KEPLER_OUT (default dist/).
// kepler.gl's packages are CommonJS written for webpack: `global` and `process.env` are defined for them.
import { defineConfig } from 'vite';

export default defineConfig({
  base: './',
  define: { global: 'globalThis', 'process.env': '{}' },
  build: {
    outDir: process.env.KEPLER_OUT ?? 'dist',
    emptyOutDir: true,
    chunkSizeWarningLimit: 20_000,
    sourcemap: false,
  },
  logLevel: 'warn',
});
