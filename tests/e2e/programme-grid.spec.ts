// A ThINKA neighbourhood drawn over the Zensus grid (issue 17, "Done when"): drawn on the map of the
// whole grid, it is shown over the grid's cells (muted, beneath its translucent fill: the map canvas
// holds many cell colours inside and around it, not one flat fill on the background), "Anzeigen"
// fits the map to it, the search finds it, and the profile compares it with its town — the
// Gemeinde Leipzig, estimated from the cells whose centre lies in it — while the trend panel says
// that the grid has one year only.
import { test, expect, type Page } from '@playwright/test';
import { expectOnlyOwnOrigin, waitForView } from './helpers';

expectOnlyOwnOrigin(test);

const VIEW = './?site=zensus-grid&level=zelle&ind=einwohner&year=2011';
/** The grid site's bounds (catalog.json), which the first map fits with 24 px padding. */
const GRID_BOUNDS: [number, number, number, number] = [5.8, 47.2, 15.1, 55.1];
const BACKGROUND = [0xf3, 0xf1, 0xec];

const mx = (lon: number) => (lon + 180) / 360;
const my = (lat: number) => {
  const s = Math.sin((lat * Math.PI) / 180);
  return 0.5 - Math.log((1 + s) / (1 - s)) / (4 * Math.PI);
};

/** Screen position of lon/lat on a map that fits `bounds` with `padding` (Web Mercator). */
async function projector(page: Page, bounds: readonly number[], padding: number): Promise<(lon: number, lat: number) => { x: number; y: number }> {
  const box = (await page.getByTestId('map').boundingBox())!;
  const [w, s, e, n] = bounds as [number, number, number, number];
  const scale = Math.min((box.width - 2 * padding) / (mx(e) - mx(w)), (box.height - 2 * padding) / (my(s) - my(n)));
  const cx = (mx(w) + mx(e)) / 2;
  const cy = (my(n) + my(s)) / 2;
  return (lon, lat) => ({ x: box.x + box.width / 2 + (mx(lon) - cx) * scale, y: box.y + box.height / 2 + (my(lat) - cy) * scale });
}

/**
 * Pixels of MapLibre's canvas (the cells beneath programme areas are drawn into it) within a box of
 * CSS pixels relative to the map: how many differ from the background, and how many distinct colours.
 */
function canvasPixels(page: Page, box: { x: number; y: number; w: number; h: number }): Promise<{ total: number; notBackground: number; colours: number }> {
  return page.evaluate(
    ({ box, bg }) => {
      const canvas = document.querySelector<HTMLCanvasElement>('[data-testid="map"] canvas.maplibregl-canvas')!;
      const off = document.createElement('canvas');
      off.width = canvas.width;
      off.height = canvas.height;
      const ctx = off.getContext('2d')!;
      ctx.drawImage(canvas, 0, 0);
      const k = canvas.width / canvas.clientWidth;
      const { data } = ctx.getImageData(Math.round(box.x * k), Math.round(box.y * k), Math.round(box.w * k), Math.round(box.h * k));
      let notBackground = 0;
      const colours = new Set<number>();
      for (let i = 0; i < data.length; i += 4) {
        const [r, g, b] = [data[i]!, data[i + 1]!, data[i + 2]!];
        if (Math.abs(r - bg[0]!) + Math.abs(g - bg[1]!) + Math.abs(b - bg[2]!) > 6) notBackground++;
        colours.add((r << 16) | (g << 8) | b);
      }
      return { total: data.length / 4, notBackground, colours: colours.size };
    },
    { box, bg: BACKGROUND },
  );
}

test('a neighbourhood drawn over the grid: cells beneath it, zoom to it, found by the search, compared with its town', async ({ page }) => {
  test.setTimeout(180_000);
  await page.goto(VIEW);
  await waitForView(page, 'zensus-grid|zelle|einwohner|2011');
  const at = await projector(page, GRID_BOUNDS, 24);

  // Leipzig's centre, about 14 × 11 km (drawn at the scale of Germany: a few dozen pixels).
  await page.getByTestId('pa-new').click();
  await page.getByTestId('pa-draw').click();
  const state = page.getByTestId('pa-draw-state');
  await expect(state).toHaveAttribute('data-state', 'adding');
  for (const [lon, lat] of [[12.30, 51.30], [12.46, 51.30], [12.46, 51.40], [12.30, 51.40]] as const) {
    const p = at(lon, lat);
    await page.mouse.click(p.x, p.y);
  }
  await expect(state).toHaveAttribute('data-vertices', '4');
  await page.getByTestId('pa-draw-finish').click();
  await expect(state).toHaveAttribute('data-state', 'closed');
  await page.getByTestId('pa-name').fill('ThINKA Leipzig-Mitte');
  await page.getByTestId('pa-programme').selectOption('thinka');
  await page.getByTestId('pa-save').click();
  await waitForView(page, 'zensus-grid|programmgebiet|einwohner|2011');
  const item = page.getByTestId('pa-item');
  await expect(item).toHaveCount(1);
  const id = (await item.getAttribute('data-id'))!;
  await expect(page.locator(`[data-testid="ranking-row"][data-id="${id}"]`)).toContainText('ThINKA Leipzig-Mitte');

  // The cells are drawn beneath the programme level: much of central Germany is not background
  // (before, only the one small polygon was; cells under 3 residents are not in the grid), in many shades.
  const map = (await page.getByTestId('map').boundingBox())!;
  const centre = { x: at(10.4, 51.2).x - map.x - 60, y: at(10.4, 51.2).y - map.y - 60, w: 120, h: 120 };
  await expect.poll(async () => (await canvasPixels(page, centre)).notBackground / (await canvasPixels(page, centre)).total, { timeout: 30_000 }).toBeGreaterThan(0.25);
  expect((await canvasPixels(page, centre)).colours).toBeGreaterThan(3);
  await expect(page.getByTestId('legend-grid-context')).toContainText('Einwohner der 1-km-Gitterzellen');
  if (process.env.E2E_SHOTS) await page.screenshot({ path: `${process.env.E2E_SHOTS}/grid-programme-germany.png` });

  // "Anzeigen" fits the map to the area: then it fills the middle of the map, its translucent fill
  // over the cells shows many colours (cells of different classes), none of it the background.
  await item.getByTestId('pa-show').click();
  await waitForView(page, 'zensus-grid|programmgebiet|einwohner|2011');
  const fitted = await projector(page, [12.30, 51.30, 12.46, 51.40], 60);
  const inside = fitted(12.38, 51.35);
  const [nw, se] = [fitted(12.30, 51.40), fitted(12.46, 51.30)];
  const mid = { x: nw.x - map.x + 8, y: nw.y - map.y + 8, w: se.x - nw.x - 16, h: se.y - nw.y - 16 };
  expect(mid.w).toBeGreaterThan(200);
  if (process.env.E2E_SHOTS) await page.screenshot({ path: `${process.env.E2E_SHOTS}/grid-programme-fitted.png` });
  await expect.poll(async () => (await canvasPixels(page, mid)).colours, { timeout: 15_000 }).toBeGreaterThan(3);
  const pixels = await canvasPixels(page, mid);
  expect(pixels.notBackground).toBe(pixels.total);
  // The area is hoverable on top of the cells: the tooltip names it.
  await page.mouse.move(inside.x, inside.y);
  await expect(page.getByTestId('tooltip')).toContainText('ThINKA Leipzig-Mitte');

  // The search finds it.
  await page.getByTestId('area-search').fill('ThINKA Leip');
  await expect(page.getByTestId('area-search-hit').first()).toContainText('ThINKA Leipzig-Mitte');

  // The profile compares it with its town, Leipzig, from the cells whose centre lies in the Gemeinde.
  await page.goto(`./?site=zensus-grid&level=programmgebiet&ind=einwohner&year=2011&mode=profile&sel=${id}`);
  await waitForView(page, 'zensus-grid|programmgebiet|einwohner|2011');
  await expect(page.getByTestId('profile-town-head')).toContainText('Leipzig');
  await expect(page.getByTestId('profile-town-head')).toHaveAttribute('title', /Mittelpunkt in der Gemeinde/);
  const town = page.locator('[data-testid="profile-row"][data-ind="einwohner"] [data-testid="profile-town"]');
  await expect(town).toHaveText(/^\d{3}\.\d{3}$/);
  const townText = (await town.textContent())!;
  const townResidents = Number(townText.replace(/\./g, ''));
  expect(townResidents).toBeGreaterThan(450_000);
  expect(townResidents).toBeLessThan(560_000);
  const own = Number((await page.locator('[data-testid="profile-row"][data-ind="einwohner"] [data-testid="profile-value"]').textContent())!.replace(/\./g, ''));
  expect(own).toBeGreaterThan(50_000);
  expect(own).toBeLessThan(townResidents);
  await expect(page.getByTestId('profile-town-note')).toContainText(/Leipzig.*1-km-Gitterzellen/);
  // One year only: the trend panel says so instead of an empty chart.
  await expect(page.getByTestId('trend-one-year')).toContainText('nur ein Jahr (2011)');

  // The compare table has the town as a column too, with the same residents.
  await page.goto(`./?site=zensus-grid&level=programmgebiet&ind=einwohner&year=2011&mode=compare&sel=${id}`);
  await waitForView(page, 'zensus-grid|programmgebiet|einwohner|2011');
  await expect(page.getByTestId('compare-town-head')).toContainText('Leipzig');
  await expect(page.locator('[data-testid="compare-row"][data-ind="einwohner"] [data-testid="compare-town"]')).toHaveText(townText);
});
