import { test, expect } from '@playwright/test';
import { fileURLToPath } from 'node:url';
import { colorPixels, expectOnlyOwnOrigin, waitForView } from './helpers';

expectOnlyOwnOrigin(test);

const fixture = (name: string) => fileURLToPath(new URL(`../fixtures/points/${name}`, import.meta.url));
// ColorBrewer Dark2, the first colours the import gives to categories.
const DARK2 = ['#1b9e77', '#d95f02', '#7570b3', '#e7298a'];

test('a Kita list from German Excel (UTM 33N in Rechtswert/Hochwert) becomes a point layer with indicators, kept across reloads', async ({ page }) => {
  await page.goto('./?site=leipzig&ind=einwohner&year=2023');
  await waitForView(page, 'leipzig|ortsteil|einwohner|2023');
  await page.getByTestId('import-open').click();
  await page.getByTestId('import-input').setInputFiles(fixture('kitas-25833.csv'));
  // UTM 32 and 33 both fit: the user confirms 33.
  await page.getByTestId('import-crs').selectOption('25833');
  const summary = page.getByTestId('import-summary');
  await expect(summary).toHaveAttribute('data-kind', 'points');
  await expect(summary).toHaveAttribute('data-matched', '40');
  await expect(summary).toHaveAttribute('data-unmatched', '0');
  await expect(summary).toContainText('1 Einträge ohne gültige Koordinaten');
  await expect(page.getByTestId('import-category')).toHaveValue('Träger');
  // Zone 32 would put the points near the Dutch border: none in Leipzig.
  await page.getByTestId('import-crs').selectOption('25832');
  await expect(summary).toHaveAttribute('data-matched', '0');
  await expect(page.getByTestId('import-confirm')).toBeDisabled();
  await page.getByTestId('import-crs').selectOption('25833');
  await expect(summary).toHaveAttribute('data-matched', '40');
  await page.getByTestId('import-label').fill('Kitas (Liste)');
  await page.getByTestId('import-year').fill('2023');
  await page.getByTestId('import-confirm').click();

  await expect(page).toHaveURL(/pts=upts-/);
  const legend = page.getByTestId('points-legend');
  await expect(legend).toHaveCount(1);
  const counts = await page.getByTestId('points-category').evaluateAll((els) => els.map((e) => Number(e.getAttribute('data-count'))));
  await expect.poll(async () => (await page.getByTestId('points-category').evaluateAll((els) => els.map((e) => Number(e.getAttribute('data-count'))))).reduce((a, b) => a + b, 0)).toBe(40);
  expect(counts.length).toBeGreaterThan(1);
  await expect.poll(async () => Object.values(await colorPixels(page, DARK2)).reduce((a, b) => a + b, 0), { timeout: 15_000 }).toBeGreaterThan(40);

  // Derived indicators: the number per Ortsteil sums to the 40 points at city level.
  const id = new URL(page.url()).searchParams.get('pts')!;
  const select = page.getByTestId('indicator-select');
  await expect(select.locator(`option[value="${id}_anzahl"]`)).toHaveCount(1, { timeout: 20_000 });
  await expect(select.locator(`option[value="${id}_1000m_anteil"]`)).toHaveCount(1);
  await select.selectOption(`${id}_anzahl`);
  await waitForView(page, `leipzig|ortsteil|${id}_anzahl|2023`);
  await page.getByTestId('level-select').selectOption('stadt');
  await waitForView(page, `leipzig|stadt|${id}_anzahl|2023`);
  const row = page.getByTestId('ranking-row');
  await expect(row).toHaveCount(1);
  await expect(row).toHaveAttribute('title', /: 40$/);

  await page.reload();
  await waitForView(page, `leipzig|stadt|${id}_anzahl|2023`);
  await expect(row).toHaveAttribute('title', /: 40$/);
  await expect(page.getByTestId('points-legend')).toHaveCount(1);

  // Listed in "Meine Daten"; deleting it removes the layer and its indicators.
  await page.getByTestId('import-open').click();
  const item = page.locator('[data-testid="my-data-item"][data-kind="points"]');
  await expect(item).toHaveCount(1);
  await item.getByTestId('my-data-delete').click();
  await expect(item).toHaveCount(0);
  await page.keyboard.press('Escape');
  await expect(page).not.toHaveURL(/pts=/);
  await expect(page.getByTestId('points-legend')).toHaveCount(0);
  await expect(select.locator(`option[value="${id}_anzahl"]`)).toHaveCount(0);
  await expect(page.getByTestId('map')).not.toHaveAttribute('data-view', new RegExp(id));
});

test('a GeoJSON of points in WGS84 is recognised as points, not boundaries', async ({ page }) => {
  await page.goto('./?site=leipzig');
  await waitForView(page, 'leipzig|ortsteil|');
  await page.getByTestId('import-open').click();
  await page.getByTestId('import-input').setInputFiles(fixture('kitas-lonlat.geojson'));
  const summary = page.getByTestId('import-summary');
  await expect(summary).toHaveAttribute('data-kind', 'points');
  await expect(page.getByTestId('import-crs')).toHaveValue('4326');
  await expect(summary).toHaveAttribute('data-matched', '40');
  await expect(page.getByTestId('import-category')).toHaveValue('traeger');
});

test('a large CSV is parsed off the main thread with a progress bar', async ({ page }) => {
  await page.goto('./?site=leipzig');
  await waitForView(page, 'leipzig|ortsteil|');
  await page.getByTestId('import-open').click();
  const lines = ['Ortsteil;Jahr;Wert'];
  // 400,000 rows with distinct keys: 63 match Leipzig's Ortsteile, the rest are listed as unmatched.
  for (let i = 0; i < 400_000; i++) lines.push(`${String(i).padStart(2, '0')};2022;${i % 1000},5`);
  // The main thread keeps answering while the worker parses: count animation frames meanwhile.
  const frames = page.evaluate(
    () =>
      new Promise<number>((resolve) => {
        let n = 0;
        const t0 = performance.now();
        const tick = () => {
          n++;
          if (document.querySelector('[data-testid="import-summary"]') || performance.now() - t0 > 30_000) resolve(n);
          else requestAnimationFrame(tick);
        };
        requestAnimationFrame(tick);
      }),
  );
  await page.getByTestId('import-input').setInputFiles({ name: 'gross.csv', mimeType: 'text/csv', buffer: Buffer.from(lines.join('\n')) });
  await expect(page.getByTestId('import-progress')).toBeVisible();
  const summary = page.getByTestId('import-summary');
  await expect(summary).toBeVisible({ timeout: 30_000 });
  expect(await frames).toBeGreaterThan(10);
  await expect(summary).toHaveAttribute('data-matched', '63');
  await expect(summary).toHaveAttribute('data-unmatched', String(400_000 - 63));
});
