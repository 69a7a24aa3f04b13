// Online data packages (?src=<URL of site.json>): Leipzig published by scripts/publish-package.mjs,
// served from a second origin (a small static server with CORS and Range, started here) and from the
// app's own origin (copied into the served dist folder). The default build's CSP allows no other
// origin: the foreign cases extend connect-src as a build with ATLAS_PACKAGE_ORIGINS would.
import { test, expect, type Page } from '@playwright/test';
import http from 'node:http';
import { cpSync, createReadStream, existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { publishPackage } from '../../scripts/publish-package.mjs';
import { countMapPixels, waitForView } from './helpers';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
// As playwright.config.ts hands it to `vite preview` (relative to Vite's root, src/).
const dist = path.resolve(repo, 'src', process.env.E2E_OUTDIR ?? '../dist');
const SAME_DIR = 'e2e-online-package';
const BROKEN_DIR = 'e2e-online-broken';
const ALLOWING_PAGE = 'e2e-online-allowed.html';
const VIEW = 'ind=arbeitslosenanteil&year=2022';

interface Logged {
  method: string;
  path: string;
  origin: string | undefined;
  range: string | undefined;
}

const TYPES: Record<string, string> = { '.json': 'application/json', '.csv': 'text/csv; charset=utf-8', '.geojson': 'application/geo+json' };

/** A static host as an object store behind a CDN would answer: CORS for any origin, Range, ETag. */
function startHost(dir: string): Promise<{ origin: string; log: Logged[]; close: () => Promise<void> }> {
  const log: Logged[] = [];
  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    log.push({ method: req.method ?? '', path: url.pathname, origin: req.headers.origin, range: req.headers.range });
    res.setHeader('Access-Control-Allow-Origin', '*');
    res.setHeader('Access-Control-Allow-Headers', 'Range');
    res.setHeader('Access-Control-Expose-Headers', 'Content-Range, Content-Length, ETag, Accept-Ranges');
    if (req.method === 'OPTIONS') return void res.writeHead(204).end();
    const file = path.join(dir, path.normalize(decodeURIComponent(url.pathname)).replace(/^([/\\])+/, ''));
    if (!file.startsWith(dir) || !existsSync(file) || !statSync(file).isFile()) return void res.writeHead(404).end('not found');
    const size = statSync(file).size;
    const headers = { 'Content-Type': TYPES[path.extname(file)] ?? 'application/octet-stream', 'Accept-Ranges': 'bytes', ETag: `"${size}"` };
    const m = /^bytes=(\d+)-(\d*)$/.exec(req.headers.range ?? '');
    if (m) {
      const start = Number(m[1]);
      const end = Math.min(m[2] ? Number(m[2]) : size - 1, size - 1);
      if (start > end) return void res.writeHead(416, { 'Content-Range': `bytes */${size}` }).end();
      res.writeHead(206, { ...headers, 'Content-Range': `bytes ${start}-${end}/${size}`, 'Content-Length': end - start + 1 });
      return void (req.method === 'HEAD' ? res.end() : createReadStream(file, { start, end }).pipe(res));
    }
    res.writeHead(200, { ...headers, 'Content-Length': size });
    if (req.method === 'HEAD') res.end();
    else createReadStream(file).pipe(res);
  });
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      resolve({ origin: `http://127.0.0.1:${port}`, log, close: () => new Promise((r) => server.close(() => r())) });
    });
  });
}

/**
 * The app's page as a build with ATLAS_PACKAGE_ORIGINS=<origin> writes it (the CSP meta tag's
 * connect-src), beside index.html in the served folder. (Not page.route: Chromium treats a page
 * fulfilled by the test as public and then refuses its requests to the loopback host.)
 */
function writeAllowingPage(origin: string): void {
  const html = readFileSync(path.join(dist, 'index.html'), 'utf8');
  if (!html.includes("connect-src 'self'")) throw new Error('index.html: no connect-src to extend');
  writeFileSync(path.join(dist, ALLOWING_PAGE), html.replace("connect-src 'self'", `connect-src 'self' ${origin}`));
}

async function rankingRows(page: Page): Promise<string[][]> {
  const rows = page.getByTestId('ranking-row');
  await expect(rows).toHaveCount(63);
  return rows.evaluateAll((els) => els.map((e) => [e.getAttribute('data-id') ?? '', e.querySelector('.name')?.textContent ?? '', e.querySelector('.value')?.textContent ?? '']));
}

let pkgDir = '';
let host: Awaited<ReturnType<typeof startHost>>;
let leipzigRows: string[][] = [];

test.beforeAll(async ({ browser }) => {
  pkgDir = mkdtempSync(path.join(tmpdir(), 'atlas-online-'));
  publishPackage('leipzig', path.join(pkgDir, 'leipzig'));
  publishPackage('gemeinden', path.join(pkgDir, 'gemeinden'));
  host = await startHost(pkgDir);
  writeAllowingPage(host.origin);
  cpSync(path.join(pkgDir, 'leipzig'), path.join(dist, SAME_DIR), { recursive: true });
  // A broken package: a level without geometry, a default year the indicator lacks.
  const broken = JSON.parse(readFileSync(path.join(pkgDir, 'leipzig', 'site.json'), 'utf8'));
  delete broken.site.levels[1].geometry;
  broken.site.defaults.year = 1990;
  cpSync(path.join(pkgDir, 'leipzig'), path.join(dist, BROKEN_DIR), { recursive: true });
  writeFileSync(path.join(dist, BROKEN_DIR, 'site.json'), JSON.stringify(broken));
  // Bundled Leipzig's ranking, the reference.
  const page = await browser.newPage();
  await page.goto(`./?site=leipzig&${VIEW}`);
  await waitForView(page, 'leipzig|ortsteil|arbeitslosenanteil|2022');
  leipzigRows = await rankingRows(page);
  await page.close();
});

test.afterAll(async () => {
  await host?.close();
  rmSync(pkgDir, { recursive: true, force: true });
  rmSync(path.join(dist, SAME_DIR), { recursive: true, force: true });
  rmSync(path.join(dist, BROKEN_DIR), { recursive: true, force: true });
  rmSync(path.join(dist, ALLOWING_PAGE), { force: true });
});

test('another origin: consent first (nothing fetched before), then the site from the package with Leipzig\'s values', async ({ page }) => {
  // The policy of such a build holds: no violation on the way.
  await page.addInitScript(() => {
    const w = window as unknown as { violations: string[] };
    w.violations = [];
    document.addEventListener('securitypolicyviolation', (e) => w.violations.push(`${e.violatedDirective} ${e.blockedURI}`));
  });
  const src = `${host.origin}/leipzig/site.json`;
  host.log.length = 0;
  await page.goto(`./${ALLOWING_PAGE}?src=${encodeURIComponent(src)}&${VIEW}`);
  const dialog = page.getByTestId('online-dialog');
  await expect(dialog).toHaveAttribute('data-phase', 'ask');
  await expect(page.getByTestId('online-url')).toHaveText(src);
  await expect(page.getByTestId('online-privacy')).toContainText(`Daten werden von ${host.origin} geladen; diese Seite sieht Ihre IP-Adresse`);
  await expect(page.getByTestId('online-allow-always')).toContainText(host.origin);
  expect(host.log).toEqual([]);
  await page.getByTestId('online-allow-once').click();
  await waitForView(page, 'online-leipzig|ortsteil|arbeitslosenanteil|2022');
  expect((await countMapPixels(page, 'coloured')).count).toBeGreaterThan(10_000);
  expect(await rankingRows(page)).toEqual(leipzigRows);
  // Every file came from the package's host, asked by this page's origin (CORS).
  const paths = new Set(host.log.filter((r) => r.method === 'GET').map((r) => r.path));
  for (const f of ['site.json', 'areas.csv', 'values.csv', 'first-view.json', 'ortsteil.geojson']) expect(paths).toContain(`/leipzig/${f}`);
  expect(host.log.every((r) => r.origin === new URL(page.url()).origin)).toBe(true);
  // Marked in the site list with its origin; the share link keeps src.
  await expect(page.getByTestId('site-select').locator('option:checked')).toHaveText(`Leipzig – Ortsteile (online: ${host.origin})`);
  await expect(page).toHaveURL(new RegExp(`site=online-leipzig.*&src=${encodeURIComponent(src).replace(/%3A/g, ':').replace(/[.?]/g, '\\$&')}`));
  expect(await page.evaluate(() => (window as unknown as { violations: string[] }).violations)).toEqual([]);
  // Once means once: a reload asks again.
  await page.reload();
  await expect(page.getByTestId('online-dialog')).toHaveAttribute('data-phase', 'ask');
});

test('always for this origin: kept, the next visit opens without asking; the sources are the package\'s', async ({ page }) => {
  const src = `${host.origin}/leipzig/site.json`;
  await page.goto(`./${ALLOWING_PAGE}?src=${encodeURIComponent(src)}&${VIEW}`);
  await page.getByTestId('online-allow-always').click();
  await waitForView(page, 'online-leipzig|ortsteil|arbeitslosenanteil|2022');
  const share = new URL(page.url());
  await page.goto(`./${ALLOWING_PAGE}${share.search}`);
  await waitForView(page, 'online-leipzig|ortsteil|arbeitslosenanteil|2022');
  await expect(page.getByTestId('online-dialog')).toHaveCount(0);
  expect(await rankingRows(page)).toEqual(leipzigRows);
  await page.getByTestId('about-data').click();
  await expect(page.getByTestId('about-dialog')).toContainText('Datenlizenz Deutschland');
  await expect(page.getByTestId('about-dialog')).toContainText('Stadt Leipzig');
});

test('a tiled level from another origin: tiles and values by year read by range, the GeoJSON not read for the map', async ({ page, browser }) => {
  test.setTimeout(180_000);
  const view = 'ind=auslaenderanteil&year=2022';
  const reference = await browser.newPage();
  await reference.goto(`./?site=gemeinden&${view}`);
  await waitForView(reference, 'gemeinden|gemeinde|auslaenderanteil|2022');
  // The legend's classes (bounds and counts of all 10,786 Gemeinden) once DuckDB has the values.
  const legend = async (p: Page) => {
    await expect(p.getByTestId('engine-status')).toHaveAttribute('data-status', 'ready', { timeout: 60_000 });
    return p.getByTestId('legend-class').evaluateAll((els) => els.map((e) => [e.textContent?.trim() ?? '', e.getAttribute('data-count') ?? '']));
  };
  const bundled = await legend(reference);
  expect(bundled.length).toBeGreaterThan(2);
  await reference.close();

  const src = `${host.origin}/gemeinden/site.json`;
  host.log.length = 0;
  await page.goto(`./${ALLOWING_PAGE}?src=${encodeURIComponent(src)}&${view}`);
  await page.getByTestId('online-allow-once').click();
  await waitForView(page, 'online-gemeinden|gemeinde|auslaenderanteil|2022');
  expect((await countMapPixels(page, 'coloured')).count).toBeGreaterThan(10_000);
  expect(await legend(page)).toEqual(bundled);
  const got = () => host.log.filter((r) => r.method === 'GET');
  const tiles = got().filter((r) => r.path === '/gemeinden/gemeinden/gemeinde.pmtiles');
  expect(tiles.length).toBeGreaterThan(1);
  expect(tiles.every((r) => r.range !== undefined)).toBe(true);
  const paths = got().map((r) => r.path);
  expect(paths).toContain('/gemeinden/gemeinden/values/auslaenderanteil.parquet');
  for (const unread of ['gemeinde.geojson', 'values/all.csv']) expect(paths).not.toContain(`/gemeinden/gemeinden/${unread}`);
  // Values by year: every Parquet read is a byte range (footer, then the row groups asked for).
  const parts = got().filter((r) => r.path.endsWith('.parquet'));
  expect(parts.every((r) => r.range !== undefined && /^bytes=\d+-\d+$/.test(r.range))).toBe(true);
  // Another indicator: its values come from the package's host (read when idle, or when first shown).
  await page.getByTestId('indicator-select').selectOption('einwohner');
  await waitForView(page, 'online-gemeinden|gemeinde|einwohner|');
  expect(got().map((r) => r.path)).toContain('/gemeinden/gemeinden/values/einwohner.parquet');
  expect(host.log.every((r) => r.origin === new URL(page.url()).origin)).toBe(true);
});

test('cancel: nothing is loaded and the site of the link stays', async ({ page }) => {
  host.log.length = 0;
  await page.goto(`./${ALLOWING_PAGE}?site=kreise&src=${encodeURIComponent(`${host.origin}/leipzig/site.json`)}`);
  await page.getByTestId('online-cancel').click();
  await expect(page.getByTestId('map')).toHaveAttribute('data-ready', 'true');
  await expect(page.getByTestId('site-select')).toHaveValue('kreise');
  expect(host.log).toEqual([]);
  await expect(page).not.toHaveURL(/src=/);
  expect(await page.getByTestId('site-select').locator('option').allTextContents()).not.toContainEqual(expect.stringContaining('online'));
});

test('an origin the build does not allow: a clear message before anything is asked or fetched', async ({ page }) => {
  host.log.length = 0;
  await page.goto(`./?src=${encodeURIComponent(`${host.origin}/leipzig/site.json`)}`);
  await expect(page.getByTestId('online-error')).toHaveAttribute('data-kind', 'csp');
  await expect(page.getByTestId('online-error')).toContainText(`darf keine Daten von ${host.origin} laden`);
  expect(host.log).toEqual([]);
  await page.getByTestId('online-continue').click();
  await waitForView(page, 'leipzig|');
});

test('the same origin opens without a question', async ({ page }) => {
  await page.goto(`./?src=./${SAME_DIR}/site.json&${VIEW}`);
  await waitForView(page, 'online-leipzig|ortsteil|arbeitslosenanteil|2022');
  expect(await rankingRows(page)).toEqual(leipzigRows);
  await expect(page.getByTestId('site-select').locator('option:checked')).toContainText(`(online: ${new URL(page.url()).origin})`);
});

test('a broken site.json: what and where, and the app starts as without it', async ({ page }) => {
  await page.goto(`./?src=./${BROKEN_DIR}/site.json&${VIEW}`);
  const error = page.getByTestId('online-error');
  await expect(error).toHaveAttribute('data-kind', 'invalid');
  await expect(error).toContainText(`/${BROKEN_DIR}/site.json ist kein gültiges Datenpaket`);
  await expect(page.getByTestId('online-problems')).toContainText('site.levels[1].geometry: Dateipfad erwartet (gefunden: fehlt)');
  await expect(page.getByTestId('online-problems')).toContainText('site.defaults.year: ein Jahr des Standard-Indikators erwartet (gefunden: 1990)');
  await page.getByTestId('online-continue').click();
  await waitForView(page, 'leipzig|ortsteil|arbeitslosenanteil|2022');
  await expect(page).not.toHaveURL(/src=/);
  // A package that is not there: the host's answer.
  await page.goto(`./${ALLOWING_PAGE}?src=${encodeURIComponent(`${host.origin}/nirgendwo/site.json`)}`);
  await page.getByTestId('online-allow-once').click();
  await expect(error).toHaveAttribute('data-kind', 'http');
  await expect(error).toContainText(`${host.origin}/nirgendwo/site.json konnte nicht geladen werden: HTTP 404`);
});

// Timing (README "Publishing a data package"): navigation → atlas:first-map, bundled Leipzig against
// the package from the second origin ("always" given before), fresh contexts, alternating. Only with
// E2E_ONLINE_TIMING=1 (run it on a quiet machine).
test('timing: first map from the package against bundled Leipzig', async ({ browser }) => {
  test.skip(!process.env.E2E_ONLINE_TIMING, 'E2E_ONLINE_TIMING=1 to measure');
  test.setTimeout(300_000);
  const runs = Number(process.env.E2E_ONLINE_TIMING_RUNS ?? 3);
  const origin = host.origin;
  const firstMap = async (url: string, allow: boolean): Promise<number> => {
    const context = await browser.newContext();
    if (allow) await context.addInitScript((o) => localStorage.setItem('quartiersatlas.onlineOrigins', JSON.stringify([o])), origin);
    const page = await context.newPage();
    await page.goto(url);
    await page.waitForFunction(() => performance.getEntriesByName('atlas:first-map').length > 0, null, { timeout: 60_000 });
    const t = await page.evaluate(() => performance.getEntriesByName('atlas:first-map')[0]!.startTime);
    await context.close();
    return t;
  };
  const bundled: number[] = [];
  const online: number[] = [];
  for (let i = 0; i < runs; i++) {
    bundled.push(await firstMap('./?site=leipzig', false));
    online.push(await firstMap(`./${ALLOWING_PAGE}?src=${encodeURIComponent(`${origin}/leipzig/site.json`)}`, true));
  }
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
  console.log(`first map (ms) bundled Leipzig: ${bundled.map(Math.round).join(', ')} → median ${Math.round(median(bundled))}`);
  console.log(`first map (ms) package from ${origin}: ${online.map(Math.round).join(', ')} → median ${Math.round(median(online))}`);
  expect(online.length).toBe(runs);
});
