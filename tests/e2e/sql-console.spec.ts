import { test, expect } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { expectOnlyOwnOrigin, waitForView } from './helpers';

expectOnlyOwnOrigin(test);

test('the SQL console runs read-only queries, refuses writes and exports CSV for German Excel', async ({ page }) => {
  await page.goto('./?site=leipzig&ind=einwohner&year=2022');
  await waitForView(page, 'leipzig|ortsteil|einwohner|2022');
  await page.getByTestId('sql-open').click();
  const input = page.getByTestId('sql-input');
  await input.fill("SELECT level, count(*) AS n FROM areas WHERE site = 'leipzig' AND level <> 'programmgebiet' GROUP BY level ORDER BY n DESC");
  await page.getByTestId('sql-run').click();
  const table = page.getByTestId('sql-result');
  await expect(table.locator('tbody tr')).toHaveCount(3);
  await expect(table.locator('tbody tr').first()).toContainText('ortsteil');
  await expect(table.locator('tbody tr').first()).toContainText('63');

  await input.fill('DROP TABLE observations');
  await page.getByTestId('sql-run').click();
  await expect(page.getByTestId('sql-error')).toContainText('DROP');
  // The map still works: the table is there.
  await input.fill("SELECT sum(value) AS einwohner FROM observations WHERE site = 'leipzig' AND ind = 'einwohner' AND year = 2022");
  await page.getByTestId('sql-run').click();
  await expect(table.locator('tbody td')).toHaveText(/^\d{3}\.\d{3}$/);

  const download = page.waitForEvent('download');
  await page.getByTestId('sql-export').click();
  const file = await (await download).path();
  const csv = readFileSync(file, 'utf8');
  expect(csv.startsWith('\uFEFFeinwohner\r\n')).toBe(true);
  expect(csv).toMatch(/\r\n\d{6}\r\n$/);
});
