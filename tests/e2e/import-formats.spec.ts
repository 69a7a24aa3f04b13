import { test, expect } from '@playwright/test';
import { fileURLToPath } from 'node:url';
import { expectOnlyOwnOrigin, waitForView } from './helpers';

expectOnlyOwnOrigin(test);

const fixture = (name: string) => fileURLToPath(new URL(`../fixtures/formats/${name}`, import.meta.url));

// The readers load their libraries (flatgeobuf, hyparquet with zstd, topojson-client) inside the parse worker.
test('FlatGeobuf, GeoParquet and TopoJSON boundaries through the dialog, CRS from the file', async ({ page }) => {
  await page.goto('./?site=leipzig');
  await waitForView(page, 'leipzig|ortsteil|');
  await page.getByTestId('import-open').click();
  const summary = page.getByTestId('import-summary');
  for (const [file, crs] of [
    ['ortsteile_25833.fgb', '25833'],
    ['ortsteile_25832.parquet', '25832'],
    ['ortsteile.topojson', '4326'],
  ] as const) {
    await page.getByTestId('import-input').setInputFiles(fixture(file));
    await expect(page.getByTestId('import-error')).toHaveCount(0);
    await expect(summary).toHaveAttribute('data-matched', '4');
    await expect(page.getByTestId('import-crs')).toHaveValue(crs);
    await expect(page.getByTestId('import-label')).toHaveValue(file.replace(/\.[^.]+$/, ''));
  }
  await page.getByTestId('import-confirm').click();
  await waitForView(page, 'user-');
  await expect(page.getByTestId('ranking')).toContainText('Südvorstadt');
});

test('a damaged FlatGeobuf gives a message naming it', async ({ page }) => {
  await page.goto('./?site=leipzig');
  await waitForView(page, 'leipzig|ortsteil|');
  await page.getByTestId('import-open').click();
  await page.getByTestId('import-input').setInputFiles(fixture('ortsteile_25833_kaputt.fgb'));
  await expect(page.getByTestId('import-error')).toContainText('ortsteile_25833_kaputt.fgb');
});
