import { test, expect, type Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { csvParse } from 'd3-dsv';
import { expectOnlyOwnOrigin, waitForView } from './helpers';

// Gemeinden's values come as one Parquet file per indicator (data/gemeinden/values/<id>.parquet), one
// row group per year: the start reads only the default indicator's shown year (its footer and row
// group, by range requests), idle time after it the shown year of the others.
expectOnlyOwnOrigin(test);

const wide = csvParse(readFileSync(new URL('../../data/gemeinden/values/all.csv', import.meta.url), 'utf8'));
const missingIn = (column: string) => wide.filter((r) => r[column] === '').length;

/** The value files the page requested so far: parquet parts by indicator (one entry per request, with its Range header), and any values CSV. */
function valueRequests(page: Page): { parts: string[]; ranges: (string | null)[]; csv: string[] } {
  const seen = { parts: [] as string[], ranges: [] as (string | null)[], csv: [] as string[] };
  page.on('request', (req) => {
    const name = new URL(req.url()).pathname.split('/').pop() ?? '';
    // Built assets are fingerprinted: <indicator>-<hash>.parquet.
    if (name.endsWith('.parquet')) {
      seen.parts.push(name.replace(/-[\w-]{8}\.parquet$/, ''));
      seen.ranges.push(req.headers()['range'] ?? null);
    }
    if (/^(values|all)[-.].*csv$/.test(name)) seen.csv.push(name);
  });
  return seen;
}

/** The first Gemeinden map (10,786 polygons tiled in MapLibre's worker) takes seconds on a busy machine. */
async function openGemeinden(page: Page): Promise<void> {
  await page.goto('./?site=gemeinden');
  await expect(page.getByTestId('map')).toHaveAttribute('data-ready', 'true', { timeout: 60_000 });
  await expect(page.getByTestId('engine-status')).toHaveAttribute('data-status', 'ready', { timeout: 60_000 });
  await waitForView(page, 'gemeinden|gemeinde|auslaenderanteil|2022');
}

async function legendTotal(page: Page): Promise<{ total: number; missing: number }> {
  const counts = await page.getByTestId('legend-class').evaluateAll((els) => els.map((e) => Number(e.getAttribute('data-count'))));
  const missing = Number(await page.getByTestId('legend-missing').getAttribute('data-count'));
  return { total: counts.reduce((a, b) => a + b, 0) + missing, missing };
}

test('Gemeinden: the start reads only the shown indicator’s year by range requests, idle time the others’, a switch then reads nothing', async ({ page }) => {
  test.setTimeout(150_000);
  const seen = valueRequests(page);
  const ready = page.waitForFunction(() => performance.getEntriesByName('atlas:db-ready').length > 0, null, { timeout: 60_000 });
  await openGemeinden(page);
  await ready;
  expect(await legendTotal(page)).toEqual({ total: 10786, missing: missingIn('auslaenderanteil') });
  expect(seen.csv).toEqual([]);
  // Until DuckDB is ready: the shown indicator's footer and its year, each a range request.
  const atReady = await page.evaluate(() => performance.getEntriesByType('resource').filter((e) => e.name.endsWith('.parquet') && e.startTime < performance.getEntriesByName('atlas:db-ready')[0]!.startTime).map((e) => e.name.split('/').pop()!.replace(/-[\w-]{8}\.parquet$/, '')));
  expect(atReady).toEqual(['auslaenderanteil', 'auslaenderanteil']);
  // Idle time then reads the shown year (2022) of every other indicator, each by range requests.
  await expect.poll(() => new Set(seen.parts).size, { timeout: 60_000 }).toBe(8);
  await page.waitForTimeout(1000);
  expect(seen.ranges.every((r) => r !== null && /^bytes=\d+-\d+$/.test(r))).toBe(true);
  const requests = seen.parts.length;

  await page.getByTestId('indicator-select').selectOption('leerstandsquote');
  await waitForView(page, 'gemeinden|gemeinde|leerstandsquote|2022');
  expect(await legendTotal(page)).toEqual({ total: 10786, missing: missingIn('leerstandsquote') });

  // Back to the first one: already in DuckDB, nothing fetched again; a level above aggregates it.
  await page.getByTestId('indicator-select').selectOption('auslaenderanteil');
  await waitForView(page, 'gemeinden|gemeinde|auslaenderanteil|2022');
  await page.getByTestId('level-select').selectOption('land');
  await waitForView(page, 'gemeinden|land|auslaenderanteil|2022');
  expect(await legendTotal(page)).toEqual({ total: 16, missing: 0 });
  expect(seen.parts.length).toBe(requests);
});

test('Gemeinden: a value file that cannot be loaded gives a message naming it', async ({ page }) => {
  test.setTimeout(150_000);
  await page.route(/\/wohnungen-[\w-]{8}\.parquet$/, (route) => route.fulfill({ status: 404, body: 'not here' }));
  await openGemeinden(page);
  await page.getByTestId('indicator-select').selectOption('wohnungen');
  const alert = page.getByRole('alert').filter({ hasText: 'wohnungen' });
  await expect(alert).toContainText('gemeinden/values/wohnungen.parquet');
  await expect(alert).toContainText('HTTP 404');
});

test('Gemeinden: when the shown indicator’s file is missing at start, the first map still shows and the message names the file', async ({ page }) => {
  test.setTimeout(150_000);
  await page.route(/\/auslaenderanteil-[\w-]{8}\.parquet$/, (route) => route.fulfill({ status: 404, body: 'not here' }));
  await page.goto('./?site=gemeinden');
  // The first map comes from first-view.json, before and without DuckDB.
  await expect(page.getByTestId('map')).toHaveAttribute('data-ready', 'true', { timeout: 60_000 });
  const alert = page.getByRole('alert').filter({ hasText: 'auslaenderanteil' });
  await expect(alert).toContainText('gemeinden/values/auslaenderanteil.parquet', { timeout: 60_000 });
  await expect(alert).toContainText('HTTP 404');
  // The engine itself started: the failure is the file's, not DuckDB's.
  await expect(page.getByTestId('engine-status')).toHaveAttribute('data-status', 'ready');
});

test('Gemeinden: the SQL console sees every indicator, also those not shown yet', async ({ page }) => {
  test.setTimeout(150_000);
  const seen = valueRequests(page);
  await openGemeinden(page);
  await page.getByTestId('sql-open').click();
  await page.getByTestId('sql-input').fill("SELECT ind, count(*) AS n FROM observations WHERE site = 'gemeinden' GROUP BY ind ORDER BY ind");
  await page.getByTestId('sql-run').click();
  const rows = page.getByTestId('sql-result').locator('tbody tr');
  await expect(rows).toHaveCount(8);
  // Every row count is the number of Gemeinden with any of the indicator's columns given (values/all.csv).
  await expect(rows.filter({ hasText: 'wohnungen' })).toContainText(/10\.786/);
  expect([...new Set(seen.parts)].sort()).toEqual(
    ['auslaenderanteil', 'eigentuemerquote', 'einwanderungsgeschichte_anteil', 'einwohner', 'haushaltsgroesse', 'leerstandsquote', 'nettokaltmiete_qm', 'wohnungen'],
  );
});
