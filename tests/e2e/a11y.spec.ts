import { test, expect, type Page } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';
import { breakNumberFormatOnce, expectOnlyOwnOrigin, failFormatOn, waitForView } from './helpers';

// Accessibility (BITV 2.0 / WCAG 2.1 AA): axe-core over the main views. No
// violation of impact "serious" or "critical" may remain; the counts of every
// impact per view are printed (test output), so that minor ones stay visible.
expectOnlyOwnOrigin(test);

const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

async function audit(page: Page, view: string): Promise<void> {
  const results = await new AxeBuilder({ page })
    .withTags(TAGS)
    // MapLibre's WebGL canvas is an image of the map: its content is given as text by the
    // table alternative ("Als Tabelle") and the ranking; axe cannot judge a canvas.
    .exclude('.maplibregl-canvas')
    .analyze();
  const counts: Record<string, number> = { minor: 0, moderate: 0, serious: 0, critical: 0 };
  for (const v of results.violations) counts[v.impact ?? 'minor'] = (counts[v.impact ?? 'minor'] ?? 0) + v.nodes.length;
  // Best practices beyond WCAG (landmarks, headings): reported, not asserted.
  const practice = await new AxeBuilder({ page }).withTags(['best-practice']).exclude('.maplibregl-canvas').analyze();
  if (practice.violations.length) console.log(`axe ${view} (best practice): ${practice.violations.map((v) => `${v.id}(${v.impact}×${v.nodes.length}: ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(' | ')})`).join(', ')}`);
  const bad = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  console.log(`axe ${view}: ${JSON.stringify(counts)}${results.violations.length ? ' ' + results.violations.map((v) => `${v.id}(${v.impact}×${v.nodes.length})`).join(', ') : ''}`);
  const details = bad.map((v) => `${v.id} [${v.impact}] ${v.help}\n${v.nodes.map((n) => `  ${n.target.join(' ')}: ${n.failureSummary?.split('\n').slice(0, 3).join(' ')}`).join('\n')}`);
  expect(details, `${view}: serious/critical axe violations`).toEqual([]);
}

const VIEWS: [name: string, url: string, key: string, ready?: string][] = [
  ['map (default)', './', 'leipzig|ortsteil|'],
  ['change', './?site=leipzig&ind=arbeitslosenanteil&year=2022&from=2010&to=2022&mode=change', 'leipzig|ortsteil|arbeitslosenanteil|2022|change'],
  ['small multiples', './?site=leipzig&ind=auslaenderanteil&year=2023&mode=multiples&from=2015&to=2023', 'leipzig|ortsteil|auslaenderanteil|2023|multiples', 'small-multiple'],
  ['compare', './?site=leipzig&ind=arbeitslosenanteil&year=2022&mode=compare&sel=00,70,90', 'leipzig|ortsteil|arbeitslosenanteil|2022', 'compare-row'],
  ['profile', './?site=leipzig&ind=arbeitslosenanteil&year=2022&mode=profile&sel=70', 'leipzig|ortsteil|arbeitslosenanteil|2022', 'profile-row'],
  ['scatter', './?site=leipzig&ind=arbeitslosenanteil&ind2=auslaenderanteil&year=2022&mode=scatter', 'leipzig|ortsteil|arbeitslosenanteil|2022', 'scatter-point'],
  ['bivariate', './?site=leipzig&ind=arbeitslosenanteil&ind2=auslaenderanteil&year=2022&mode=bivariate', 'leipzig|ortsteil|arbeitslosenanteil|2022|bivariate', 'bivariate-cell'],
  ['index', './?site=leipzig&ind=arbeitslosenanteil&year=2022&from=2012&to=2022&mode=index', 'leipzig|ortsteil|arbeitslosenanteil|2022|index', 'index-legend'],
  ['lisa', './?site=leipzig&ind=arbeitslosenanteil&year=2022&mode=lisa', 'leipzig|ortsteil|arbeitslosenanteil|2022|lisa', 'lisa-class'],
  ['swipe', './?site=leipzig&ind=arbeitslosenanteil&year=2022&from=2006&mode=swipe', 'leipzig|ortsteil|arbeitslosenanteil|2022|swipe', 'swipe'],
  ['Kreise', './?site=kreise&level=kreis&ind=auslaenderanteil&year=2020&sel=14713', 'kreise|kreis|auslaenderanteil|2020', 'selected-value'],
  ['English UI', './?site=leipzig&ind=arbeitslosenanteil&year=2022&sel=00&lang=en', 'leipzig|ortsteil|arbeitslosenanteil|2022', 'ranking-row'],
  ['English UI, compare', './?site=leipzig&ind=arbeitslosenanteil&year=2022&mode=compare&sel=00,70&lang=en', 'leipzig|ortsteil|arbeitslosenanteil|2022', 'compare-row'],
];

for (const [name, url, key, ready] of VIEWS) {
  test(`axe: ${name}`, async ({ page }) => {
    await page.goto(url);
    await waitForView(page, key);
    if (ready) await expect(page.getByTestId(ready).first()).toBeVisible();
    await page.waitForTimeout(300);
    await audit(page, name);
  });
}

test('axe: the map as a table (German and English), with secret values', async ({ page }) => {
  await page.goto('./?site=leipzig&ind=kitas_anzahl&pts=kitas&sec=3');
  await waitForView(page, 'leipzig|ortsteil|kitas_anzahl|');
  await page.getByTestId('map-table-toggle').click();
  await expect(page.getByTestId('map-table-row')).toHaveCount(63);
  await audit(page, 'map table');
  await page.getByTestId('lang-select').selectOption('en');
  await expect(page.getByTestId('map-table-toggle')).toHaveText('Back to the map');
  await audit(page, 'map table (English)');
});

test('the table alternative lists every area with the value, class and colour the map shows', async ({ page }) => {
  await page.goto('./?site=leipzig&ind=kitas_anzahl&pts=kitas&sec=3');
  await waitForView(page, 'leipzig|ortsteil|kitas_anzahl|');
  const legend = await page.getByTestId('legend-class').evaluateAll((els) =>
    els.map((e) => ({ color: e.getAttribute('data-color'), count: Number(e.getAttribute('data-count')) })),
  );
  const secret = Number(await page.getByTestId('legend-secret').getAttribute('data-count'));
  expect(secret).toBeGreaterThan(0);
  await page.getByTestId('map-table-toggle').click();
  const rows = page.getByTestId('map-table-row');
  await expect(rows).toHaveCount(63);
  const table = await rows.evaluateAll((trs) =>
    trs.map((tr) => ({
      id: tr.getAttribute('data-id'),
      value: tr.querySelector('[data-testid="map-table-value"]')!.textContent!.trim(),
      color: tr.querySelector('.swatch')!.getAttribute('data-color'),
      cls: tr.children[2]!.textContent!.trim(),
    })),
  );
  // Secret values are "." (grey), the others in the legend's classes with the legend's colours and counts.
  expect(table.filter((r) => r.value === '.')).toHaveLength(secret);
  expect(table.filter((r) => r.value === '.').every((r) => r.cls === 'geheim (.)')).toBe(true);
  for (const [i, { color, count }] of legend.entries()) {
    const inClass = table.filter((r) => r.cls.startsWith(`Klasse ${i + 1} von ${legend.length}:`));
    expect(inClass, `class ${i + 1}`).toHaveLength(count);
    expect(inClass.every((r) => r.color === color)).toBe(true);
  }
  // A value as the selection panel (and the map's tooltip) gives it.
  const shown = table.find((r) => r.value !== '.')!;
  await page.getByTestId('map-table-select').nth(table.indexOf(shown)).check();
  await expect(page.getByTestId('selected-value')).toHaveText(shown.value);

  // Sorted by value (highest first), areas without a value at the end.
  await page.getByTestId('map-table-sort').filter({ hasText: 'Wert' }).click();
  const values = await page.getByTestId('map-table-value').allTextContents();
  const numbers = values.filter((v) => v !== '.').map((v) => Number(v.replace(/\./g, '').replace(',', '.')));
  expect(numbers).toEqual([...numbers].sort((a, b) => b - a));
  expect(values.slice(values.length - secret).every((v) => v === '.')).toBe(true);
  // Filtering by name.
  await page.getByTestId('map-table-filter').fill('Zentrum');
  await expect(rows.first()).toContainText('Zentrum');
  expect(await rows.count()).toBeLessThan(10);
});

test('axe: messages (notice, unexpected error, error screen)', async ({ page }) => {
  // The next number formatted after `__failFormat` is set throws (see error.spec.ts).
  await breakNumberFormatOnce(page, 'Testfehler');
  await page.goto('./?site=leipzig&ind=nonsense&year=2022');
  await waitForView(page, 'leipzig|ortsteil|');
  await expect(page.getByTestId('notice')).toBeVisible();
  await page.evaluate(() => {
    void Promise.reject(new Error('Test'));
  });
  await expect(page.getByTestId('error-toast')).toBeVisible();
  await audit(page, 'notices and error message');
  await failFormatOn(page.getByTestId('indicator-select'), 'change');
  await page.getByTestId('indicator-select').selectOption('auslaenderanteil');
  await expect(page.getByTestId('error-screen')).toBeVisible();
  await audit(page, 'error screen');
});

test('axe: dialogs (import, export, SQL console)', async ({ page }) => {
  await page.goto('./?site=leipzig&ind=arbeitslosenanteil&year=2022');
  await waitForView(page, 'leipzig|ortsteil|arbeitslosenanteil|2022');
  await page.getByTestId('import-open').click();
  await expect(page.getByTestId('import-dialog')).toBeVisible();
  await audit(page, 'import dialog');
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('import-dialog')).toBeHidden();

  await page.getByTestId('export-open').click();
  await expect(page.getByTestId('export-dialog')).toBeVisible();
  await audit(page, 'export dialog');
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('export-dialog')).toBeHidden();

  await page.getByTestId('sql-open').click();
  await expect(page.getByTestId('sql-console')).toBeVisible();
  await page.getByTestId('sql-run').click();
  await expect(page.getByTestId('sql-result')).toBeVisible();
  await audit(page, 'SQL console');
});

test('axe: presentation mode', async ({ page }) => {
  await page.goto('./?site=leipzig&ind=arbeitslosenanteil&year=2022');
  await waitForView(page, 'leipzig|ortsteil|arbeitslosenanteil|2022');
  await page.getByTestId('save-view').click();
  await page.getByTestId('present').click();
  await expect(page.getByTestId('presentation')).toBeVisible();
  await waitForView(page, 'leipzig|ortsteil|arbeitslosenanteil|2022');
  await audit(page, 'presentation');
});
