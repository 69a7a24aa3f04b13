import { defineConfig } from '@playwright/test';
import { chromiumLaunchOptions } from './chromium';

// End-to-end tests drive Debian's Chromium (never a downloaded browser)
// against the built app served by `vite preview`. E2E_PORT and E2E_OUTDIR let
// two checkouts (or two people on one machine) run them side by side:
//   npx vite build --outDir ../dist-x && E2E_OUTDIR=../dist-x E2E_PORT=4180 npm run test:e2e
const port = Number(process.env.E2E_PORT ?? 4173);
const outDir = process.env.E2E_OUTDIR ?? '../dist';

export default defineConfig({
  testDir: '.',
  testMatch: '**/*.spec.ts',
  timeout: 60_000,
  expect: { timeout: 15_000 },
  fullyParallel: false,
  workers: 1,
  retries: 0,
  reporter: [['list']],
  outputDir: '../../test-results',
  use: {
    baseURL: `http://127.0.0.1:${port}/`,
    viewport: { width: 1280, height: 800 },
    launchOptions: chromiumLaunchOptions,
    serviceWorkers: 'block', // the app's worker precaches ~56 MB: only offline.spec.ts allows it
    trace: 'off',
  },
  webServer: {
    command: `npx vite preview --port ${port} --strictPort --host 127.0.0.1 --outDir ${outDir}`,
    cwd: '../..',
    url: `http://127.0.0.1:${port}/`,
    reuseExistingServer: false,
    timeout: 60_000,
  },
});
