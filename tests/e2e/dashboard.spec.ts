import { test, expect } from '@playwright/test';
import { expectOnlyOwnOrigin, mapPixels, waitForView } from './helpers';

// Every request of every test, to prove the app stays on its own origin.
expectOnlyOwnOrigin(test);

test('first load paints a coloured Leipzig choropleth and marks the hooks', async ({ page }) => {
  await page.goto('./');
  await waitForView(page, 'leipzig|ortsteil|arbeitslosenanteil|2022');
  await expect(page).toHaveURL(/site=leipzig/);
  const marks = await page.evaluate(() => performance.getEntriesByType('mark').map((m) => m.name));
  expect(marks).toContain('atlas:first-map');
  expect(marks).toContain('atlas:db-ready');

  const legend = page.getByTestId('legend');
  await expect(legend.getByTestId('legend-class')).toHaveCount(5);
  const counts = await legend.getByTestId('legend-class').evaluateAll((els) => els.map((e) => Number(e.getAttribute('data-count'))));
  const missing = Number(await legend.getByTestId('legend-missing').getAttribute('data-count'));
  expect(counts.reduce((a, b) => a + b, 0) + missing).toBe(63);

  const pixels = await mapPixels(page);
  // Every class colour of the legend is on the map, in real area.
  for (const [color, n] of Object.entries(pixels.perColor)) expect(n, `pixels of ${color}`).toBeGreaterThan(200);
});

test('changing indicator and year recolours the map', async ({ page }) => {
  await page.goto('./?site=leipzig&level=ortsteil&ind=arbeitslosenanteil&year=2022');
  await waitForView(page, 'leipzig|ortsteil|arbeitslosenanteil|2022');
  const before = await mapPixels(page);

  await page.getByTestId('indicator-select').selectOption('auslaenderanteil');
  await waitForView(page, 'leipzig|ortsteil|auslaenderanteil|2022');
  await expect(page).toHaveURL(/ind=auslaenderanteil/);
  const afterInd = await mapPixels(page);
  expect(afterInd.fingerprint).not.toEqual(before.fingerprint);

  await page.getByTestId('year-input').fill('2010');
  await waitForView(page, 'leipzig|ortsteil|auslaenderanteil|2010');
  await expect(page).toHaveURL(/year=2010/);
  const afterYear = await mapPixels(page);
  expect(afterYear.fingerprint).not.toEqual(afterInd.fingerprint);
  const updates = await page.evaluate(() => performance.getEntriesByName('atlas:update').length);
  expect(updates).toBeGreaterThanOrEqual(2);
});

test('a shared URL restores the view exactly', async ({ page }) => {
  const url = './?site=kreise&level=land&ind=auslaenderanteil&year=2015&cls=jenks&k=4&sel=14,09&lang=en';
  await page.goto(url);
  await waitForView(page, 'kreise|land|auslaenderanteil|2015|jenks|4');
  await expect(page.getByTestId('site-select')).toHaveValue('kreise');
  await expect(page.getByTestId('level-select')).toHaveValue('land');
  await expect(page.getByTestId('indicator-select')).toHaveValue('auslaenderanteil');
  await expect(page.getByTestId('classification-select')).toHaveValue('jenks');
  await expect(page.getByTestId('legend').getByTestId('legend-class')).toHaveCount(4);
  await expect(page.getByTestId('selected-area')).toHaveCount(2);
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  const search = new URL(page.url()).searchParams;
  expect(Object.fromEntries(search)).toEqual({
    site: 'kreise', level: 'land', ind: 'auslaenderanteil', year: '2015', from: '1995', to: '2015', cls: 'jenks', k: '4', sel: '14,09', lang: 'en',
  });
  await page.reload();
  await waitForView(page, 'kreise|land|auslaenderanteil|2015|jenks|4');
  await expect(page.getByTestId('selected-area')).toHaveCount(2);
});

test('a malformed parameter falls back with a visible notice, never a blank page', async ({ page }) => {
  await page.goto('./?site=leipzig&ind=nonsense&year=abc&k=42');
  await waitForView(page, 'leipzig|ortsteil|arbeitslosenanteil');
  const notice = page.getByTestId('notice');
  await expect(notice).toBeVisible();
  await expect(notice).toContainText('nonsense');
});

test('hover shows name, German value and year; click selects with a sparkline', async ({ page }) => {
  await page.goto('./?site=leipzig&level=ortsteil&ind=einwohner&year=2023');
  await waitForView(page, 'leipzig|ortsteil|einwohner|2023');
  const box = (await page.getByTestId('map').boundingBox())!;
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  const tooltip = page.getByTestId('tooltip');
  await expect(tooltip).toBeVisible();
  await expect(tooltip).toContainText('Jahr 2023');
  await expect(tooltip).toContainText(/\d{1,3}(\.\d{3})*|keine Angabe/);
  await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
  await expect(page.getByTestId('selected-area')).toHaveCount(1);
  await expect(page.getByTestId('sparkline')).toBeVisible();
  await expect(page).toHaveURL(/sel=\d\d/);
});

test('the language switch turns the UI to English and back', async ({ page }) => {
  await page.goto('./');
  await waitForView(page);
  await expect(page.getByTestId('about-data')).toHaveText('Über die Daten');
  await page.getByTestId('lang-select').selectOption('en');
  await expect(page.getByTestId('about-data')).toHaveText('About the data');
  await expect(page).toHaveURL(/lang=en/);
  await expect(page.getByTestId('legend')).toContainText('no data');
  await page.getByTestId('lang-select').selectOption('de');
  await expect(page.getByTestId('legend')).toContainText('keine Angabe');
});

test('the about dialog and the map attribution show publisher and licence', async ({ page }) => {
  await page.goto('./?site=kreise');
  await waitForView(page, 'kreise');
  await expect(page.locator('.maplibregl-ctrl-attrib')).toContainText('GeoBasis-DE / BKG');
  await page.getByTestId('about-data').click();
  const dialog = page.getByTestId('about-dialog');
  await expect(dialog).toBeVisible();
  await expect(dialog).toContainText('Datenlizenz Deutschland');
  await expect(dialog).toContainText('dl-de/by-2-0');
  await expect(dialog).toContainText('BBSR');
  await expect(dialog.getByTestId('about-source')).toHaveCount(2);
});

test('a level above the base aggregates, and a rate without counts says it cannot be shown', async ({ page }) => {
  await page.goto('./?site=kreise&level=land&ind=arbeitslosenquote&year=2021');
  await waitForView(page, 'kreise|land|arbeitslosenquote|2021');
  await expect(page.getByTestId('not-aggregable')).toBeVisible();
  await page.getByTestId('indicator-select').selectOption('einwohner');
  await waitForView(page, 'kreise|land|einwohner');
  await expect(page.getByTestId('legend').getByTestId('legend-class')).toHaveCount(5);
});
