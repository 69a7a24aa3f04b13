import { test, expect, type Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import readXlsxFile from 'read-excel-file/node';
import JSZip from 'jszip';
import { expectOnlyOwnOrigin, waitForView } from './helpers';

expectOnlyOwnOrigin(test);

const LEIPZIG_EXAMPLES = ['pa-ex-gruenau', 'pa-ex-leipziger-osten', 'pa-ex-schoenefeld-mockau'];
const ALL = [...LEIPZIG_EXAMPLES, 'pa-ex-verden-nord'].sort();

/** One value through the SQL console (a text cell, so no number formatting gets in the way). */
async function consoleValue(page: Page, sql: string): Promise<string> {
  await page.getByTestId('sql-open').click();
  await page.getByTestId('sql-input').fill(sql);
  await page.getByTestId('sql-run').click();
  const cell = page.getByTestId('sql-result').locator('tbody td').first();
  await expect(cell).toBeVisible();
  const text = (await cell.textContent())!.trim();
  await page.keyboard.press('Escape');
  return text;
}

test('the bundled programme areas appear in the list after start, labelled "Beispiel"; hiding one lasts until restored', async ({ page }) => {
  await page.goto('./?site=leipzig');
  await waitForView(page);
  const items = page.getByTestId('pa-item');
  await expect(items).toHaveCount(3);
  expect((await items.evaluateAll((els) => els.map((e) => e.getAttribute('data-id')))).sort()).toEqual(LEIPZIG_EXAMPLES);
  await expect(page.getByTestId('pa-list').getByTestId('pa-example')).toHaveCount(3);
  // Bundled: read-only, never in the URL.
  await expect(items.first().getByTestId('pa-rename')).toHaveAttribute('readonly', '');
  expect(page.url()).not.toContain('pa=');

  await page.locator('[data-testid="pa-item"][data-id="pa-ex-gruenau"]').getByTestId('pa-delete').click();
  await expect(items).toHaveCount(2);
  await expect(page.getByTestId('pa-restore-examples')).toBeVisible();
  await page.reload();
  await waitForView(page);
  await expect(page.getByTestId('pa-restore-examples')).toBeVisible();
  await expect(items).toHaveCount(2);
  await page.getByTestId('pa-restore-examples').click();
  await expect(items).toHaveCount(3);
  await expect(page.getByTestId('pa-restore-examples')).toHaveCount(0);
});

test('mode=programmes lists every programme area of every site with the figures DuckDB gives; the filter works; the XLSX and PPTX download', async ({ page }) => {
  // The app's Content-Security-Policy (a meta tag of the built index.html) holds for the panel, its chart and exports.
  await page.addInitScript(() => {
    const w = window as unknown as { __csp: string[] };
    w.__csp = [];
    document.addEventListener('securitypolicyviolation', (e) => w.__csp.push(`${e.violatedDirective} ${e.blockedURI}`));
  });
  await page.goto('./?site=leipzig&ind=auslaenderanteil&year=2023&mode=programmes');
  await waitForView(page, 'leipzig|ortsteil|auslaenderanteil|2023');
  const overview = page.getByTestId('pa-overview');
  await expect(overview).toHaveAttribute('data-ready', 'true');
  const rows = overview.getByTestId('pa-overview-row');
  await expect(rows).toHaveCount(4);
  expect((await rows.evaluateAll((els) => els.map((e) => e.getAttribute('data-id')))).sort()).toEqual(ALL);
  // The Gemeinden site is loaded for its Sozialraum: a value, compared with its Kreis (Verden).
  const verden = overview.locator('[data-testid="pa-overview-row"][data-id="pa-ex-verden-nord"]');
  await expect(verden).not.toHaveAttribute('data-value', '');
  await expect(verden).toContainText('Verden');
  await expect(overview.getByTestId('pa-overview-example')).toHaveCount(3);

  // Grünau's value equals Σ foreigners / Σ residents of its members, asked from the SQL console.
  const gruenau = overview.locator('[data-testid="pa-overview-row"][data-id="pa-ex-gruenau"]');
  const shown = Number(await gruenau.getAttribute('data-value'));
  const sql = `SELECT CAST(CAST(round(sum(o.num) / sum(o.den) * 100 * 1e6) AS BIGINT) AS VARCHAR) AS v
    FROM area_base b JOIN observations o ON o.site = b.site AND o.area_id = b.base_id
    WHERE b.site = 'leipzig' AND b.level = 'programmgebiet' AND b.area_id = 'pa-ex-gruenau' AND o.ind = 'auslaenderanteil' AND o.year = 2023`;
  const fromConsole = await consoleValue(page, sql);
  expect(fromConsole).toMatch(/^\d+$/);
  expect(Math.round(shown * 1e6)).toBe(Number(fromConsole));
  // The city as reference, in the same year, from the console too.
  const city = Number(await gruenau.getAttribute('data-ref-value'));
  const citySql = `SELECT CAST(CAST(round(sum(o.num) / sum(o.den) * 100 * 1e6) AS BIGINT) AS VARCHAR) AS v FROM observations o WHERE o.site = 'leipzig' AND o.ind = 'auslaenderanteil' AND o.year = 2023`;
  expect(Math.round(city * 1e6)).toBe(Number(await consoleValue(page, citySql)));
  await expect(overview.getByTestId('pa-overview-chart').locator('circle')).toHaveCount(4);

  // Sorted by value, highest first.
  await overview.getByTestId('pa-overview-sort-value').click();
  const values = (await rows.evaluateAll((els) => els.map((e) => e.getAttribute('data-value')))).map(Number);
  expect(values).toEqual([...values].sort((a, b) => b - a));

  // Filter by programme.
  await overview.getByTestId('pa-overview-filter').selectOption('esf-plus');
  await expect(rows).toHaveCount(2);
  expect((await rows.evaluateAll((els) => els.map((e) => e.getAttribute('data-id')))).sort()).toEqual(['pa-ex-gruenau', 'pa-ex-schoenefeld-mockau']);
  await overview.getByTestId('pa-overview-filter').selectOption('');
  await expect(rows).toHaveCount(4);

  // XLSX: the rows with their values, and the sources.
  let download = page.waitForEvent('download');
  await overview.getByTestId('pa-overview-xlsx').click();
  const file = (await (await download).path())!;
  const sheets = await readXlsxFile(file);
  expect(sheets.map((s) => s.sheet)).toEqual(['Programmgebiete', 'Metadaten']);
  const data = sheets[0]!.data;
  expect(data).toHaveLength(5);
  const row = data.find((r) => r[0] === 'Grünau')!;
  expect(row[5]).toBeCloseTo(shown, 9);
  expect(data.some((r) => r[0] === 'Sozialraum Nord (LK Verden)' && r[8] === 'Verden')).toBe(true);
  const meta = sheets[1]!.data.map((r) => r.join(' ')).join('\n');
  expect(meta).toContain('Stadt Leipzig');
  expect(meta).toContain('dl-de');
  expect(meta).toContain('kreiszeitung.de');

  // PPTX: a table slide and a native chart.
  download = page.waitForEvent('download');
  await overview.getByTestId('pa-overview-pptx').click();
  const zip = await JSZip.loadAsync(readFileSync((await (await download).path())!));
  const names = Object.keys(zip.files);
  expect(names.some((n) => /^ppt\/charts\/chart\d*\.xml$/.test(n))).toBe(true);
  const slide1 = await zip.file('ppt/slides/slide1.xml')!.async('string');
  expect(slide1).toContain('Grünau');
  expect(slide1).toContain('Stadt Leipzig');

  // A name shows its area on the map: the Sozialraum on the Gemeinden site, its level, selected.
  await verden.getByTestId('pa-overview-show').click();
  await waitForView(page, 'gemeinden|programmgebiet|auslaenderanteil|2022');
  await expect(page).toHaveURL(/sel=pa-ex-verden-nord/);
  await expect(page.getByTestId('ranking-row').filter({ hasText: 'Sozialraum Nord' })).toHaveCount(1);
  await expect(overview.getByTestId('pa-overview-row')).toHaveCount(4);
  expect(await page.evaluate(() => (window as unknown as { __csp: string[] }).__csp)).toEqual([]);
});
