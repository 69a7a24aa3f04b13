// What a cold start transfers before `atlas:first-map`: every request of the page and of its workers
// (Playwright's request events, as scripts/bench.mjs counts them), with its size on the wire and when it
// ended, in the order they ended. Same browser, flags and fresh profile as the bench's cold starts.
//   node scripts/start-requests.mjs [--dist DIR] [--port P] [--url QUERY]
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from '@playwright/test';
import { startPreview } from './lib/preview-server.mjs';

const args = process.argv.slice(2);
const opt = (name, fallback) => (args.includes(`--${name}`) ? args[args.indexOf(`--${name}`) + 1] : fallback);
const DIST = opt('dist', 'dist');
const PORT = Number(opt('port', 4203));
const QUERY = opt('url', '');
const BASE = `http://127.0.0.1:${PORT}/`;

const server = QUERY.startsWith('http') ? null : await startPreview(DIST, PORT);
const profile = mkdtempSync(join(tmpdir(), 'atlas-requests-'));
const context = await chromium.launchPersistentContext(profile, {
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  viewport: { width: 1280, height: 800 },
  serviceWorkers: 'block',
});
try {
  const page = context.pages()[0] ?? (await context.newPage());
  const finished = [];
  page.on('requestfinished', (r) => finished.push(r));
  await page.goto(QUERY.startsWith('http') ? QUERY : `${BASE}${QUERY}`);
  await page.waitForFunction(() => performance.getEntriesByName('atlas:first-map').length > 0, null, { timeout: 60_000 });
  const [origin, firstMap] = await page.evaluate(() => [performance.timeOrigin, performance.getEntriesByName('atlas:first-map')[0].startTime]);
  const rows = [];
  for (const r of finished) {
    const t = r.timing();
    const end = t.responseEnd < 0 ? null : t.startTime + t.responseEnd - origin;
    if (end !== null && end > firstMap) continue;
    const sizes = await r.sizes().catch(() => null);
    rows.push({ end, kb: sizes ? (sizes.responseBodySize + sizes.responseHeadersSize) / 1024 : null, url: r.url().replace(/^https?:\/\/[^/]+/, ''), range: (await r.allHeaders())['range'] ?? '' });
  }
  rows.sort((a, b) => (a.end ?? 0) - (b.end ?? 0));
  let total = 0;
  for (const r of rows) {
    total += r.kb ?? 0;
    console.log(`${String(r.end === null ? '?' : Math.round(r.end)).padStart(6)} ms ${(r.kb ?? 0).toFixed(1).padStart(8)} KB  ${r.url.slice(0, 90)} ${r.range}`);
  }
  console.log(`first map at ${Math.round(firstMap)} ms; ${total.toFixed(1)} KB in ${rows.length} requests`);
} finally {
  await context.close();
  rmSync(profile, { recursive: true, force: true });
  if (server) process.kill(-server.pid);
}
