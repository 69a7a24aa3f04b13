// Similar areas (mode=similar) and before/after against comparison areas (mode=did) for a
// Leipzig Ortsteil, as a user gets there: the rows, the map's marks, one click to compare them or
// to use them as the comparison group; the estimate checked against the SQL console's values.
import { test, expect, type Page } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';
import { expectOnlyOwnOrigin, mapPixels, waitForView } from './helpers';
import { differenceInDifferences, type DidSeries } from '../../src/lib/analysis/did';

expectOnlyOwnOrigin(test);

const MARKED = '#d4007a';

async function rows(page: Page) {
  const list = page.getByTestId('similar-row');
  await expect(list.first()).toBeVisible();
  return list.evaluateAll((els) => els.map((e) => ({ id: e.getAttribute('data-id')!, distance: Number(e.getAttribute('data-distance')) })));
}

test('similar areas of an Ortsteil: rows by distance, marked on the map, one click to compare them', async ({ page }) => {
  await page.goto('./?site=leipzig&ind=arbeitslosenanteil&year=2022&mode=similar&sel=50');
  await waitForView(page, 'leipzig|ortsteil|arbeitslosenanteil|2022');
  const panel = page.getByTestId('similar-areas');
  await expect(panel.getByTestId('similar-row')).toHaveCount(10);
  const found = await rows(page);
  expect(found.map((r) => r.id)).not.toContain('50');
  const distances = found.map((r) => r.distance);
  expect(distances.every((d) => Number.isFinite(d) && d > 0)).toBe(true);
  expect([...distances].sort((a, b) => a - b)).toEqual(distances);
  // the similar areas are outlined on the map in their own colour; the plain map has none of it
  await expect.poll(async () => (await mapPixels(page, [MARKED])).perColor[MARKED]).toBeGreaterThan(50);

  // the indicators are the user's choice and live in the URL
  const summary = panel.locator('summary');
  await expect(summary).toHaveText('Indikatoren (4 gewählt)');
  await summary.click();
  await panel.getByTestId('similar-indicator').and(page.locator('[value="sgb2_quote"]')).uncheck();
  await expect(page).toHaveURL(/sim=auslaenderanteil,migrantenanteil,arbeitslosenanteil(&|$)/);
  await expect(summary).toHaveText('Indikatoren (3 gewählt)');
  await expect.poll(async () => (await rows(page)).map((r) => r.distance)).not.toEqual(distances);
  const three = await rows(page);

  await panel.getByTestId('similar-compare').click();
  const expected = ['50', ...three.slice(0, 5).map((r) => r.id)];
  await expect(page).toHaveURL(new RegExp(`mode=compare.*sel=${expected.join(',')}`));
  const table = page.getByTestId('compare-table');
  await expect(table.getByTestId('compare-cell')).toHaveCount(12 * 6);
  const shownIds = await table.locator('[data-ind="einwohner"] [data-testid="compare-cell"]').evaluateAll((els) => els.map((e) => e.getAttribute('data-id')));
  expect(shownIds).toEqual(expected);
  await expect.poll(async () => (await mapPixels(page, [MARKED])).perColor[MARKED]).toBe(0);
});

/** Every Ortsteil's Arbeitslosenanteil by year, read through the SQL console (one row per area). */
async function seriesFromConsole(page: Page): Promise<DidSeries[]> {
  await page.getByTestId('sql-open').click();
  await page.getByTestId('sql-input').fill(
    "SELECT area_id, string_agg(CAST(year AS VARCHAR) || '=' || CAST(value AS VARCHAR), ';' ORDER BY year) AS s FROM observations WHERE site = 'leipzig' AND ind = 'arbeitslosenanteil' AND value IS NOT NULL GROUP BY area_id ORDER BY area_id",
  );
  await page.getByTestId('sql-run').click();
  const body = page.getByTestId('sql-result').locator('tbody tr');
  await expect(body).toHaveCount(63);
  const cells = await body.evaluateAll((trs) => trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent?.trim() ?? '')));
  await page.keyboard.press('Escape');
  return cells.map(([id, s]) => ({
    id: id!,
    values: new Map(s!.split(';').map((pair) => pair.split('=')).map(([y, v]) => [Number(y), Number(v)] as [number, number])),
  }));
}

test('before/after for an Ortsteil from 2015: the estimate equals the one computed from the SQL console’s values', async ({ page }) => {
  await page.goto('./?site=leipzig&ind=arbeitslosenanteil&year=2022&mode=did&sel=50&start=2015');
  await waitForView(page, 'leipzig|ortsteil|arbeitslosenanteil|2022');
  const panel = page.getByTestId('did-panel');
  const estimate = panel.getByTestId('did-estimate');
  await expect(estimate).toBeVisible();
  await expect(panel.getByTestId('did-chart')).toBeVisible();
  await expect(panel.getByTestId('did-start')).toHaveValue('2015');
  await expect(panel.getByTestId('did-counts')).toHaveAttribute('data-n', '62');
  await expect(panel.getByTestId('did-counts')).toHaveAttribute('data-pre', '15');
  await expect(panel.getByTestId('did-counts')).toHaveAttribute('data-post', '8');
  await expect(panel.getByTestId('did-caveat')).toContainText('keinen Beweis');
  await expect(panel.getByTestId('did-breaks')).toContainText('2014');
  const shown = Number(await estimate.getAttribute('data-value'));
  expect(Number.isFinite(shown)).toBe(true);

  const series = await seriesFromConsole(page);
  const treated = series.find((s) => s.id === '50')!;
  const result = differenceInDifferences(treated, series.filter((s) => s.id !== '50'), 2015, { from: 2000, to: 2022 });
  if (!result.ok) throw new Error(result.message);
  expect(Math.abs(shown - result.estimate)).toBeLessThan(1e-9);
  const text = `${result.estimate > 0 ? '+' : '−'}${Math.abs(result.estimate).toFixed(1).replace('.', ',')}\u00a0Prozentpunkte`;
  await expect(estimate).toContainText(text);
  const interval = panel.getByTestId('did-interval');
  expect(Number(await interval.getAttribute('data-low'))).toBeCloseTo(result.interval!.low, 9);
  expect(Number(await interval.getAttribute('data-high'))).toBeCloseTo(result.interval!.high, 9);

  // another start year is the user's choice, kept in the URL
  await panel.getByTestId('did-start').selectOption('2010');
  await expect(page).toHaveURL(/start=2010/);
  const later = differenceInDifferences(treated, series.filter((s) => s.id !== '50'), 2010, { from: 2000, to: 2022 });
  if (!later.ok) throw new Error(later.message);
  await expect.poll(async () => Number(await estimate.getAttribute('data-value'))).toBeCloseTo(later.estimate, 9);
});

test('the similar areas become the comparison group of before/after in one click', async ({ page }) => {
  await page.goto('./?site=leipzig&ind=arbeitslosenanteil&year=2022&mode=similar&sel=50&start=2015');
  await waitForView(page, 'leipzig|ortsteil|arbeitslosenanteil|2022');
  const similar = (await rows(page)).map((r) => r.id);
  const firstName = (await page.getByTestId('similar-row').first().locator('th').textContent())!.trim();
  await page.getByTestId('similar-use-did').click();
  await expect(page).toHaveURL(/mode=did.*cg=similar/);
  const panel = page.getByTestId('did-panel');
  await expect(panel.getByTestId('did-group')).toHaveValue('similar');
  await expect(panel.getByTestId('did-estimate')).toBeVisible();
  await expect(panel.getByTestId('did-counts')).toHaveAttribute('data-n', String(similar.length));
  await expect(panel.getByTestId('did-similar-list')).toContainText(firstName);
  // they stay marked on the map
  await expect.poll(async () => (await mapPixels(page, [MARKED])).perColor[MARKED]).toBeGreaterThan(50);

  const series = await seriesFromConsole(page);
  const result = differenceInDifferences(series.find((s) => s.id === '50')!, series.filter((s) => similar.includes(s.id)), 2015, { from: 2000, to: 2022 });
  if (!result.ok) throw new Error(result.message);
  expect(Number(await panel.getByTestId('did-estimate').getAttribute('data-value'))).toBeCloseTo(result.estimate, 9);
});

test('before/after for a programme area from a share link: its start of funding, against the rest of the site', async ({ page }) => {
  const pa = encodeURIComponent('pa-zx81~Leipziger%20Osten~esf-plus~2015~00,01,02~e69f00');
  await page.goto(`./?site=leipzig&level=programmgebiet&ind=auslaenderanteil&year=2023&mode=did&sel=pa-zx81&pa=${pa}`);
  await waitForView(page, 'leipzig|programmgebiet|auslaenderanteil|2023');
  const panel = page.getByTestId('did-panel');
  await expect(panel.getByTestId('did-start')).toHaveValue('2015');
  await expect(panel.getByTestId('did-group').locator('option[value="rest"]')).toHaveText(/außerhalb des Programmgebiets/);
  await expect(panel.getByTestId('did-counts')).toHaveAttribute('data-n', '60');
  await expect(panel.getByTestId('did-estimate')).toHaveAttribute('data-value', /^-?\d/);
  await expect(panel.getByTestId('did-chart')).toContainText('Beginn 2015');
});

test('both panels pass axe (WCAG 2.1 AA: no serious or critical violation), in English too', async ({ page }) => {
  for (const [url, panel] of [
    ['./?site=leipzig&ind=arbeitslosenanteil&year=2022&mode=similar&sel=50&lang=en', 'similar-areas'],
    ['./?site=leipzig&ind=arbeitslosenanteil&year=2022&mode=did&sel=50&start=2015&lang=en', 'did-panel'],
  ] as const) {
    await page.goto(url);
    await waitForView(page, 'leipzig|ortsteil|arbeitslosenanteil|2022');
    await expect(page.getByTestId(panel).locator(panel === 'did-panel' ? '[data-testid="did-estimate"]' : '[data-testid="similar-row"]').first()).toBeVisible();
    await expect(page.getByTestId(panel)).toContainText(panel === 'did-panel' ? 'Difference-in-differences' : 'most similar');
    const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).include(`[data-testid="${panel}"]`).analyze();
    const bad = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
    expect(bad, panel).toEqual([]);
  }
});

test('a funded area against similar areas since funding began: the Ortsteile outside it most like it, then before/after against them', async ({ page }) => {
  const pa = encodeURIComponent('pa-zx82~Zentrum~esf-plus~2015~00,01,02~e69f00');
  await page.goto(`./?site=leipzig&level=programmgebiet&ind=auslaenderanteil&year=2023&mode=similar&sel=pa-zx82&pa=${pa}`);
  await waitForView(page, 'leipzig|programmgebiet|auslaenderanteil|2023');
  const panel = page.getByTestId('similar-areas');
  await expect(panel.getByTestId('similar-programme')).toContainText('Zentrum');
  const rows = panel.getByTestId('similar-row');
  await expect(rows).toHaveCount(10);
  const names = await rows.allTextContents();
  // Ortsteile, none of the area's own (Zentrum, Zentrum-Ost, Zentrum-Südost)
  for (const own of ['Zentrum-Ost', 'Zentrum-Südost']) expect(names.join(' ')).not.toContain(own);
  await panel.getByTestId('similar-use-did').click();
  const did = page.getByTestId('did-panel');
  await expect(did.getByTestId('did-start')).toHaveValue('2015');
  await expect(did.getByTestId('did-similar-list')).toBeVisible();
  const listed = (await did.getByTestId('did-similar-list').textContent()) ?? '';
  expect(listed).not.toMatch(/\b\d{2}\b/); // names, not keys
  await expect(did.getByTestId('did-estimate')).toHaveAttribute('data-value', /^-?\d/);
  expect(page.url()).toContain('cg=similar');
});
