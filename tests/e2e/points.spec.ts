import { test, expect } from '@playwright/test';
import { colorPixels, expectOnlyOwnOrigin, waitForView } from './helpers';

expectOnlyOwnOrigin(test);

const KITA_COLORS = ['#1b9e77', '#7570b3', '#d95f02', '#666666'];
const kitaPixels = async (page: import('@playwright/test').Page) =>
  Object.values(await colorPixels(page, KITA_COLORS)).reduce((a, b) => a + b, 0);

test('the Kitas point layer: switched on and off, styled by Träger, counted, attributed, in the URL', async ({ page }) => {
  await page.goto('./?site=leipzig&ind=arbeitslosenanteil&year=2022');
  await waitForView(page, 'leipzig|ortsteil|arbeitslosenanteil|2022');
  expect(await kitaPixels(page)).toBeLessThan(20);
  await page.getByTestId('points-toggle').check();
  await expect(page).toHaveURL(/pts=kitas/);
  const categories = page.getByTestId('points-category');
  await expect(categories).toHaveCount(4);
  await expect.poll(async () => (await categories.evaluateAll((els) => els.map((e) => Number(e.getAttribute('data-count'))))).reduce((a, b) => a + b, 0)).toBe(311);
  await expect.poll(() => kitaPixels(page), { timeout: 15_000 }).toBeGreaterThan(300);
  await expect(page.locator('.maplibregl-ctrl-attrib')).toContainText('OpenStreetMap');

  await page.reload();
  await waitForView(page, 'leipzig|ortsteil|arbeitslosenanteil|2022');
  await expect.poll(() => kitaPixels(page), { timeout: 15_000 }).toBeGreaterThan(300);
  await page.getByTestId('points-toggle').uncheck();
  await expect(page).not.toHaveURL(/pts=/);
  await expect.poll(() => kitaPixels(page), { timeout: 15_000 }).toBeLessThan(20);
});

test('indicators derived from the Kitas: number per Ortsteil, per 1,000 residents and the area within 500 m', async ({ page }) => {
  await page.goto('./?site=leipzig&ind=einwohner&year=2023&pts=kitas');
  await waitForView(page, 'leipzig|ortsteil|einwohner|2023');
  const select = page.getByTestId('indicator-select');
  await expect(select.locator('option[value="kitas_anzahl"]')).toHaveCount(1, { timeout: 15_000 });
  await select.selectOption('kitas_anzahl');
  await waitForView(page, 'leipzig|ortsteil|kitas_anzahl|2024');
  await page.getByTestId('area-search').fill('Leutzsch');
  await page.getByTestId('area-search').press('Enter');
  await expect(page.getByTestId('selected-value')).toHaveText('16');
  // Aggregated from counts: the city has all 311.
  await page.getByTestId('level-select').selectOption('stadt');
  await waitForView(page, 'leipzig|stadt|kitas_anzahl|2024');
  await expect(page.getByTestId('legend-class').first()).toHaveAttribute('data-count', '1');
  await page.getByTestId('level-select').selectOption('ortsteil');
  await waitForView(page, 'leipzig|ortsteil|kitas_anzahl|2024');
  await select.selectOption('kitas_500m_anteil');
  await waitForView(page, 'leipzig|ortsteil|kitas_500m_anteil|2024');
  const counts = await page.getByTestId('legend-class').evaluateAll((els) => els.map((e) => Number(e.getAttribute('data-count'))));
  expect(counts.reduce((a, b) => a + b, 0)).toBe(63);
});
