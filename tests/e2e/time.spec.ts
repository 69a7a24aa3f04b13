import { test, expect } from '@playwright/test';
import { countMapPixels, expectOnlyOwnOrigin, mapPixels, waitForView } from './helpers';

expectOnlyOwnOrigin(test);

test('the year player advances the year in the URL and the map, and stops at the last year', async ({ page }) => {
  await page.goto('./?site=leipzig&ind=einwohner&year=2019');
  await waitForView(page, 'leipzig|ortsteil|einwohner|2019');
  const before = await mapPixels(page);
  await page.getByTestId('play-speed').selectOption('250');
  const play = page.getByTestId('play');
  await expect(play).toHaveAttribute('aria-pressed', 'false');
  await play.click();
  await expect(play).toHaveAttribute('aria-pressed', 'true');
  await expect(page).toHaveURL(/year=2020/);
  await expect(page).toHaveURL(/year=2023/);
  await waitForView(page, 'leipzig|ortsteil|einwohner|2023');
  // Stopped at the last year, and the map shows another year than before.
  await expect(play).toHaveAttribute('aria-pressed', 'false');
  expect((await mapPixels(page)).fingerprint).not.toEqual(before.fingerprint);
  await expect(page.getByTestId('year-value')).toHaveText('2023');
});

test('the player is keyboard operable and a control change stops it', async ({ page }) => {
  await page.goto('./?site=leipzig&ind=einwohner&year=2000');
  await waitForView(page, 'leipzig|ortsteil|einwohner|2000');
  await page.getByTestId('play-speed').selectOption('2000');
  await page.getByTestId('play').focus();
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('play')).toHaveAttribute('aria-pressed', 'true');
  await expect(page).toHaveURL(/year=2001/, { timeout: 10_000 });
  await page.getByTestId('indicator-select').selectOption('auslaender');
  await expect(page.getByTestId('play')).toHaveAttribute('aria-pressed', 'false');
});

test('the change map has a diverging legend that marks zero, and a tooltip with both years', async ({ page }) => {
  await page.goto('./?site=leipzig&ind=auslaenderanteil&year=2023');
  await waitForView(page, 'leipzig|ortsteil|auslaenderanteil|2023');
  await page.getByTestId('mode-select').selectOption('change');
  await expect(page).toHaveURL(/mode=change/);
  await page.getByTestId('from-select').selectOption('2010');
  await waitForView(page, 'leipzig|ortsteil|auslaenderanteil|2023|change:2010-2023');
  await expect(page).toHaveURL(/from=2010&to=2023/);
  const legend = page.getByTestId('legend');
  await expect(legend.getByTestId('legend-change')).toContainText('Veränderung 2010–2023');
  await expect(legend.getByTestId('legend-change')).toContainText('Prozentpunkte');
  await expect(legend.getByTestId('legend-zero')).toHaveCount(1);
  // Symmetric classes: the first lower bound is the negative of the last upper bound.
  const ranges = await legend.getByTestId('legend-class').allInnerTexts();
  expect(ranges).toHaveLength(5);
  expect(ranges[0]).toMatch(/^−/);
  expect(ranges[4]).toMatch(/\+.*\+/);
  const colours = await legend.getByTestId('legend-class').evaluateAll((els) => els.map((e) => e.getAttribute('data-color')));
  expect(new Set(colours).size).toBe(5);
  // Every class colour is on the map.
  const pixels = await mapPixels(page);
  expect(Object.values(pixels.perColor).filter((n) => n > 100).length).toBeGreaterThanOrEqual(3);

  const box = (await page.getByTestId('map').boundingBox())!;
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  await expect(page.getByTestId('tooltip')).toContainText(/2010: .* → 2023: /);
  await expect(page.getByTestId('tooltip')).toContainText(/[+−±]\d/);

  // A shared link restores the change map.
  await page.reload();
  await waitForView(page, 'leipzig|ortsteil|auslaenderanteil|2023|change:2010-2023');
  await expect(page.getByTestId('legend-zero')).toHaveCount(1);
});

test('the trend chart draws a line per selected area, a reference line, breaks, a crosshair and an indexed mode', async ({ page }) => {
  await page.goto('./?site=leipzig&level=ortsteil&ind=arbeitslose&year=2022&sel=00,70');
  await waitForView(page, 'leipzig|ortsteil|arbeitslose|2022');
  const chart = page.getByTestId('trend-chart');
  await expect(chart.getByTestId('trend-line')).toHaveCount(2);
  // References: the two Stadtbezirke (Mitte for 00, Alt-West for 70) and the city.
  await expect(chart.getByTestId('trend-reference')).toHaveCount(3);
  await expect(chart).toContainText('Mitte');
  await expect(chart).toContainText('Alt-West');
  await expect(chart).toContainText('Leipzig');
  await expect(chart.getByTestId('trend-break')).toHaveCount(3); // boundary changes 2006, 2012, 2014
  // Each line has a real path (more than a few points).
  const lengths = await chart.getByTestId('trend-line').evaluateAll((els) => els.map((e) => (e as SVGPathElement).getTotalLength()));
  for (const l of lengths) expect(l).toBeGreaterThan(100);

  await chart.scrollIntoViewIfNeeded();
  const box = (await chart.locator('svg').boundingBox())!;
  await page.mouse.move(box.x + box.width * 0.6, box.y + box.height * 0.5);
  await expect(chart.getByTestId('trend-crosshair')).toHaveText(/^20\d\d$/);

  const before = await chart.getByTestId('trend-line').first().getAttribute('d');
  await page.getByTestId('trend-indexed').check();
  await expect.poll(() => chart.getByTestId('trend-line').first().getAttribute('d')).not.toBe(before);
});

/** Blue pixels over all map canvases: the trend arrows of a falling "worse" indicator on a warm palette. */
const blueArrowPixels = async (page: import('@playwright/test').Page) => (await countMapPixels(page, 'blue')).count;

test('the trend layer draws arrows (switched on and off), in the URL, with slopes in the tooltip', async ({ page }) => {
  await page.goto('./?site=leipzig&ind=arbeitslosenanteil&year=2022&from=2010&to=2022');
  await waitForView(page, 'leipzig|ortsteil|arbeitslosenanteil|2022');
  expect(await blueArrowPixels(page)).toBeLessThan(50); // YlOrRd has no blue
  // The pointer rests on the map while the arrows are switched on (by keyboard): the open tooltip gains the slope
  // when the arrows arrive, without moving the pointer.
  const box = (await page.getByTestId('map').boundingBox())!;
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  await expect(page.getByTestId('tooltip')).toBeVisible();
  await expect(page.getByTestId('tooltip')).not.toContainText('Trend');
  await page.getByTestId('trend-toggle').focus();
  await page.keyboard.press('Space');
  await expect(page).toHaveURL(/trend=1/);
  await expect(page.getByTestId('tooltip')).toContainText(/Trend −\d/);
  // Unemployment fell everywhere 2010–2022: many blue ("good") arrows.
  await expect.poll(() => blueArrowPixels(page), { timeout: 15_000 }).toBeGreaterThan(500);
  // deck.gl's default tooltip widget (measured on every draw, a forced layout) is removed once drawn.
  await expect(page.locator('.deck-tooltip')).toHaveCount(0);
  await expect(page.getByTestId('tooltip')).toContainText('2010: ');
  // The arrows follow the map: drag it 120 px right and 60 px down.
  const before = await countMapPixels(page, 'blue');
  await page.mouse.down();
  for (let i = 1; i <= 10; i++) await page.mouse.move(box.x + box.width / 2 + i * 12, box.y + box.height / 2 + i * 6);
  await page.mouse.up();
  await expect
    .poll(async () => {
      const after = await countMapPixels(page, 'blue');
      return after.count > 500 && Math.abs(after.cx - before.cx - 120) < 25 && Math.abs(after.cy - before.cy - 60) < 25;
    }, { timeout: 15_000 })
    .toBe(true);
  await page.getByTestId('trend-toggle').uncheck();
  await expect(page).not.toHaveURL(/trend=1/);
  await expect.poll(() => blueArrowPixels(page), { timeout: 15_000 }).toBeLessThan(50);
});

test('small multiples show one map per year with the same classes', async ({ page }) => {
  await page.goto('./?site=leipzig&ind=auslaenderanteil&year=2023&mode=multiples&from=2015&to=2023');
  await waitForView(page, 'leipzig|ortsteil|auslaenderanteil|2023|multiples:2015-2023');
  const maps = page.getByTestId('small-multiples').getByTestId('small-multiple');
  await expect(maps).toHaveCount(9);
  await expect(maps.first()).toHaveAttribute('data-year', '2015');
  await expect(maps.last()).toHaveAttribute('data-year', '2023');
  // Each area is a shape of its own, not a box over the whole map.
  const widths = await maps.first().locator('path').evaluateAll((ps) => ps.map((p) => (p as SVGPathElement).getBBox().width));
  expect(Math.max(...widths)).toBeLessThan(100); // of 180
  // 63 areas per map, filled only with legend colours (or the missing grey).
  const legendColours = await page.getByTestId('legend-class').evaluateAll((els) => els.map((e) => e.getAttribute('data-color')));
  const fills = await maps.evaluateAll((figs) => figs.map((f) => [...f.querySelectorAll('path')].map((p) => p.getAttribute('fill'))));
  for (const yearFills of fills) {
    expect(yearFills).toHaveLength(63);
    for (const fill of yearFills) expect([...legendColours, '#d9d9d9']).toContain(fill);
  }
  // The shares rose: the first year has more areas in the lowest class than the last.
  const lowest = legendColours[0];
  const count = (f: (string | null)[]) => f.filter((c) => c === lowest).length;
  expect(count(fills[0]!)).toBeGreaterThan(count(fills[fills.length - 1]!));
  // Legend counts cover every area of every year shown.
  const counts = await page.getByTestId('legend-class').evaluateAll((els) => els.map((e) => Number(e.getAttribute('data-count'))));
  expect(counts.reduce((a, b) => a + b, 0)).toBeGreaterThan(63 * 8);
});

test('for a Kreis the trend chart adds its Land and Germany as references', async ({ page }) => {
  await page.goto('./?site=kreise&level=kreis&ind=auslaenderanteil&year=2020&sel=14713');
  await waitForView(page, 'kreise|kreis|auslaenderanteil|2020');
  const chart = page.getByTestId('trend-chart');
  await expect(chart.getByTestId('trend-line')).toHaveCount(1);
  await expect(chart.getByTestId('trend-reference')).toHaveCount(2);
  await expect(chart).toContainText('Sachsen');
  await expect(chart).toContainText('Deutschland');
});

test('cross-site view: the same indicator for areas of other sites in the trend chart', async ({ page }) => {
  await page.goto('./?site=leipzig&ind=einwohner&year=2023&sel=00&cmp=kreise:14713');
  await waitForView(page, 'leipzig|ortsteil|einwohner|2023');
  const chart = page.getByTestId('trend-chart');
  await expect(chart.getByTestId('trend-line')).toHaveCount(2);
  await expect(chart).toContainText('Deutschland – Kreise');
  // Suggestions follow the AGS of the city (14713000): Land Sachsen (14) in the Kreise site, among others.
  const sachsen = page.locator('[data-testid="cmp-suggestion"][data-key="kreise:14"]');
  await expect(sachsen).toBeVisible();
  await sachsen.click();
  await expect(page).toHaveURL(/cmp=kreise:14713,kreise:14(&|$)/);
  await expect(chart.getByTestId('trend-line')).toHaveCount(3);
  await expect(chart).toContainText('Sachsen');
  await page.getByTestId('cmp-active').first().click();
  await expect(chart.getByTestId('trend-line')).toHaveCount(2);
});
