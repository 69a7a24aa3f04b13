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
  // The search loads its areas on first use: wait for a hit before choosing it.
  await expect(page.getByTestId('area-search-hit').first()).toBeVisible();
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

test('statistical secrecy: Kita counts of 1 or 2 are hidden as ".", with partners so that no sum reveals them', async ({ page }) => {
  await page.goto('./?site=leipzig&ind=kitas_anzahl&pts=kitas&sec=3');
  await waitForView(page, 'leipzig|ortsteil|kitas_anzahl|2024');
  const secret = page.getByTestId('legend-secret');
  await expect(secret).toBeVisible();
  const hidden = Number(await secret.getAttribute('data-count'));
  expect(hidden).toBeGreaterThan(0);
  await expect(page.getByTestId('legend-secret-note')).toContainText('weniger als 3 Personen');
  // The ranking shows "." for them, never 0.
  const dots = await page.getByTestId('ranking-row').evaluateAll((els) => els.filter((e) => e.getAttribute('title')?.endsWith(': .')).length);
  expect(dots).toBe(hidden);
  // The legend's classes and the hidden ones together are all 63 Ortsteile.
  const classes = await page.getByTestId('legend-class').evaluateAll((els) => els.map((e) => Number(e.getAttribute('data-count'))));
  const missing = Number(await page.getByTestId('legend-missing').getAttribute('data-count'));
  expect(classes.reduce((a, b) => a + b, 0) + missing + hidden).toBe(63);
  // Off again: every Ortsteil has its count.
  await page.getByTestId('secrecy-threshold').fill('0');
  await page.getByTestId('secrecy-threshold').press('Enter');
  await expect(page).not.toHaveURL(/sec=/);
  await expect(secret).toHaveCount(0);
});
