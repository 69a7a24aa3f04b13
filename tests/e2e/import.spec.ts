import { test, expect } from '@playwright/test';
import { fileURLToPath } from 'node:url';
import { expectOnlyOwnOrigin, waitForView } from './helpers';

expectOnlyOwnOrigin(test);

const fixture = (name: string) => fileURLToPath(new URL(`../fixtures/import/${name}`, import.meta.url));

test('a shapefile from a city GIS becomes a new site, and is still there after a reload', async ({ page }) => {
  await page.goto('./?site=leipzig');
  await waitForView(page, 'leipzig|ortsteil|');
  await page.getByTestId('import-open').click();
  await page.getByTestId('import-input').setInputFiles(fixture('ortsteile_25833.zip'));
  const summary = page.getByTestId('import-summary');
  await expect(summary).toHaveAttribute('data-matched', '4');
  await expect(summary).toHaveAttribute('data-unmatched', '0');
  await expect(page.getByTestId('import-crs')).toHaveValue('25833');
  await expect(page.getByTestId('import-key')).toHaveValue('OT_NR');
  await expect(page.getByTestId('import-name')).toHaveValue('OT_NAME');
  await page.getByTestId('import-label').fill('Südliche Ortsteile');
  await page.getByTestId('import-confirm').click();

  await expect(page).toHaveURL(/site=user-/);
  await waitForView(page, 'user-');
  const counts = await page.getByTestId('legend-class').evaluateAll((els) => els.map((e) => Number(e.getAttribute('data-count'))));
  expect(counts.reduce((a, b) => a + b, 0)).toBe(4);
  await expect(page.getByTestId('site-select').locator('option:checked')).toHaveText('Südliche Ortsteile');
  // The names with umlauts come through (the .dbf has no .cpg: Windows-1252).
  await expect(page.getByTestId('ranking-row')).toHaveCount(4);
  await expect(page.getByTestId('ranking')).toContainText('Lößnig');

  const url = page.url();
  await page.reload();
  await waitForView(page, 'user-');
  expect(page.url()).toBe(url);
  await expect(page.getByTestId('ranking')).toContainText('Großzschocher');

  // Delete it: back to the default site, and gone after another reload.
  await page.getByTestId('import-open').click();
  await expect(page.getByTestId('my-data-item')).toHaveCount(1);
  await page.getByTestId('my-data-delete').click();
  await expect(page.getByTestId('my-data-item')).toHaveCount(0);
  await expect(page).toHaveURL(/site=leipzig/);
});

test('a broken file gives a message naming it, and nothing loaded before is lost', async ({ page }) => {
  await page.goto('./?site=leipzig&ind=arbeitslosenanteil&year=2022');
  await waitForView(page, 'leipzig|ortsteil|arbeitslosenanteil|2022');
  await page.getByTestId('import-open').click();
  await page.getByTestId('import-input').setInputFiles({ name: 'kaputt.geojson', mimeType: 'application/json', buffer: Buffer.from('{"type": "Feat') });
  await expect(page.getByTestId('import-error')).toContainText('kaputt.geojson');
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('map')).toHaveAttribute('data-view', /^leipzig\|ortsteil\|arbeitslosenanteil\|2022/);
});

test('a statistics table from German Excel adds an indicator to Leipzig’s Ortsteile (leading zeros repaired), kept across reloads', async ({ page }) => {
  await page.goto('./?site=leipzig');
  await waitForView(page, 'leipzig|ortsteil|');
  await page.getByTestId('import-open').click();
  await page.getByTestId('import-input').setInputFiles(fileURLToPath(new URL('../fixtures/tables/lost-zeros.csv', import.meta.url)));
  const summary = page.getByTestId('import-summary');
  await expect(summary).toHaveAttribute('data-matched', '63');
  await expect(summary).toHaveAttribute('data-unmatched', '0');
  await expect(page.getByTestId('import-join')).toContainText('7 mit ergänzten führenden Nullen');
  // The file says no year: the user gives it.
  await page.getByTestId('import-year').fill('2022');
  await page.getByTestId('import-confirm').click();

  await expect(page).toHaveURL(/ind=einwohner_&/);
  await waitForView(page, 'leipzig|ortsteil|einwohner_|2022');
  const counts = await page.getByTestId('legend-class').evaluateAll((els) => els.map((e) => Number(e.getAttribute('data-count'))));
  expect(counts.reduce((a, b) => a + b, 0)).toBe(63);
  // The value on the map equals the file: Zentrum (key "0" in the file, "00" here) has 1.901 residents.
  await page.getByTestId('area-search').fill('Zentrum');
  // The search loads its areas on first use: wait for a hit before choosing it.
  await expect(page.getByTestId('area-search-hit').first()).toBeVisible();
  await page.getByTestId('area-search').press('Enter');
  await expect(page.getByTestId('selected-value')).toHaveText('1.901');

  await page.reload();
  await waitForView(page, 'leipzig|ortsteil|einwohner_|2022');
  await expect(page.getByTestId('selected-value')).toHaveText('1.901');
});

test('an Excel workbook: the data sheet is found, date headers give the years', async ({ page }) => {
  await page.goto('./?site=leipzig');
  await waitForView(page, 'leipzig|ortsteil|');
  await page.getByTestId('import-open').click();
  await page.getByTestId('import-input').setInputFiles(fixture('ortsteile-2022.xlsx'));
  await expect(page.getByTestId('import-sheet')).toHaveValue('Daten 2022');
  const summary = page.getByTestId('import-summary');
  await expect(summary).toHaveAttribute('data-matched', '4');
  await expect(summary).toHaveAttribute('data-unmatched', '0');
  // The notes sheet has no key column: a message, and the data sheet stays chosen and joined.
  await page.getByTestId('import-sheet').selectOption('Hinweise');
  await expect(page.getByTestId('import-error')).toContainText('ortsteile-2022.xlsx: keine Spalte mit Gebietsschlüssel');
  await expect(page.getByTestId('import-sheet')).toHaveValue('Daten 2022');
  await expect(summary).toHaveAttribute('data-matched', '4');
  await page.getByTestId('import-confirm').click();
  await waitForView(page, 'leipzig|ortsteil|ortsteile_2022|2022');
  // Four Ortsteile have a value, the other 59 are missing — not 0.
  await expect(page.getByTestId('legend-missing')).toHaveAttribute('data-count', '59');
});

test('a project file moves all imports and the view to another browser', async ({ page, browser }) => {
  await page.goto('./?site=leipzig');
  await waitForView(page, 'leipzig|ortsteil|');
  await page.getByTestId('import-open').click();
  await page.getByTestId('import-input').setInputFiles(fixture('ortsteile_25833.zip'));
  await page.getByTestId('import-label').fill('Projekt-Ortsteile');
  await page.getByTestId('import-confirm').click();
  await waitForView(page, 'user-');
  await page.getByTestId('indicator-select').selectOption('alq_ant');
  await waitForView(page, 'user-');
  const view = new URL(page.url()).search;
  await page.getByTestId('import-open').click();
  const download = page.waitForEvent('download');
  await page.getByTestId('project-export').click();
  const file = await (await download).path();

  // A fresh browser profile: nothing stored yet.
  const other = await browser.newContext();
  const fresh = await other.newPage();
  await fresh.goto('./?site=leipzig');
  await waitForView(fresh, 'leipzig|ortsteil|');
  await fresh.getByTestId('import-open').click();
  await fresh.getByTestId('import-input').setInputFiles({ name: 'projekt.json', mimeType: 'application/json', buffer: (await import('node:fs')).readFileSync(file) });
  await waitForView(fresh, 'user-');
  expect(new URL(fresh.url()).search).toBe(view);
  await expect(fresh.getByTestId('site-select').locator('option:checked')).toHaveText('Projekt-Ortsteile');
  await expect(fresh.getByTestId('ranking')).toContainText('Südvorstadt');
  await other.close();
});

test('an Excel cell longer than Excel allows is cut, and the dialog names it', async ({ page }) => {
  const { xlsx } = await import('../../scripts/lib/fixture-writers.mjs');
  // A comment column with one 40,000-character text (a pasted report), as exports from databases carry them.
  const rows = [['OT-Nr.', 'Ortsteil', 'Einwohner', 'Bemerkung'], ['00', 'Zentrum', 1901, 'x'.repeat(40_000)], ['01', 'Zentrum-Ost', 6114, 'kurz']];
  const bytes = xlsx([{ name: 'Daten', rows }]) as Uint8Array;
  await page.goto('./?site=leipzig');
  await waitForView(page, 'leipzig|ortsteil|');
  await page.getByTestId('import-open').click();
  await page.getByTestId('import-input').setInputFiles({ name: 'einwohner_2022.xlsx', mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', buffer: Buffer.from(bytes) });
  await expect(page.getByTestId('import-summary')).toHaveAttribute('data-matched', '2');
  await expect(page.getByTestId('import-truncated')).toContainText('Gekürzt');
  await expect(page.getByTestId('import-truncated')).toContainText('D2');
});
