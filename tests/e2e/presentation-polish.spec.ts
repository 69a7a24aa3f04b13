import { test, expect } from '@playwright/test';
import { expectOnlyOwnOrigin, waitForView } from './helpers';

expectOnlyOwnOrigin(test);

// Found tried as a new user would (issue 18, item 5): nothing covers the map — the sources are a compact
// toggle, a presented slide shows the whole area with nothing on top, the bivariate legend's labels do not overlap.

test('the sources are a compact "Quellen" toggle, closed at first; opened, the full attribution', async ({ page }) => {
  await page.goto('./?site=leipzig&ind=auslaenderanteil&year=2022');
  await waitForView(page, 'leipzig|ortsteil|auslaenderanteil|2022');
  const box = page.locator('.maplibregl-ctrl-attrib');
  const button = page.locator('.maplibregl-ctrl-attrib-button');
  await expect(box).not.toHaveAttribute('open', /.*/);
  await expect(button).toHaveAttribute('data-label', 'Quellen');
  await expect(page.locator('.maplibregl-ctrl-attrib-inner')).toBeHidden();
  const closed = (await box.boundingBox())!;
  expect(closed.height).toBeLessThan(40);
  expect(closed.width).toBeLessThan(160);
  await button.click();
  await expect(page.locator('.maplibregl-ctrl-attrib-inner')).toBeVisible();
  await expect(page.locator('.maplibregl-ctrl-attrib-inner')).toContainText('Stadt Leipzig, Amt für Statistik und Wahlen');
  // The full source line stays in the legend.
  await expect(page.getByTestId('legend').locator('.source')).toContainText('Stadt Leipzig');
});

test('a presented slide: nothing on top of the map, the key help beside it', async ({ page }) => {
  await page.goto('./?site=leipzig&ind=auslaenderanteil&year=2022');
  await waitForView(page, 'leipzig|ortsteil|auslaenderanteil|2022');
  await page.getByTestId('save-view').click();
  await page.getByTestId('present').click();
  await expect(page.getByTestId('presentation')).toBeVisible();
  await expect(page.getByTestId('map-table-toggle')).toBeHidden();
  await expect(page.locator('.maplibregl-ctrl-zoom-in')).toBeHidden();
  await expect(page.locator('.maplibregl-ctrl-attrib')).toBeHidden();
  const keys = (await page.getByTestId('present-keys').boundingBox())!;
  const map = (await page.locator('.map-area').boundingBox())!;
  // The help is in the legend's column, right of the map, and above the bottom bar.
  expect(keys.x).toBeGreaterThanOrEqual(map.x + map.width - 1);
  await expect(page.getByTestId('present-source')).toContainText('Stadt Leipzig');
});

test('the bivariate legend: the class breaks of the x axis do not overlap', async ({ page }) => {
  await page.goto('./?site=leipzig&ind=auslaenderanteil&year=2022&mode=bivariate');
  await expect(page.getByTestId('bivariate-legend')).toBeVisible();
  const boxes = await page.locator('[data-testid="bivariate-legend"] .x-breaks span').evaluateAll((els) => els.map((e) => e.getBoundingClientRect()).map((r) => ({ left: r.left, right: r.right, top: r.top, bottom: r.bottom })));
  expect(boxes).toHaveLength(2);
  const [a, b] = boxes as [typeof boxes[0], typeof boxes[0]];
  const overlap = a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;
  expect(overlap).toBe(false);
});
