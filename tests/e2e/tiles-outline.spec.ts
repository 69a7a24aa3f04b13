import { test, expect, type Page } from '@playwright/test';
import { colorPixels, mapPixels, waitForView } from './helpers';

// A tiled level (the Gemeinden) draws its outlines from a second source of the same tiles, with a
// feature-state of its own (layers.ts, outlineSourceId): selection and hover outlines must still follow the
// selection and the pointer, across indicator switches, while a recolour writes only the fill's state.

const SELECTED = '#000000'; // layers.ts: the outline of a selected area
const HOVERED = '#1a1a1a'; // … of the hovered area

const legendColors = (page: Page) => page.locator('[data-testid="legend-class"]').evaluateAll((els) => els.map((el) => el.getAttribute('data-color') ?? ''));

test('Gemeinden from tiles: selection and hover outlines follow the areas across indicator switches', async ({ page }) => {
  const archive: string[] = [];
  page.on('request', (req) => {
    if (/\.pmtiles$/.test(new URL(req.url()).pathname)) archive.push(`${req.headers()['range']}`);
  });
  // Leipzig selected, zoomed so that its outline is long enough to count.
  await page.goto('./?site=gemeinden&ind=auslaenderanteil&sel=14713000');
  await waitForView(page, 'gemeinden|gemeinde|auslaenderanteil');
  // Each tile is fetched once although two sources read it.
  expect(archive.length).toBeGreaterThan(1);
  expect(new Set(archive).size).toBe(archive.length);
  await expect.poll(async () => (await colorPixels(page, [SELECTED]))[SELECTED]).toBeGreaterThan(20);
  const selectedBefore = (await colorPixels(page, [SELECTED]))[SELECTED]!;

  // Another indicator: every area recoloured in the new legend's colours, the selection still outlined.
  const before = await mapPixels(page);
  await page.getByTestId('indicator-select').selectOption('einwohner');
  await waitForView(page, 'gemeinden|gemeinde|einwohner');
  const colors = await legendColors(page);
  expect(colors.length).toBeGreaterThan(2);
  await expect.poll(async () => (await mapPixels(page)).fingerprint).not.toEqual(before.fingerprint);
  const after = await mapPixels(page, colors);
  const inLegend = Object.values(after.perColor).filter((n) => n > 0).length;
  expect(inLegend).toBeGreaterThanOrEqual(colors.length - 1);
  const selectedAfter = (await colorPixels(page, [SELECTED]))[SELECTED]!;
  expect(selectedAfter).toBeGreaterThan(selectedBefore * 0.5);

  // Removing the selection removes its outline.
  await page.getByTestId('selected-area').getByRole('button').click();
  await expect(page.getByTestId('selected-area')).toHaveCount(0);
  await expect.poll(async () => (await colorPixels(page, [SELECTED]))[SELECTED]).toBeLessThan(selectedAfter * 0.1);

  // Hover outlines the area under the pointer, and only while it is there.
  const box = (await page.getByTestId('map').boundingBox())!;
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  await expect(page.getByTestId('tooltip')).toBeVisible();
  await expect.poll(async () => (await colorPixels(page, [HOVERED]))[HOVERED]).toBeGreaterThan(5);
  await page.mouse.move(box.x + 2, box.y + box.height - 2);
  await page.mouse.move(box.x - 20, box.y - 20);
  await expect(page.getByTestId('tooltip')).toBeHidden();
  await expect.poll(async () => (await colorPixels(page, [HOVERED]))[HOVERED]).toBe(0);
});
