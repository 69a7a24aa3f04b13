import { test, expect, type Page } from '@playwright/test';
import { inflateSync } from 'node:zlib';
import { countMapPixels, expectOnlyOwnOrigin, waitForView } from './helpers';

// The other specs block service workers (playwright.config.ts); this one needs them.
test.use({ serviceWorkers: 'allow' });

// Every request of every test, to prove the app stays on its own origin (also offline).
expectOnlyOwnOrigin(test);

/** Share of map pixels that are neither background nor grey. */
async function colouredShare(page: Page): Promise<number> {
  const { count, total } = await countMapPixels(page, 'coloured');
  return count / total;
}

/** Width and height from a PNG's IHDR chunk (and a check that the pixel data inflates). */
function pngSize(bytes: Buffer): { width: number; height: number } {
  expect(bytes.subarray(0, 8).toString('hex')).toBe('89504e470d0a1a0a');
  expect(bytes.subarray(12, 16).toString('ascii')).toBe('IHDR');
  const idat = bytes.indexOf('IDAT', 0, 'ascii');
  expect(inflateSync(bytes.subarray(idat + 4, idat + 4 + bytes.readUInt32BE(idat - 4))).length).toBeGreaterThan(0);
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}

test('the web manifest is linked, parseable and lists installable icons', async ({ request }) => {
  const html = await (await request.get('./')).text();
  const href = /<link rel="manifest" href="([^"]+)"/.exec(html)?.[1];
  expect(href).toBeTruthy();
  expect(html).toMatch(/<meta name="theme-color" content="#[0-9a-f]{6}"/i);
  const response = await request.get(href!);
  expect(response.ok()).toBe(true);
  const manifest = (await response.json()) as {
    name: string;
    lang: string;
    start_url: string;
    display: string;
    theme_color: string;
    description: string;
    icons: { src: string; sizes: string; type: string; purpose?: string }[];
  };
  expect(manifest).toMatchObject({ name: 'Quartiersatlas', lang: 'de', start_url: './', display: 'standalone' });
  expect(manifest.theme_color).toMatch(/^#[0-9a-f]{6}$/i);
  expect(manifest.description).toMatch(/Quartiere/);
  const sizes = manifest.icons.map((i) => `${i.sizes} ${i.purpose ?? 'any'}`);
  expect(sizes).toEqual(expect.arrayContaining(['192x192 any', '512x512 any', '512x512 maskable']));
  for (const icon of manifest.icons) {
    expect(icon.src).not.toMatch(/^(https?:)?\/\//); // own origin
    const res = await request.get(icon.src);
    expect(res.ok(), icon.src).toBe(true);
    expect(res.headers()['content-type']).toContain('image/png');
    const { width, height } = pngSize(await res.body());
    expect(`${width}x${height}`).toBe(icon.sizes);
  }
});

test('a reload with the network blocked after the first visit still shows the map', async ({ page, context }) => {
  // Precaching ~56 MB in software-rendered Chromium on two cores takes a while.
  test.setTimeout(300_000);
  // Every state and percentage the status shows, in order (the element is replaced when it becomes a button).
  await page.addInitScript(() => {
    const seen: string[] = [];
    (window as unknown as { offlineStates: string[] }).offlineStates = seen;
    const record = () => {
      const el = document.querySelector('[data-testid="offline-status"]');
      if (!el) return;
      const entry = `${el.getAttribute('data-state')}:${el.getAttribute('data-progress') ?? ''}`;
      if (seen[seen.length - 1] !== entry) seen.push(entry);
    };
    new MutationObserver(record).observe(document, {
      subtree: true,
      childList: true,
      attributes: true,
      attributeFilter: ['data-state', 'data-progress'],
    });
  });

  // First visit, online.
  await page.goto('./');
  await waitForView(page, 'leipzig|ortsteil');
  const status = page.getByTestId('offline-status');
  await expect(status).toHaveAttribute('data-state', /^(caching|ready)$/);
  const started = Date.now();
  await expect(status).toHaveAttribute('data-state', 'ready', { timeout: 180_000 });
  const seconds = (Date.now() - started) / 1000;
  test.info().annotations.push({ type: 'precache', description: `ready ${seconds.toFixed(1)} s after the first map` });
  console.log(`offline: ready ${seconds.toFixed(1)} s after the first map`);
  await expect(status).toHaveText(/Offline bereit/);

  const states = await page.evaluate(() => (window as unknown as { offlineStates: string[] }).offlineStates);
  // It said it was caching, with a growing percentage from the worker, before it said ready.
  expect(states[0]).toMatch(/^caching:/);
  expect(states[states.length - 1]).toMatch(/^ready:/);
  const percents = states.map((s) => /^caching:(\d+)$/.exec(s)?.[1]).filter((p) => p !== undefined).map(Number);
  expect(percents.length).toBeGreaterThan(0);
  expect(percents).toEqual([...percents].sort((a, b) => a - b));
  expect(Math.max(...percents)).toBeLessThan(100);

  // The first visit's page is taken over by the worker (its later requests come from the cache).
  await expect.poll(() => page.evaluate(() => Boolean(navigator.serviceWorker.controller))).toBe(true);
  const cached = await page.evaluate(async () => {
    let count = 0;
    for (const name of await caches.keys()) count += (await (await caches.open(name)).keys()).length;
    return count;
  });
  expect(cached).toBeGreaterThan(50);

  // Offline: reload. The page, the code, the wasm and the data all come from the cache.
  await context.setOffline(true);
  expect(await page.evaluate(() => navigator.onLine)).toBe(false);
  const response = await page.reload();
  expect(response?.fromServiceWorker()).toBe(true);
  await waitForView(page, 'leipzig|ortsteil');
  await expect(page.getByTestId('engine-status')).toHaveAttribute('data-status', 'ready');
  expect(await colouredShare(page)).toBeGreaterThan(0.05);
  await expect(status).toHaveAttribute('data-state', 'ready');

  // Another level (its boundaries were not needed online) and another site (never loaded online).
  await page.getByTestId('level-select').selectOption('stadtbezirk');
  await waitForView(page, 'leipzig|stadtbezirk');
  expect(await colouredShare(page)).toBeGreaterThan(0.05);

  await page.getByTestId('site-select').selectOption('kreise');
  await waitForView(page, 'kreise|kreis');
  expect(await colouredShare(page)).toBeGreaterThan(0.05);

  // The Gemeinden are drawn from their vector tiles: range requests answered by the worker from the
  // precached archive (206, just the bytes asked for).
  const ranges: { status: number; range: string; length: number }[] = [];
  // Their values too: the shown year of each indicator's Parquet file (footer, row group).
  const partRanges: typeof ranges = [];
  const onResponse = async (res: import('@playwright/test').Response) => {
    const name = new URL(res.url()).pathname;
    const into = /\/gemeinde-[\w-]+\.pmtiles$/.test(name) ? ranges : /\/[a-z_]+-[\w-]{8}\.parquet$/.test(name) ? partRanges : null;
    if (!into || !res.fromServiceWorker()) return;
    into.push({ status: res.status(), range: res.request().headers()['range'] ?? '', length: (await res.body()).length });
  };
  page.on('response', onResponse);
  await page.getByTestId('site-select').selectOption('gemeinden');
  await waitForView(page, 'gemeinden|gemeinde');
  expect(await colouredShare(page)).toBeGreaterThan(0.1);
  page.off('response', onResponse);
  expect(ranges.length).toBeGreaterThan(1);
  expect(partRanges.length).toBeGreaterThan(1);
  for (const r of [...ranges, ...partRanges]) {
    expect(r.status).toBe(206);
    const [, from, to] = /^bytes=(\d+)-(\d+)$/.exec(r.range)!;
    expect(r.length).toBe(Number(to) - Number(from) + 1);
  }

  // A bookmarked view (another query string) opens offline, too.
  await page.goto('./?site=leipzig&level=ortsteil&ind=einwohner&year=2023');
  await waitForView(page, 'leipzig|ortsteil|einwohner|2023');
  expect(await colouredShare(page)).toBeGreaterThan(0.05);
  await context.setOffline(false);
});
