import { test, expect, type Page, type Request } from '@playwright/test';
import { fileURLToPath } from 'node:url';
import { waitForView } from './helpers';

// Privacy: one walk through every view and dialog, as a user would, records
// every request (of the page and of its workers) and requires that none leaves
// the app's origin. The online basemap is off unless the user turns it on
// (basemap.spec.ts and csp.spec.ts try it on); here it stays off.
const ORIGIN = `http://127.0.0.1:${process.env.E2E_PORT ?? 4173}/`;
const fixture = (path: string) => fileURLToPath(new URL(`../fixtures/${path}`, import.meta.url));

test('a walk through every view, site and dialog sends nothing outside the origin', async ({ page, context }) => {
  test.setTimeout(420_000);
  // page.on sees the page's and its dedicated workers' requests, context.on every page's (the embed); one list.
  const requests = new Set<Request>();
  context.on('request', (r) => requests.add(r));
  page.on('request', (r) => requests.add(r));
  const visited: string[] = [];
  /** Opens a view by its link; `name` null: only a way back to a view already counted. */
  const visit = async (name: string | null, query: string, key: string, p: Page = page) => {
    await p.goto(`./${query}`);
    await waitForView(p, key);
    if (name) visited.push(name);
  };
  const downloaded = async (testId: string, timeout = 60_000) => {
    const download = page.waitForEvent('download', { timeout });
    await page.getByTestId(testId).click();
    return (await download).suggestedFilename();
  };
  const box = async () => (await page.getByTestId('map').boundingBox())!;

  // 1. The first view, as a link opens it: the online basemap is off and nothing asked for it.
  await visit('first view', '', 'leipzig|ortsteil|');
  await expect(page.getByTestId('basemap-toggle')).not.toBeChecked();
  const b = await box();
  await page.mouse.move(b.x + b.width / 2, b.y + b.height / 2);
  await expect(page.getByTestId('tooltip')).toBeVisible();
  visited.push('tooltip');

  // 2. Leipzig: every mode, the trend arrows, levels, the year player, search, the Kitas.
  const L = '?site=leipzig&ind=arbeitslosenanteil&year=2022';
  await visit('map + trend arrows', `${L}&from=2010&to=2022&trend=1`, 'leipzig|ortsteil|arbeitslosenanteil|2022');
  await visit('change', `${L}&from=2010&to=2022&mode=change`, 'leipzig|ortsteil|arbeitslosenanteil|2022');
  await visit('small multiples', '?site=leipzig&ind=auslaenderanteil&year=2023&mode=multiples&from=2015&to=2023', 'leipzig|ortsteil|auslaenderanteil|2023|multiples');
  await expect(page.getByTestId('small-multiple')).toHaveCount(9);
  await visit('compare', `${L}&mode=compare&sel=00,70,90`, 'leipzig|ortsteil|arbeitslosenanteil|2022');
  await expect(page.getByTestId('compare-table')).toBeVisible();
  await visit('scatter', `${L}&ind2=auslaenderanteil&mode=scatter`, 'leipzig|ortsteil|arbeitslosenanteil|2022');
  await expect(page.getByTestId('scatter-point')).toHaveCount(63);
  await visit('bivariate', `${L}&ind2=auslaenderanteil&mode=bivariate`, 'leipzig|ortsteil|arbeitslosenanteil|2022|bivariate');
  await visit('swipe', `${L}&from=2006&mode=swipe`, 'leipzig|ortsteil|arbeitslosenanteil|2022|swipe');
  await page.getByTestId('swipe-divider').fill('30');
  await visit('profile', `${L}&mode=profile&sel=70`, 'leipzig|ortsteil|arbeitslosenanteil|2022');
  await expect(page.getByTestId('profile-row').first()).toBeVisible();
  await visit('social index', `${L}&from=2012&to=2022&mode=index`, 'leipzig|ortsteil|arbeitslosenanteil|2022|index');
  await visit('hot spots (LISA)', `${L}&mode=lisa`, 'leipzig|ortsteil|arbeitslosenanteil|2022|lisa');
  await visit('Stadtbezirke', '?site=leipzig&level=stadtbezirk&ind=einwohner&year=2020', 'leipzig|stadtbezirk|einwohner|2020');
  await visit('Kitas points layer', '?site=leipzig&ind=kitas_anzahl&pts=kitas&sec=3', 'leipzig|ortsteil|kitas_anzahl|');
  await expect(page.getByTestId('points-category')).toHaveCount(4);
  await visit('trend chart across sites', '?site=leipzig&ind=einwohner&year=2023&sel=00&cmp=kreise:14713', 'leipzig|ortsteil|einwohner|2023');
  await expect(page.getByTestId('trend-chart').getByTestId('trend-line')).toHaveCount(2);
  await page.getByTestId('play').click();
  await page.waitForTimeout(1500);
  await page.getByTestId('play').click();
  visited.push('year player');
  await page.getByTestId('area-search').fill('Grünau');
  await expect(page.getByTestId('area-search-hit').first()).toBeVisible();
  await page.getByTestId('area-search').press('Enter');
  visited.push('search');

  // 3. The other sites, the grid included.
  await visit('Kreise', '?site=kreise&ind=arbeitslosenquote&year=2020', 'kreise|kreis|arbeitslosenquote|2020');
  await visit('Länder', '?site=kreise&level=land&ind=auslaenderanteil&year=2015', 'kreise|land|auslaenderanteil|2015');
  await visit('Gemeinden', '?site=gemeinden', 'gemeinden|gemeinde|');
  await visit('Zensus grid', '?site=zensus-grid&ind=einwohner', 'zensus-grid|zelle|einwohner|2011');
  await page.mouse.move(b.x + b.width * 0.45, b.y + b.height * 0.45);

  // 4. Dialogs: about the data, import (boundaries, a table, points), "Meine Daten", project file.
  await visit(null, L, 'leipzig|ortsteil|arbeitslosenanteil|2022');
  await page.getByTestId('about-data').click();
  await expect(page.getByTestId('about-dialog')).toBeVisible();
  await page.getByTestId('about-close').click();
  visited.push('about dialog');
  await page.getByTestId('import-open').click();
  await page.getByTestId('import-input').setInputFiles(fixture('tables/lost-zeros.csv'));
  await expect(page.getByTestId('import-summary')).toHaveAttribute('data-matched', '63');
  await page.getByTestId('import-year').fill('2022');
  await page.getByTestId('import-confirm').click();
  await waitForView(page, 'leipzig|ortsteil|einwohner_|2022');
  visited.push('import: table');
  await page.getByTestId('import-open').click();
  await page.getByTestId('import-input').setInputFiles(fixture('points/kitas-lonlat.geojson'));
  await expect(page.getByTestId('import-summary')).toHaveAttribute('data-kind', 'points');
  await expect(page.getByTestId('import-confirm')).toBeEnabled();
  await page.getByTestId('import-confirm').click();
  await expect(page).toHaveURL(/pts=upts-/);
  visited.push('import: points');
  await page.getByTestId('import-open').click();
  await page.getByTestId('import-input').setInputFiles(fixture('import/ortsteile_25833.zip'));
  await expect(page.getByTestId('import-summary')).toHaveAttribute('data-matched', '4');
  await page.getByTestId('import-confirm').click();
  await waitForView(page, 'user-');
  visited.push('import: boundaries');
  await page.getByTestId('import-open').click();
  await expect(page.getByTestId('my-data-item')).toHaveCount(3);
  await downloaded('project-export');
  await page.keyboard.press('Escape');
  visited.push('Meine Daten + project file');

  // 5. SQL console with a CSV of the result.
  await page.getByTestId('sql-open').click();
  await page.getByTestId('sql-input').fill("SELECT level, count(*) AS n FROM areas WHERE site = 'leipzig' AND level <> 'programmgebiet' GROUP BY level");
  await page.getByTestId('sql-run').click();
  await expect(page.getByTestId('sql-result').locator('tbody tr')).toHaveCount(3);
  await downloaded('sql-export');
  await page.keyboard.press('Escape');
  visited.push('SQL console');

  // 6. Saved views, export (PNG, CSV, XLSX, PPTX, SVG, link, embed), presentation.
  await visit(null, `${L}&sel=00`, 'leipzig|ortsteil|arbeitslosenanteil|2022');
  await page.getByTestId('save-view').click();
  await page.getByTestId('indicator-select').selectOption('auslaenderanteil');
  await waitForView(page, 'leipzig|ortsteil|auslaenderanteil|');
  await page.getByTestId('save-view').click();
  await expect(page.getByTestId('views-item')).toHaveCount(2);
  await downloaded('export-svg');
  await page.getByTestId('export-open').click();
  await downloaded('export-png');
  await downloaded('export-csv');
  await downloaded('export-xlsx');
  await downloaded('export-pptx', 150_000);
  const embed = /src="([^"]+)"/.exec(await page.getByTestId('embed-snippet').inputValue())![1]!.replace(/&amp;/g, '&');
  expect(await page.getByTestId('share-url').inputValue()).toMatch(new RegExp(`^${ORIGIN}`));
  await page.keyboard.press('Escape');
  visited.push('export dialog');
  await page.getByTestId('present').click();
  await expect(page.getByTestId('presentation')).toBeVisible();
  await page.getByTestId('present-next').click();
  await expect(page.getByTestId('present-counter')).toHaveText('2 / 2');
  await page.getByTestId('present-exit').click();
  visited.push('presentation');
  const other = await context.newPage();
  await visit('embedded map', embed.slice(embed.indexOf('?')), 'leipzig|ortsteil|', other);
  await other.close();

  // 7. The language switch.
  await page.getByTestId('lang-select').selectOption('en');
  await waitForView(page, 'leipzig|ortsteil|');
  await expect(page.getByTestId('about-data')).toHaveText(/data/i);
  visited.push('English');

  const urls = [...requests].map((r) => r.url());
  const foreign = urls.filter((u) => !u.startsWith(ORIGIN) && !u.startsWith('data:') && !u.startsWith('blob:'));
  console.log(`privacy walk: ${visited.length} views and dialogs, ${urls.length} requests, ${foreign.length} outside ${ORIGIN}`);
  // The list holds the workers' requests too: DuckDB's wasm is fetched by its worker.
  expect(urls.some((u) => /duckdb-eh[^/]*\.wasm$/.test(u))).toBe(true);
  expect(urls.some((u) => /openfreemap/.test(u))).toBe(false);
  expect(visited.length).toBeGreaterThanOrEqual(30);
  expect(foreign).toEqual([]);
});

test('the SQL console cannot read from another host: the engine runs under the page’s policy', async ({ page, context }) => {
  // Were a request to leave, this would answer it (so a failure below is the policy, not the network).
  const served: string[] = [];
  await context.route(/example\.invalid/, (route) => {
    served.push(route.request().url());
    return route.fulfill({ body: 'a,b\n1,2\n', contentType: 'text/csv' });
  });
  // The browser reports a request it blocks for the policy too; it must fail right there.
  const failures = new Map<string, string>();
  context.on('requestfailed', (r) => failures.set(r.url(), r.failure()?.errorText ?? ''));
  await page.goto('./?site=leipzig&ind=einwohner&year=2022');
  await waitForView(page, 'leipzig|ortsteil|einwohner|2022');
  await page.getByTestId('sql-open').click();
  const tried = ['https://example.invalid/a.csv', 'https://example.invalid/b.parquet'];
  for (const sql of [`SELECT * FROM read_csv('${tried[0]}')`, `SELECT * FROM '${tried[1]}'`]) {
    await page.getByTestId('sql-input').fill(sql);
    await page.getByTestId('sql-run').click();
    await expect(page.getByTestId('sql-error')).toBeVisible();
  }
  // The engine still answers from the loaded tables.
  await page.getByTestId('sql-input').fill("SELECT count(*) AS n FROM areas WHERE site = 'leipzig'");
  await page.getByTestId('sql-run').click();
  await expect(page.getByTestId('sql-result').locator('tbody td')).toHaveText(/^\d+$/);
  expect(served).toEqual([]);
  for (const url of tried) expect(failures.get(url)).toMatch(/csp/i);
});
