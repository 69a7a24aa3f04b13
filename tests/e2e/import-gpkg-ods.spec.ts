import { test, expect } from '@playwright/test';
import { fileURLToPath } from 'node:url';
import { expectOnlyOwnOrigin, waitForView } from './helpers';

expectOnlyOwnOrigin(test);

const fixture = (name: string) => fileURLToPath(new URL(`../fixtures/import/${name}`, import.meta.url));

// SQLite (sql.js and its wasm) is loaded inside the import worker when the GeoPackage arrives.
test('a GeoPackage: the polygon layer becomes a site, its point layer a point layer in it, CRS from the package', async ({ page }) => {
  await page.goto('./?site=leipzig');
  await waitForView(page, 'leipzig|ortsteil|');
  await page.getByTestId('import-open').click();
  await page.getByTestId('import-input').setInputFiles(fixture('leipzig-ortsteile.gpkg'));
  const layer = page.getByTestId('import-layer');
  const summary = page.getByTestId('import-summary');
  await expect(page.getByTestId('import-error')).toHaveCount(0);
  // Two steps: the first polygon layer as boundaries, the point layer as points.
  const steps = page.getByTestId('import-files').getByTestId('import-file');
  await expect(steps).toHaveCount(2);
  await expect(steps.nth(0)).toHaveAttribute('data-role', 'boundaries');
  await expect(steps.nth(1)).toHaveAttribute('data-role', 'points');
  await expect(steps.nth(1)).toContainText('13');
  await expect(layer).toHaveValue('ortsteile');
  await expect(layer.locator('option')).toHaveText(['Ortsteile Leipzig – Flächen (63)', 'Stadtbezirke Leipzig – Flächen (10)', 'Schulen – Punkte (13)']);
  await expect(summary).toHaveAttribute('data-matched', '63');
  await expect(page.getByTestId('import-crs')).toHaveValue('25832');
  await expect(page.getByTestId('import-key')).toHaveValue('ot_nr');
  // Another polygon layer can be chosen, and back.
  await layer.selectOption('stadtbezirke');
  await expect(summary).toHaveAttribute('data-matched', '10');
  await layer.selectOption('ortsteile');
  await expect(summary).toHaveAttribute('data-matched', '63');
  await page.getByTestId('import-confirm').click();

  // Step 2: the schools, counted in the new site (all 13 inside its Ortsteile).
  await expect(summary).toHaveAttribute('data-kind', 'points');
  await expect(page.getByTestId('import-target')).toHaveValue(/^user-/);
  await expect(summary).toHaveAttribute('data-matched', '13');
  await expect(page.getByTestId('import-crs')).toHaveValue('25832');
  await page.getByTestId('import-confirm').click();
  await expect(page.getByTestId('import-dialog')).not.toBeVisible();
  await expect(page).toHaveURL(/pts=upts-/);
  await expect(page).toHaveURL(/site=user-/);
  await expect.poll(async () => (await page.getByTestId('points-category').evaluateAll((els) => els.map((e) => Number(e.getAttribute('data-count'))))).reduce((a, b) => a + b, 0)).toBe(13);

  await waitForView(page, 'user-');
  const counts = await page.getByTestId('legend-class').evaluateAll((els) => els.map((e) => Number(e.getAttribute('data-count'))));
  expect(counts.reduce((a, b) => a + b, 0)).toBe(63);
  await page.getByTestId('area-search').fill('Schleußig');
  await expect(page.getByTestId('area-search-hit').first()).toBeVisible();
  await page.getByTestId('area-search').press('Enter');
  await expect(page.getByTestId('selected-value')).toHaveText('12.698');
});

test('an ODS table joined to boundaries imported from a GeoPackage: text keys with leading zeros, year from the date header', async ({ page }) => {
  await page.goto('./?site=leipzig');
  await waitForView(page, 'leipzig|ortsteil|');
  await page.getByTestId('import-open').click();
  await page.getByTestId('import-input').setInputFiles(fixture('leipzig-ortsteile.gpkg'));
  await page.getByTestId('import-label').fill('Ortsteile (GeoPackage)');
  await page.getByTestId('import-confirm').click();
  // The package's point layer is the next step: not wanted here.
  await page.getByTestId('import-skip').click();
  await expect(page.getByTestId('import-dialog')).not.toBeVisible();
  await waitForView(page, 'user-');

  await page.getByTestId('import-open').click();
  await page.getByTestId('import-input').setInputFiles(fixture('einwohner-ortsteile.ods'));
  await expect(page.getByTestId('import-error')).toHaveCount(0);
  await expect(page.getByTestId('import-sheet')).toHaveValue('Einwohner 2022');
  await page.getByTestId('import-target').selectOption({ label: 'Ortsteile (GeoPackage)' });
  const summary = page.getByTestId('import-summary');
  await expect(summary).toHaveAttribute('data-pending', 'false');
  await expect(summary).toHaveAttribute('data-matched', '63');
  await expect(summary).toHaveAttribute('data-unmatched', '0');
  await page.getByTestId('import-confirm').click();
  await waitForView(page, 'user-');
  await expect(page).toHaveURL(/year=2022/);
  const counts = await page.getByTestId('legend-class').evaluateAll((els) => els.map((e) => Number(e.getAttribute('data-count'))));
  expect(counts.reduce((a, b) => a + b, 0)).toBe(63);
});
