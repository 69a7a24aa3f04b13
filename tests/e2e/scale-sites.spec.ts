import { test, expect } from '@playwright/test';
import { countMapPixels, expectOnlyOwnOrigin, waitForView } from './helpers';

// Every request of every test, to prove the app stays on its own origin.
expectOnlyOwnOrigin(test);

/** Share of map canvas pixels that are neither background nor the missing grey. */
async function colouredShare(page: import('@playwright/test').Page): Promise<number> {
  const { count, total } = await countMapPixels(page, 'coloured');
  return count / total;
}

test('Gemeinden: 10,786 areas painted, suppressed shares missing, Kreis level aggregated', async ({ page }) => {
  await page.goto('./?site=gemeinden');
  await waitForView(page, 'gemeinden|gemeinde|auslaenderanteil|2022');
  const counts = await page.getByTestId('legend-class').evaluateAll((els) => els.map((e) => Number(e.getAttribute('data-count'))));
  const missing = Number(await page.getByTestId('legend-missing').getAttribute('data-count'));
  expect(counts.reduce((a, b) => a + b, 0) + missing).toBe(10786);
  expect(missing).toBe(344); // suppressed foreigner shares (Zensus 2022)
  expect(await colouredShare(page)).toBeGreaterThan(0.15);

  await page.getByTestId('level-select').selectOption('kreis');
  await waitForView(page, 'gemeinden|kreis|auslaenderanteil|2022');
  const kreisCounts = await page.getByTestId('legend-class').evaluateAll((els) => els.map((e) => Number(e.getAttribute('data-count'))));
  const kreisMissing = Number(await page.getByTestId('legend-missing').getAttribute('data-count'));
  expect(kreisCounts.reduce((a, b) => a + b, 0) + kreisMissing).toBe(400);
  expect(kreisMissing).toBeLessThan(20);
});

test('Zensus 2011 grid: 214,633 cells drawn by the grid layer, recoloured by indicator', async ({ page }) => {
  await page.goto('./?site=zensus-grid&ind=einwohner');
  await waitForView(page, 'zensus-grid|zelle|einwohner|2011');
  const counts = await page.getByTestId('legend-class').evaluateAll((els) => els.map((e) => Number(e.getAttribute('data-count'))));
  const missing = Number(await page.getByTestId('legend-missing').getAttribute('data-count'));
  expect(counts.reduce((a, b) => a + b, 0) + missing).toBe(214633);
  expect(missing).toBe(0);
  const before = await colouredShare(page);
  expect(before).toBeGreaterThan(0.1);

  await page.getByTestId('indicator-select').selectOption('auslaenderanteil');
  await waitForView(page, 'zensus-grid|zelle|auslaenderanteil|2011');
  expect(Number(await page.getByTestId('legend-missing').getAttribute('data-count'))).toBe(214633 - 201101);

  // Hovering populated cells shows their INSPIRE id and value (some points fall between cells).
  const box = (await page.getByTestId('map').boundingBox())!;
  const tooltip = page.getByTestId('tooltip');
  let shown = 0;
  for (let i = 0; i < 5; i++) {
    for (let j = 0; j < 5; j++) {
      await page.mouse.move(box.x + box.width * (0.4 + i * 0.05), box.y + box.height * (0.35 + j * 0.07));
      if (await tooltip.isVisible()) {
        await expect(tooltip).toContainText(/CRS3035RES1000mN\d{7}E\d{7}/);
        shown++;
      }
    }
  }
  expect(shown).toBeGreaterThan(3);

  // Back to an area site: the grid is hidden, the polygons return.
  await page.getByTestId('site-select').selectOption('leipzig');
  await waitForView(page, 'leipzig|ortsteil');
});
