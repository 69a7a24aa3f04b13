// The browser of the benchmark scripts (bench.mjs, bench-kepler.mjs): Debian's Chromium (or CHROMIUM_PATH) with the
// flags that render WebGL through SwiftShader here, a fresh profile for every cold start, 1280 × 800, service
// workers blocked (cold starts without the app's precache in the background).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { chromium } from '@playwright/test';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const CHROMIUM_ARGS = [
  '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
];
export const VIEWPORT = { width: 1280, height: 800 };

/** Runs `fn(context)` in a fresh persistent Chromium profile, removed afterwards. */
export async function withFreshBrowser(fn) {
  const profile = mkdtempSync(join(tmpdir(), 'atlas-bench-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    args: CHROMIUM_ARGS,
    viewport: VIEWPORT,
    serviceWorkers: 'block', // cold starts without the service worker's 56 MB precache in the background
  });
  try {
    return await fn(context);
  } finally {
    await context.close();
    rmSync(profile, { recursive: true, force: true });
  }
}

/** Median, p95, min and max of the finite values (the rows of every benchmark table). */
export function stats(values) {
  const v = values.filter((x) => Number.isFinite(x)).sort((a, b) => a - b);
  const q = (p) => v[Math.min(v.length - 1, Math.max(0, Math.ceil(p * v.length) - 1))];
  return { n: v.length, median: q(0.5), p95: q(0.95), min: v[0], max: v[v.length - 1] };
}

/**
 * Bytes on the wire (body and response headers) of finished Playwright requests. A response whose size is not
 * known (a worker's own script) counts its body, gzipped again when it came gzipped.
 */
export async function wireBytes(requests) {
  let total = 0;
  for (const request of requests) {
    const sizes = await request.sizes().catch(() => null);
    if (!sizes) continue;
    let body = sizes.responseBodySize;
    if (body <= 0) {
      // Its decoded body, compressed again as the server sent it.
      const response = await request.response();
      const decoded = await response?.body().catch(() => null);
      const gzipped = (await response?.headerValue('content-encoding')) === 'gzip';
      body = decoded ? (gzipped ? gzipSync(decoded).length : decoded.length) : 0;
    }
    total += body + sizes.responseHeadersSize;
  }
  return total;
}
