import { test, expect, type Request } from '@playwright/test';
import { readFileSync, writeFileSync } from 'node:fs';
import { countMapPixels, expectOnlyOwnOrigin, mapPixels, waitForView } from './helpers';

// The Gemeinden (10,786 areas) are drawn from pre-built vector tiles (data/gemeinden/gemeinde.pmtiles, read
// with range requests through MapLibre's pmtiles protocol); their GeoJSON is not loaded for the map.
expectOnlyOwnOrigin(test);

const isArchive = (url: string) => /\/gemeinde-[\w-]+\.pmtiles$/.test(new URL(url).pathname);
const isGeojson = (url: string) => /\/gemeinde-[\w-]+\.geojson$/.test(new URL(url).pathname);

test('Gemeinden: the map reads tiles by range requests, not the GeoJSON; hover, search zoom and click work', async ({ page }) => {
  const requests: { url: string; range: string | null; atFirstMap: boolean }[] = [];
  let firstMap = false;
  const archiveBytes: number[] = [];
  page.on('request', (req: Request) => requests.push({ url: req.url(), range: req.headers()['range'] ?? null, atFirstMap: !firstMap }));
  page.on('response', async (res) => {
    if (isArchive(res.url())) archiveBytes.push(Number(res.headers()['content-length'] ?? NaN));
  });
  await page.goto('./?site=gemeinden');
  await expect(page.getByTestId('map')).toHaveAttribute('data-ready', 'true');
  firstMap = true;
  const beforeFirstMap = requests.filter((r) => r.atFirstMap);
  const archive = beforeFirstMap.filter((r) => isArchive(r.url));
  expect(archive.length).toBeGreaterThan(1); // the header and root directory, then tiles
  for (const r of archive) expect(r.range).toMatch(/^bytes=\d+-\d+$/);
  expect(beforeFirstMap.filter((r) => isGeojson(r.url))).toEqual([]);
  // Only the tiles of the national view: far less than the 4.9 MB archive (and the 4.3 MB GeoJSON).
  const transferred = archiveBytes.reduce((a, b) => a + b, 0);
  expect(transferred).toBeGreaterThan(100_000);
  expect(transferred).toBeLessThan(1_000_000);

  await waitForView(page, 'gemeinden|gemeinde|auslaenderanteil|2022');
  const { count, total } = await countMapPixels(page, 'coloured');
  expect(count / total).toBeGreaterThan(0.15);
  expect(requests.filter((r) => isGeojson(r.url))).toEqual([]);

  // Search zoom: Leipzig is selected and fills the map, so its name is under the map's centre.
  const before = await mapPixels(page);
  const search = page.getByTestId('area-search');
  await search.fill('Leipzig, Stadt');
  await expect(page.getByTestId('area-search-hit').first()).toContainText('Leipzig, Stadt');
  await search.press('Enter');
  await expect(page.getByTestId('selected-area')).toHaveCount(1);
  await expect(page.getByTestId('selected-area')).toContainText('Leipzig, Stadt');
  await expect(page).toHaveURL(/sel=14713000/);
  await expect.poll(async () => (await mapPixels(page)).fingerprint).not.toEqual(before.fingerprint);

  // Hover: the tooltip names the Gemeinde under the pointer (from the tile's `name`).
  const box = (await page.getByTestId('map').boundingBox())!;
  const tooltip = page.getByTestId('tooltip');
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  await expect(tooltip).toBeVisible();
  await expect(tooltip).toContainText('Leipzig, Stadt');

  // Click: a neighbour (near the map's left edge, outside Leipzig's box) joins the selection.
  let neighbour: string | null = null;
  for (const fx of [0.06, 0.1, 0.14, 0.9, 0.94]) {
    await page.mouse.move(box.x + box.width * fx, box.y + box.height / 2);
    const text = (await tooltip.isVisible()) ? await tooltip.innerText() : '';
    if (text && !text.includes('Leipzig, Stadt')) {
      neighbour = text.split('\n')[0]!.trim();
      await page.mouse.click(box.x + box.width * fx, box.y + box.height / 2);
      break;
    }
  }
  expect(neighbour).not.toBeNull();
  await expect(page.getByTestId('selected-area')).toHaveCount(2);
  await expect(page.getByTestId('selected-area').nth(1)).toContainText(neighbour!);
  await expect(page).toHaveURL(/sel=14713000(%2C|,)\d{8}/);
});

/** Pixels of a canvas in the page that are neither the background nor the missing grey, sampled. */
const colouredIn = (page: import('@playwright/test').Page, selector: string) =>
  page.evaluate((sel) => {
    const canvas = document.querySelector<HTMLCanvasElement>(sel);
    if (!canvas) return 0;
    const off = document.createElement('canvas');
    off.width = 128;
    off.height = 80;
    const ctx = off.getContext('2d')!;
    ctx.drawImage(canvas, 0, 0, 128, 80);
    const d = ctx.getImageData(0, 0, 128, 80).data;
    let n = 0;
    for (let i = 0; i < d.length; i += 4) {
      const [r, g, b] = [d[i]!, d[i + 1]!, d[i + 2]!];
      if (Math.max(r, g, b) - Math.min(r, g, b) > 20) n++; // coloured: not background, white or grey
    }
    return n / (128 * 80);
  }, selector);

test('Gemeinden from tiles: the swipe view and the exported picture show coloured areas', async ({ page }) => {
  test.setTimeout(120_000);
  const requests: string[] = [];
  page.on('request', (req) => requests.push(req.url()));
  await page.goto('./?site=gemeinden&ind=auslaenderanteil&ind2=leerstandsquote&mode=swipe');
  // Not the prepared first view: the first map waits for DuckDB to hold the Gemeinden (slow on a busy machine).
  await expect(page.getByTestId('map')).toHaveAttribute('data-ready', 'true', { timeout: 60_000 });
  await waitForView(page, 'gemeinden|gemeinde|auslaenderanteil|2022|swipe');
  await expect(page.getByTestId('swipe')).toHaveAttribute('data-right', 'gemeinden|gemeinde|leerstandsquote|2022');
  await expect.poll(() => colouredIn(page, '[data-testid="swipe"] canvas'), { timeout: 20_000 }).toBeGreaterThan(0.1);
  expect(await colouredIn(page, '[data-testid="map"] canvas')).toBeGreaterThan(0.1);

  // The hidden export map draws the same tiles into the PNG.
  await page.goto('./?site=gemeinden&ind=auslaenderanteil');
  await waitForView(page, 'gemeinden|gemeinde|auslaenderanteil|2022');
  await page.getByTestId('export-open').click();
  await expect(page.getByTestId('export-dialog')).toBeVisible();
  const download = page.waitForEvent('download', { timeout: 90_000 });
  await page.getByTestId('export-png').click();
  const png = readFileSync((await (await download).path())!);
  if (process.env.TILES_PNG) writeFileSync(process.env.TILES_PNG, png);
  const share = await page.evaluate(async (b64) => {
    const img = await createImageBitmap(await (await fetch(`data:image/png;base64,${b64}`)).blob());
    const c = new OffscreenCanvas(img.width, img.height);
    const ctx = c.getContext('2d')!;
    ctx.drawImage(img, 0, 0);
    const d = ctx.getImageData(0, 0, img.width, img.height).data;
    let n = 0;
    let all = 0;
    for (let i = 0; i < d.length; i += 4 * 11) {
      all++;
      if (Math.max(d[i]!, d[i + 1]!, d[i + 2]!) - Math.min(d[i]!, d[i + 1]!, d[i + 2]!) > 20) n++;
    }
    return n / all;
  }, png.toString('base64'));
  expect(share).toBeGreaterThan(0.05); // the legend swatches are a tiny part; the palest classes are not counted
  expect(requests.filter((u) => /\/gemeinde-[\w-]+\.geojson$/.test(new URL(u).pathname))).toEqual([]);
});
