import { test, expect } from '@playwright/test';
import { readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { expectOnlyOwnOrigin, waitForView } from './helpers';

expectOnlyOwnOrigin(test);

// tests/fixtures/drop/ (scripts/fixtures-drop.mjs): Leipzig's 63 Ortsteile as a shapefile in the 7-digit
// UTM 32N variant (no EPSG code), a QGIS .qmd beside it, and the 2022 population table as German Excel
// saves a CSV — all dropped at once, as a planner does.
const dir = fileURLToPath(new URL('../fixtures/drop/', import.meta.url));
const files = readdirSync(dir).map((name) => `${dir}${name}`);

/** The residents in the CSV (2022), for comparing with what arrived. */
function residents(): number {
  const text = new TextDecoder('windows-1252').decode(readFileSync(`${dir}Einwohner_Ortsteile_2022.csv`));
  return text
    .split('\r\n')
    .slice(3)
    .filter(Boolean)
    .reduce((s, line) => s + Number(line.split(';')[2]), 0);
}

/** Runs a query in the SQL console; `last` is its last column's name (the result shown is this query's once it appears). */
async function sql(page: import('@playwright/test').Page, query: string, last: string): Promise<string[]> {
  await page.getByTestId('sql-input').fill(query);
  await page.getByTestId('sql-run').click();
  const result = page.getByTestId('sql-result');
  await expect(result.locator('thead th').last()).toHaveText(last);
  return result.locator('tbody td').allTextContents();
}

test('boundaries with a 7-digit UTM .prj and their table dropped together: placed right and joined, nothing chosen', async ({ page }) => {
  await page.goto('./?site=leipzig');
  await waitForView(page, 'leipzig|ortsteil|');
  await page.getByTestId('import-open').click();
  await page.getByTestId('import-input').setInputFiles(files);

  // Every file is listed with its role; the QGIS metadata is named as not needed.
  const list = page.getByTestId('import-files');
  await expect(list.getByTestId('import-file')).toHaveCount(2);
  await expect(list.getByTestId('import-file').nth(0)).toHaveAttribute('data-role', 'boundaries');
  await expect(list.getByTestId('import-file').nth(0)).toContainText('Stadtteile_UTM32_7stellig (.shp, ');
  await expect(list.getByTestId('import-file').nth(1)).toHaveAttribute('data-role', 'table');
  await expect(list.getByTestId('import-file').nth(1)).toContainText('Einwohner_Ortsteile_2022.csv');
  await expect(list.getByTestId('import-unused')).toHaveCount(1);
  await expect(list.getByTestId('import-unused')).toHaveAttribute('data-reason', 'sidecar');
  await expect(list.getByTestId('import-unused')).toContainText('Stadtteile_UTM32_7stellig.qmd');

  // Step 1: the boundaries, the system read from the .prj — confirmed as suggested.
  const summary = page.getByTestId('import-summary');
  await expect(summary).toHaveAttribute('data-matched', '63');
  await expect(summary.locator('h3')).not.toContainText('.csv');
  await expect(page.getByTestId('import-key')).toHaveValue('OT_NR');
  // The boundaries take the year of the table given with them.
  await expect(page.getByTestId('import-year')).toHaveValue('2022');
  await expect(page.getByTestId('import-crs-note')).toHaveAttribute('data-confidence', 'certain');
  await page.getByTestId('import-confirm').click();

  // Step 2: the table, joined to the new areas (keys with leading zeros, title rows, Windows-1252).
  await expect(page.getByTestId('import-target')).toHaveValue(/^user-/);
  await expect(summary).toHaveAttribute('data-pending', 'false');
  await expect(summary).toHaveAttribute('data-matched', '63');
  await expect(summary).toHaveAttribute('data-unmatched', '0');
  await expect(page.getByTestId('import-join')).toContainText('63');
  await page.getByTestId('import-confirm').click();
  await expect(page.getByTestId('import-dialog')).not.toBeVisible();

  await expect(page).toHaveURL(/site=user-/);
  await waitForView(page, 'user-');
  // Placed in Leipzig: every label point inside the city's box (not in Ukraine, not in the sea).
  await page.getByTestId('sql-open').click();
  const [inside, total] = await sql(
    page,
    "SELECT count(*) FILTER (WHERE lon BETWEEN 12.23 AND 12.55 AND lat BETWEEN 51.23 AND 51.45) AS inside, count(*) AS n FROM areas WHERE site LIKE 'user-%'",
    'n',
  );
  expect([inside, total]).toEqual(['63', '63']);
  // The residents arrived unchanged, in the year the file's name says.
  const [sum] = await sql(page, "SELECT sum(value)::BIGINT AS s FROM observations WHERE site LIKE 'user-%' AND ind LIKE 'einwohner%' AND year = 2022", 's');
  expect(Number(sum!.replace(/\./g, ''))).toBe(residents());
});
