import { test, expect } from '@playwright/test';
import { colorPixels, expectDimmed, expectOnlyOwnOrigin, mapPixels, waitForView } from './helpers';

expectOnlyOwnOrigin(test);

const LEIPZIG_INDICATORS = 12;

test('search finds an area by name, selects it and zooms to it (keyboard)', async ({ page }) => {
  await page.goto('./?site=leipzig&ind=arbeitslosenanteil&year=2022');
  await waitForView(page, 'leipzig|ortsteil|arbeitslosenanteil|2022');
  const before = await mapPixels(page);
  const search = page.getByTestId('area-search');
  await search.fill('grünau-m');
  await expect(page.getByTestId('area-search-hit').first()).toContainText('Grünau-Mitte');
  await search.press('Enter');
  await expect(page.getByTestId('selected-area')).toHaveCount(1);
  await expect(page.getByTestId('selected-area')).toContainText('Grünau-Mitte');
  await expect(page).toHaveURL(/sel=\d\d/);
  // Zoomed in: the picture is a different one.
  await expect.poll(async () => (await mapPixels(page)).fingerprint).not.toEqual(before.fingerprint);

  // An area of another level switches the level.
  await search.fill('Südost');
  await expect(page.getByTestId('area-search-hit').first()).toContainText('Stadtbezirk');
  await search.press('Enter');
  await expect(page).toHaveURL(/level=stadtbezirk/);
  await waitForView(page, 'leipzig|stadtbezirk|');
});

test('the ranking lists every area and is linked with the selection', async ({ page }) => {
  await page.goto('./?site=leipzig&ind=arbeitslosenanteil&year=2022');
  await waitForView(page, 'leipzig|ortsteil|arbeitslosenanteil|2022');
  const rows = page.getByTestId('ranking-row');
  await expect(rows).toHaveCount(63);
  const values = await rows.evaluateAll((els) => els.map((e) => e.querySelector('.value')?.textContent ?? ''));
  const numbers = values.map((v) => Number(v.replace(/[^\d,]/g, '').replace(',', '.')));
  expect([...numbers].sort((a, b) => b - a)).toEqual(numbers); // highest first
  await rows.first().click();
  await expect(page.getByTestId('selected-area')).toHaveCount(1);
  await expect(rows.first()).toHaveAttribute('data-selected', 'true');
  const id = await rows.first().getAttribute('data-id');
  await expect(page).toHaveURL(new RegExp(`sel=${id}`));
});

test('compare mode shows a table of every indicator for the selected areas and the city', async ({ page }) => {
  await page.goto('./?site=leipzig&ind=arbeitslosenanteil&year=2022&mode=compare&sel=00,70,90');
  await waitForView(page, 'leipzig|ortsteil|arbeitslosenanteil|2022');
  const table = page.getByTestId('compare-table');
  await expect(table.getByTestId('compare-row')).toHaveCount(LEIPZIG_INDICATORS);
  await expect(table.getByTestId('compare-cell')).toHaveCount(LEIPZIG_INDICATORS * 3);
  const row = table.locator('[data-ind="einwohner"]');
  await expect(row.getByTestId('compare-cell').first()).toHaveText(/^\d{1,3}(\.\d{3})*$/);
});

test('brushing in the scatter highlights areas on the map, and a map selection highlights the point', async ({ page }) => {
  await page.goto('./?site=leipzig&ind=arbeitslosenanteil&ind2=auslaenderanteil&year=2022&mode=scatter');
  await waitForView(page, 'leipzig|ortsteil|arbeitslosenanteil|2022');
  const scatter = page.getByTestId('scatter');
  await expect(scatter.getByTestId('scatter-point')).toHaveCount(63);
  await expect(scatter.getByTestId('scatter-fit')).toHaveCount(1);
  const before = await mapPixels(page);
  const box = (await scatter.locator('svg').first().boundingBox())!;
  // A rectangle over the upper right part of the plot (high unemployment and high foreigner share).
  await page.mouse.move(box.x + box.width * 0.5, box.y + box.height * 0.15);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width * 0.97, box.y + box.height * 0.6, { steps: 8 });
  await page.mouse.up();
  await expect(page.getByTestId('scatter-brushed')).toBeVisible();
  const brushed = await scatter.locator('[data-testid="scatter-point"][data-brushed="true"]').count();
  expect(brushed).toBeGreaterThan(0);
  expect(brushed).toBeLessThan(63);
  // The dragged rectangle as numbers: re-applying them highlights the same areas.
  await expect(page.getByTestId('scatter-range-x0')).not.toHaveValue('');
  await expect(page.getByTestId('scatter-range-y1')).not.toHaveValue('');
  // The other areas are dimmed: fewer pixels in the full class colours.
  await expectDimmed(page, before, 0.8);

  // Selecting an area on the map marks its point.
  const map = (await page.getByTestId('map').boundingBox())!;
  await page.mouse.click(map.x + map.width / 2, map.y + map.height / 2);
  await expect(page.getByTestId('selected-area')).toHaveCount(1);
  const id = await page.getByTestId('selected-area').getAttribute('data-id');
  await expect(scatter.locator(`[data-testid="scatter-point"][data-id="${id}"]`)).toHaveAttribute('data-selected', 'true');
});

test('the bivariate map has a 3 × 3 legend whose counts add up, and draws its colours', async ({ page }) => {
  await page.goto('./?site=leipzig&ind=arbeitslosenanteil&ind2=auslaenderanteil&year=2022&mode=bivariate');
  await waitForView(page, 'leipzig|ortsteil|arbeitslosenanteil|2022|bivariate');
  const cells = page.getByTestId('bivariate-legend').getByTestId('bivariate-cell');
  await expect(cells).toHaveCount(9);
  const info = await cells.evaluateAll((els) => els.map((e) => ({ color: e.getAttribute('data-color')!, count: Number(e.getAttribute('data-count')) })));
  expect(info.reduce((a, c) => a + c.count, 0)).toBe(63);
  const pixels = await colorPixels(page, info.map((c) => c.color));
  for (const c of info.filter((x) => x.count > 0)) expect(pixels[c.color], `pixels of ${c.color}`).toBeGreaterThan(100);
});

test('the area profile shows every indicator of the area with value, reference, rank and sparkline', async ({ page }) => {
  await page.goto('./?site=leipzig&ind=arbeitslosenanteil&year=2022&mode=profile&sel=70');
  await waitForView(page, 'leipzig|ortsteil|arbeitslosenanteil|2022');
  const profile = page.getByTestId('profile');
  await expect(profile.getByTestId('profile-row')).toHaveCount(LEIPZIG_INDICATORS);
  await expect(profile).toContainText(/von 63/);
  await expect(profile.getByTestId('sparkline').first()).toBeVisible();
  // The value equals the one on the map's tooltip source: the selection panel shows the same figure.
  const mapValue = await page.getByTestId('selected-value').textContent();
  await expect(profile.locator('[data-ind="arbeitslosenanteil"]').getByTestId('profile-value')).toHaveText(mapValue!.trim());
});

test('the social index map draws status × dynamics classes and reacts to the weights', async ({ page }) => {
  await page.goto('./?site=leipzig&ind=arbeitslosenanteil&year=2022&from=2012&to=2022&mode=index');
  await waitForView(page, 'leipzig|ortsteil|arbeitslosenanteil|2022|index');
  const panel = page.getByTestId('index-panel');
  const counts = await panel.getByTestId('index-cell').evaluateAll((els) => els.map((e) => Number(e.getAttribute('data-count'))));
  expect(counts).toHaveLength(12);
  expect(counts.reduce((a, b) => a + b, 0)).toBeGreaterThan(40);
  const pixels = await mapPixels(page);
  expect(pixels.nonBackground).toBeGreaterThan(10_000);
  const fingerprint = pixels.fingerprint;
  await panel.locator('[data-testid="index-use"][data-ind="auslaenderanteil"]').check();
  await expect(page).toHaveURL(/idx=[^&]*auslaenderanteil:1/);
  await waitForView(page, 'leipzig|ortsteil|arbeitslosenanteil|2022|index');
  await expect.poll(async () => (await mapPixels(page)).fingerprint).not.toEqual(fingerprint);
});

test('hot spots: Moran’s I and a LISA cluster map with its legend, on Leipzig and on the Kreise', async ({ page }) => {
  await page.goto('./?site=leipzig&ind=arbeitslosenanteil&year=2022&mode=lisa');
  await waitForView(page, 'leipzig|ortsteil|arbeitslosenanteil|2022|lisa');
  await expect(page.getByTestId('moran-global')).toContainText(/Moran’s I = 0,\d+/);
  const legend = page.getByTestId('lisa-legend');
  const counts = await legend.getByTestId('lisa-class').evaluateAll((els) => els.map((e) => Number(e.getAttribute('data-count'))));
  expect(counts.reduce((a, b) => a + b, 0)).toBe(63);
  const hh = Number(await legend.locator('[data-cluster="HH"]').getAttribute('data-count'));
  expect(hh).toBeGreaterThan(0);
  expect((await colorPixels(page, ['#d7191c']))['#d7191c']).toBeGreaterThan(200);

  await page.goto('./?site=kreise&ind=arbeitslosenquote&year=2020&mode=lisa');
  await waitForView(page, 'kreise|kreis|arbeitslosenquote|2020|lisa');
  await expect(page.getByTestId('moran-global')).toContainText(/p = 0,00\d/);
  const kreise = await page.getByTestId('lisa-class').evaluateAll((els) => els.map((e) => Number(e.getAttribute('data-count'))));
  expect(kreise.reduce((a, b) => a + b, 0)).toBe(400);
});

test('scatter and compare work on the Kreise', async ({ page }) => {
  await page.goto('./?site=kreise&ind=arbeitslosenquote&ind2=auslaenderanteil&year=2020&mode=scatter');
  await waitForView(page, 'kreise|kreis|arbeitslosenquote|2020');
  await expect(page.getByTestId('scatter').getByTestId('scatter-point')).toHaveCount(400);
  await page.getByTestId('mode-select').selectOption('compare');
  await page.getByTestId('area-search').fill('Leipzig');
  // The search loads its areas on first use: wait for a hit before choosing it.
  await expect(page.getByTestId('area-search-hit').first()).toBeVisible();
  await page.getByTestId('area-search').press('Enter');
  await expect(page.getByTestId('compare-table').getByTestId('compare-row')).toHaveCount(16);
});

/** A coarse fingerprint of the swipe view's right-hand map canvas. */
const rightFingerprint = (page: import('@playwright/test').Page) =>
  page.evaluate(() => {
    const canvas = document.querySelector<HTMLCanvasElement>('[data-testid="swipe"] canvas');
    if (!canvas) return null;
    const off = document.createElement('canvas');
    off.width = 32;
    off.height = 32;
    const ctx = off.getContext('2d')!;
    ctx.drawImage(canvas, 0, 0, 32, 32);
    return Array.from(ctx.getImageData(0, 0, 32, 32).data).join(',');
  });

test('swipe: two years of one indicator with shared classes, or two indicators, cameras linked', async ({ page }) => {
  await page.goto('./?site=leipzig&ind=arbeitslosenanteil&year=2022&from=2006&mode=swipe');
  await waitForView(page, 'leipzig|ortsteil|arbeitslosenanteil|2022|swipe');
  const swipe = page.getByTestId('swipe');
  await expect(swipe).toHaveAttribute('data-right', 'leipzig|ortsteil|arbeitslosenanteil|2006');
  await expect(page.getByTestId('swipe-right-label')).toContainText('2006');
  // Shared classes over both years: the legend counts the areas of both maps.
  const counts = await page.getByTestId('legend-class').evaluateAll((els) => els.map((e) => Number(e.getAttribute('data-count'))));
  const missing = Number(await page.getByTestId('legend-missing').getAttribute('data-count'));
  expect(counts.reduce((a, b) => a + b, 0) + missing).toBe(2 * 63);
  await expect.poll(() => rightFingerprint(page)).not.toBeNull();
  const before = await rightFingerprint(page);
  // Zoom the left (main) map: the right one follows.
  const box = (await page.getByTestId('map').boundingBox())!;
  await page.mouse.move(box.x + box.width * 0.25, box.y + box.height * 0.5);
  await page.mouse.wheel(0, -400);
  await expect.poll(() => rightFingerprint(page), { timeout: 10_000 }).not.toEqual(before);

  await page.getByTestId('ind2-select').selectOption('auslaenderanteil');
  await expect(page).toHaveURL(/ind2=auslaenderanteil/);
  await expect(swipe).toHaveAttribute('data-right', 'leipzig|ortsteil|auslaenderanteil|2022');
  await page.getByTestId('swipe-divider').fill('20');
  await expect(page.locator('[data-testid="swipe"] .right')).toHaveAttribute('style', /inset\(0(px)? 0(px)? 0(px)? 20%\)/);
});

test('the area profile prints on A4 without map and controls', async ({ page }) => {
  await page.goto('./?site=leipzig&ind=arbeitslosenanteil&year=2022&mode=profile&sel=70');
  await waitForView(page, 'leipzig|ortsteil|arbeitslosenanteil|2022');
  await expect(page.getByTestId('profile-row')).toHaveCount(LEIPZIG_INDICATORS);
  await page.emulateMedia({ media: 'print' });
  await expect(page.getByTestId('map')).toBeHidden();
  await expect(page.getByTestId('indicator-select')).toBeHidden();
  await expect(page.getByTestId('profile')).toBeVisible();
  const pdf = await page.pdf({ format: 'A4' });
  // One A4 page: the PDF's page count.
  expect((pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g) ?? []).length).toBe(1);
});
