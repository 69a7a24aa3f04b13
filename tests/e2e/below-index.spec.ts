// Leipzig's SGB-II-Quote "< 1 %" (Plaußig-Portitz 2022) where a value is shown, and the social
// index's options (minimum residents, the MSS's two-year dynamics window) in the panel and the URL.
import { test, expect } from '@playwright/test';
import { waitForView } from './helpers';

const nbsp = (s: string | null) => (s ?? '').replaceAll('\u00a0', ' ').trim();

test('"< 1 %": legend, ranking and the map table show it; the area is coloured, not hatched', async ({ page }) => {
  await page.goto('./?site=leipzig&level=ortsteil&ind=sgb2_quote&year=2022&cls=quantile&k=5');
  await waitForView(page, 'leipzig|ortsteil|sgb2_quote|2022');
  const below = page.getByTestId('legend-below');
  await expect(below).toHaveAttribute('data-count', '1');
  expect(nbsp(await below.textContent())).toContain('< 1 %');
  const lowest = await page.getByTestId('legend-class').first().getAttribute('data-color');
  await expect(below).toHaveAttribute('data-color', lowest!);
  await expect(page.getByTestId('legend-missing')).toHaveAttribute('data-count', '0');
  const last = page.getByTestId('ranking-row').last();
  await expect(last).toHaveAttribute('data-id', '15');
  expect(nbsp(await last.textContent())).toContain('< 1 %');

  await page.goto('./?site=leipzig&level=ortsteil&ind=sgb2_quote&year=2022&lang=en');
  await waitForView(page, 'leipzig|ortsteil|sgb2_quote|2022');
  expect(nbsp(await page.getByTestId('legend-below').textContent())).toContain('< 1%');
});

test('social index: the minimum of residents and the two-year window are options in the URL', async ({ page }) => {
  await page.goto('./?site=leipzig&ind=arbeitslosenanteil&year=2022&from=2012&to=2022&mode=index');
  await waitForView(page, 'leipzig|ortsteil|arbeitslosenanteil|2022|index');
  const panel = page.getByTestId('index-panel');
  await expect(panel.getByTestId('index-min-residents')).toHaveValue('300');
  await expect(panel.getByTestId('index-not-rated')).toHaveAttribute('data-count', '0');
  await panel.getByTestId('index-window').selectOption('2');
  await expect(page).toHaveURL(/idxdyn=2/);
  await waitForView(page, 'leipzig|ortsteil|arbeitslosenanteil|2022|index');
  await panel.getByTestId('index-min-residents').fill('5000');
  await panel.getByTestId('index-min-residents').press('Enter');
  await expect(page).toHaveURL(/idxmin=5000/);
  await expect.poll(async () => Number(await panel.getByTestId('index-not-rated').getAttribute('data-count'))).toBeGreaterThan(5);
  const counts = await panel.getByTestId('index-cell').evaluateAll((els) => els.map((e) => Number(e.getAttribute('data-count'))));
  const notRated = Number(await panel.getByTestId('index-not-rated').getAttribute('data-count'));
  const missing = Number(await panel.getByTestId('index-missing').getAttribute('data-count'));
  expect(counts.reduce((a, b) => a + b, 0) + notRated + missing).toBe(63);
});
