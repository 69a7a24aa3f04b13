import { test, expect, type Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { waitForView } from './helpers';

// The built app carries a strict Content-Security-Policy (<meta>, written by
// the plugin in vite.config.ts). Every view and dialog must work under it:
// zero `securitypolicyviolation` events and no console error about the policy.
// (Not expectOnlyOwnOrigin: the last test turns the basemap on, against a mock
// of its host; privacy.spec.ts walks everything else for foreign requests.)

interface Violation {
  directive: string;
  blocked: string;
  source: string;
  sample: string;
}

/** Records every CSP violation of the page (across navigations) and console errors about the policy. */
async function watchPolicy(page: Page): Promise<{ violations: Violation[]; console: string[] }> {
  const seen = { violations: [] as Violation[], console: [] as string[] };
  await page.exposeFunction('__reportCspViolation', (v: Violation) => seen.violations.push(v));
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => {
      const report = (window as unknown as { __reportCspViolation: (v: unknown) => void }).__reportCspViolation;
      report({ directive: e.violatedDirective, blocked: e.blockedURI, source: `${e.sourceFile}:${e.lineNumber}`, sample: e.sample });
    });
  });
  const onConsole = (text: string) => {
    if (/Content[- ]Security[- ]Policy/i.test(text)) seen.console.push(text);
  };
  page.on('console', (m) => onConsole(m.text()));
  // Workers created from blob: URLs inherit the page's policy: their messages count too.
  page.on('worker', (w) => w.on('console', (m) => onConsole(m.text())));
  // Shown when a later step fails: which directive blocked what.
  page.on('close', () => {
    if (seen.violations.length > 0 || seen.console.length > 0) console.log('CSP violations:', JSON.stringify(seen, null, 1));
  });
  return seen;
}

const policyOf = (html: string) => /<meta http-equiv="Content-Security-Policy" content="([^"]+)"/.exec(html)?.[1] ?? null;

test('the built index.html carries the policy before any script or stylesheet', async ({ request }) => {
  const html = await (await request.get('./')).text();
  const policy = policyOf(html);
  expect(policy).not.toBeNull();
  const directives = new Map(policy!.split(';').map((d) => d.trim().split(/\s+/)).map(([name, ...values]) => [name!, values]));
  expect(directives.get('default-src')).toEqual(["'self'"]);
  expect(directives.get('script-src')).toEqual(["'self'", "'wasm-unsafe-eval'"]);
  expect(directives.get('object-src')).toEqual(["'none'"]);
  expect(directives.get('base-uri')).toEqual(["'self'"]);
  expect(directives.get('form-action')).toEqual(["'none'"]);
  expect(policy).not.toMatch(/'unsafe-inline'|'unsafe-eval'|\*/);
  // Before the first <script> and <link>, and no inline script at all.
  const at = html.indexOf('Content-Security-Policy');
  expect(at).toBeLessThan(html.indexOf('<script'));
  expect(at).toBeLessThan(html.indexOf('<link'));
  expect(html).not.toMatch(/<script(?![^>]*\ssrc=)[^>]*>/);
  expect(html).not.toMatch(/\sstyle="/);
});

test('the watch is live: an inline script is blocked and reported', async ({ page }) => {
  const seen = await watchPolicy(page);
  await page.goto('./?site=leipzig');
  await waitForView(page, 'leipzig|');
  await page.evaluate(() => {
    const s = document.createElement('script');
    s.textContent = 'window.__inline = 1';
    document.head.append(s);
  });
  await expect.poll(() => seen.violations.length).toBe(1);
  expect(seen.violations[0]!.directive).toBe('script-src-elem');
  await expect.poll(() => seen.console.length).toBe(1);
  expect(await page.evaluate(() => (window as unknown as { __inline?: number }).__inline)).toBeUndefined();
  seen.violations.length = 0; // expected: not worth a report
  seen.console.length = 0;
});

test('every view, site and dialog works under the policy without a single violation', async ({ page }) => {
  test.setTimeout(300_000);
  const seen = await watchPolicy(page);
  const visited: string[] = [];
  const visit = async (query: string, key: string) => {
    await page.goto(`./?${query}`);
    await waitForView(page, key);
    visited.push(query);
  };

  // Leipzig: all ten modes.
  const L = 'site=leipzig&ind=arbeitslosenanteil&year=2022';
  await visit(`${L}&from=2010&to=2022`, 'leipzig|ortsteil|arbeitslosenanteil|2022');
  const box = (await page.getByTestId('map').boundingBox())!;
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  await expect(page.getByTestId('tooltip')).toBeVisible();
  await page.getByTestId('trend-toggle').check();
  await expect(page).toHaveURL(/trend=1/);
  await page.mouse.move(0, 0);
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  await expect(page.getByTestId('tooltip')).toContainText('Trend');
  await visit(`${L}&from=2010&to=2022&mode=change`, 'leipzig|ortsteil|arbeitslosenanteil|2022');
  await expect(page.getByTestId('legend-change')).toBeVisible();
  await visit(`site=leipzig&ind=auslaenderanteil&year=2023&mode=multiples&from=2015&to=2023`, 'leipzig|ortsteil|auslaenderanteil|2023|multiples');
  await expect(page.getByTestId('small-multiple')).toHaveCount(9);
  await visit(`${L}&mode=compare&sel=00,70,90`, 'leipzig|ortsteil|arbeitslosenanteil|2022');
  await expect(page.getByTestId('compare-table')).toBeVisible();
  await visit(`${L}&ind2=auslaenderanteil&mode=scatter`, 'leipzig|ortsteil|arbeitslosenanteil|2022');
  await expect(page.getByTestId('scatter-point')).toHaveCount(63);
  await visit(`${L}&ind2=auslaenderanteil&mode=bivariate`, 'leipzig|ortsteil|arbeitslosenanteil|2022|bivariate');
  await visit(`${L}&from=2006&mode=swipe`, 'leipzig|ortsteil|arbeitslosenanteil|2022|swipe');
  await expect(page.getByTestId('swipe')).toHaveAttribute('data-right', /2006$/);
  await page.getByTestId('swipe-divider').fill('30');
  await visit(`${L}&mode=profile&sel=70`, 'leipzig|ortsteil|arbeitslosenanteil|2022');
  await expect(page.getByTestId('profile-row').first()).toBeVisible();
  await visit(`${L}&from=2012&to=2022&mode=index`, 'leipzig|ortsteil|arbeitslosenanteil|2022|index');
  await visit(`${L}&mode=lisa`, 'leipzig|ortsteil|arbeitslosenanteil|2022|lisa');
  await expect(page.getByTestId('moran-global')).toBeVisible();
  await visit(`${L}&pts=kitas`, 'leipzig|ortsteil|arbeitslosenanteil|2022');
  await expect(page.getByTestId('points-category')).toHaveCount(4);

  // The other sites: Kreise, Gemeinden, the Zensus grid (deck.gl).
  await visit('site=kreise&ind=arbeitslosenquote&year=2020', 'kreise|kreis|arbeitslosenquote|2020');
  await visit('site=gemeinden', 'gemeinden|gemeinde|');
  await visit('site=zensus-grid&ind=einwohner', 'zensus-grid|zelle|einwohner|2011');
  await page.mouse.move(box.x + box.width * 0.45, box.y + box.height * 0.45);

  // Dialogs: about, import (a real file), SQL console, export with PNG and XLSX.
  await visit(L, 'leipzig|ortsteil|arbeitslosenanteil|2022');
  await page.getByTestId('about-data').click();
  await expect(page.getByTestId('about-dialog')).toBeVisible();
  await page.getByTestId('about-close').click();
  await page.getByTestId('import-open').click();
  await page.getByTestId('import-input').setInputFiles(fileURLToPath(new URL('../fixtures/import/ortsteile_25833.zip', import.meta.url)));
  await expect(page.getByTestId('import-summary')).toHaveAttribute('data-matched', '4');
  await page.getByTestId('import-confirm').click();
  await waitForView(page, 'user-');
  visited.push('import');
  await page.getByTestId('sql-open').click();
  await page.getByTestId('sql-input').fill("SELECT level, count(*) AS n FROM areas WHERE site = 'leipzig' AND level <> 'programmgebiet' GROUP BY level");
  await page.getByTestId('sql-run').click();
  await expect(page.getByTestId('sql-result').locator('tbody tr')).toHaveCount(3);
  await page.keyboard.press('Escape');
  visited.push('sql');
  await page.getByTestId('export-open').click();
  let download = page.waitForEvent('download', { timeout: 60_000 });
  await page.getByTestId('export-png').click();
  await download;
  download = page.waitForEvent('download');
  await page.getByTestId('export-xlsx').click();
  await download;
  visited.push('export');
  await page.keyboard.press('Escape');
  await page.getByTestId('lang-select').selectOption('en');
  await waitForView(page, 'user-');

  expect(visited.length).toBeGreaterThanOrEqual(18);
  expect(seen.violations).toEqual([]);
  expect(seen.console).toEqual([]);
});

test('the opt-in online basemap loads style, tiles and glyphs from its host under the policy (host mocked)', async ({ page }) => {
  const seen = await watchPolicy(page);
  const host: string[] = [];
  const png = readFileSync(fileURLToPath(new URL('../../public/icons/icon-192.png', import.meta.url)));
  // A small stand-in for OpenFreeMap's positron style: the same kinds of resources on the same host.
  const style = {
    version: 8,
    glyphs: 'https://tiles.openfreemap.org/fonts/{fontstack}/{range}.pbf',
    sources: {
      ne2_shaded: { type: 'raster', tiles: ['https://tiles.openfreemap.org/natural_earth/ne2sr/{z}/{x}/{y}.png'], tileSize: 256, maxzoom: 6 },
      openmaptiles: { type: 'vector', url: 'https://tiles.openfreemap.org/planet' },
    },
    layers: [
      { id: 'background', type: 'background', paint: { 'background-color': '#f2f3f0' } },
      { id: 'ne2', type: 'raster', source: 'ne2_shaded', paint: { 'raster-opacity': 0.5 } },
      { id: 'water', type: 'fill', source: 'openmaptiles', 'source-layer': 'water', paint: { 'fill-color': '#c2c8ca' } },
      { id: 'place', type: 'symbol', source: 'openmaptiles', 'source-layer': 'place', layout: { 'text-field': ['get', 'name'], 'text-font': ['Noto Sans Regular'] } },
    ],
  };
  const tilejson = { tilejson: '3.0.0', tiles: ['https://tiles.openfreemap.org/planet/20250101/{z}/{x}/{y}.pbf'], minzoom: 0, maxzoom: 14 };
  await page.route('https://tiles.openfreemap.org/**', (route) => {
    const url = route.request().url();
    host.push(url);
    if (url.endsWith('/styles/positron')) return route.fulfill({ json: style });
    if (url.endsWith('/planet')) return route.fulfill({ json: tilejson });
    if (url.endsWith('.png')) return route.fulfill({ body: png, contentType: 'image/png' });
    return route.fulfill({ body: Buffer.alloc(0), contentType: 'application/x-protobuf' });
  });
  await page.goto('./?site=leipzig&ind=arbeitslosenanteil&year=2022');
  await waitForView(page, 'leipzig|ortsteil|arbeitslosenanteil|2022');
  expect(host).toEqual([]);
  await page.getByText('Hintergrundkarte', { exact: true }).click();
  await page.getByTestId('basemap-toggle').check();
  await expect.poll(() => host.some((u) => u.endsWith('.png')) && host.some((u) => /\/planet\/.*\.pbf$/.test(u))).toBe(true);
  await page.waitForTimeout(500);
  await expect(page.getByTestId('basemap-toggle')).toBeChecked();
  expect(seen.violations).toEqual([]);
  expect(seen.console).toEqual([]);
  // Everything it asked for was on that one host (the routes saw it all); nothing else left the origin.
  expect(host.every((u) => u.startsWith('https://tiles.openfreemap.org/'))).toBe(true);
});
