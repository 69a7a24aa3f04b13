// The scatter brush dims the areas outside it by writing their colour with less alpha (layers.ts, dimmedColor)
// instead of a state-dependent fill-opacity. On the real map, a GeoJSON level (Leipzig) and a tiled one
// (Gemeinden): the dimmed areas show each class colour at opacity 0.2 over the background (as before), and
// clearing the brush brings back the very same picture, pixel for pixel.
import { expect, test, type Page } from '@playwright/test';
import { mapPixels, waitForView } from './helpers';

const BACKGROUND = [0xf3, 0xf1, 0xec];

/** Pixels of the map canvas within ±2 per channel of each colour given as [r, g, b]. */
async function nearPixels(page: Page, colors: number[][]): Promise<number[]> {
  return page.evaluate((wanted) => {
    const canvas = document.querySelector<HTMLCanvasElement>('[data-testid="map"] canvas')!;
    const off = document.createElement('canvas');
    off.width = canvas.width;
    off.height = canvas.height;
    const ctx = off.getContext('2d')!;
    ctx.drawImage(canvas, 0, 0);
    const { data } = ctx.getImageData(0, 0, off.width, off.height);
    const counts = wanted.map(() => 0);
    for (let i = 0; i < data.length; i += 4) {
      wanted.forEach((c, j) => {
        if (Math.abs(data[i]! - c[0]!) <= 2 && Math.abs(data[i + 1]! - c[1]!) <= 2 && Math.abs(data[i + 2]! - c[2]!) <= 2) counts[j]!++;
      });
    }
    return counts;
  }, colors);
}

const rgb = (hex: string) => [1, 3, 5].map((i) => Number.parseInt(hex.slice(i, i + 2), 16));

const CASES = [
  { site: 'leipzig', level: 'ortsteil', ind: 'arbeitslosenanteil', ind2: 'auslaenderanteil', year: 2022 },
  { site: 'gemeinden', level: 'gemeinde', ind: 'leerstandsquote', ind2: 'auslaenderanteil', year: 2022 },
];

for (const c of CASES) {
  test(`${c.site}: the brush dims the other areas to 0.2 of their class colour; clearing it restores every pixel`, async ({ page }) => {
    await page.goto(`./?site=${c.site}&level=${c.level}&ind=${c.ind}&ind2=${c.ind2}&year=${c.year}&mode=scatter`);
    await waitForView(page, `${c.site}|${c.level}|${c.ind}|`);
    const points = page.getByTestId('scatter').getByTestId('scatter-point');
    await expect(points.first()).toBeVisible();
    const xs = await points.evaluateAll((els) => els.map((e) => Number(e.getAttribute('data-x'))));
    const legend = await page.locator('[data-testid="legend-class"]').evaluateAll((els) => els.map((el) => el.getAttribute('data-color')!));
    expect(legend.length).toBeGreaterThanOrEqual(3);
    // Let the map settle, then read it twice: the same picture (nothing else moves).
    await page.waitForTimeout(500);
    const before = await mapPixels(page);
    expect(await mapPixels(page)).toEqual(before);
    const dimmed = legend.map((hex) => rgb(hex).map((v, i) => Math.round(0.2 * v + 0.8 * BACKGROUND[i]!)));
    const dimmedBefore = await nearPixels(page, dimmed);

    // A brush from well above the median: most areas are outside it and dimmed.
    const x0 = [...xs].sort((a, b) => a - b)[Math.floor(xs.length * 0.8)]!;
    await page.getByTestId('scatter-range-x0').fill(String(Math.round(x0 * 10) / 10).replace('.', ','));
    await page.getByTestId('scatter-range-x0').press('Enter');
    await expect(page.getByTestId('scatter-brushed')).toBeVisible();
    const full = (p: typeof before) => Object.values(p.perColor).reduce((a, b) => a + b, 0);
    // The pixels that left the full class colours reappear in the dimmed ones (borders and outlines aside).
    await expect
      .poll(async () => {
        const lost = full(before) - full(await mapPixels(page));
        const gained = (await nearPixels(page, dimmed)).reduce((a, n, j) => a + n - dimmedBefore[j]!, 0);
        return lost > 0.3 * full(before) && gained > 0.8 * lost;
      })
      .toBe(true);
    // Each class outside the brush is dimmed, not only some: most classes lose most of their full colour.
    const during = await mapPixels(page);
    const dimmedClasses = legend.filter((hex) => during.perColor[hex.toLowerCase()]! < 0.5 * before.perColor[hex.toLowerCase()]!);
    expect(dimmedClasses.length).toBeGreaterThanOrEqual(legend.length - 2);

    await page.getByRole('button', { name: 'Markierung aufheben' }).click();
    await expect(page.getByTestId('scatter-brushed')).toHaveCount(0);
    await expect.poll(async () => JSON.stringify(await mapPixels(page))).toBe(JSON.stringify(before));
  });
}
