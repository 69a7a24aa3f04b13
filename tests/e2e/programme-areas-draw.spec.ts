// Programme areas drawn on the map (issue 17, 1b) and edited (pa-edit): vertices set by clicking map
// pixels (lon/lat projected as the map fits Leipzig's bounds, checked by the tooltip first), undo,
// a crossing outline refused, a double click closes, the saved area is a level with an estimated
// value (Σ weight × residents of the Ortsteile it cuts, from the stored weights and the bundled
// values.csv), in the profile, kept across a reload; a union's members edited by clicking the map.
import { test, expect, type Page } from '@playwright/test';
import { expectOnlyOwnOrigin, waitForView, withoutBundledProgrammeAreas, residents2023 } from './helpers';

expectOnlyOwnOrigin(test);
withoutBundledProgrammeAreas(test);

const VIEW = './?site=leipzig&level=ortsteil&ind=einwohner&year=2023';
const LEIPZIG_BOUNDS: [number, number, number, number] = [12.23667, 51.23809, 12.54249, 51.44804];

/** Screen position of lon/lat on the map, which fits Leipzig's bounds with 24 px padding (Web Mercator). */
async function projector(page: Page): Promise<(lon: number, lat: number) => { x: number; y: number }> {
  const box = (await page.getByTestId('map').boundingBox())!;
  const mx = (lon: number) => (lon + 180) / 360;
  const my = (lat: number) => {
    const s = Math.sin((lat * Math.PI) / 180);
    return 0.5 - Math.log((1 + s) / (1 - s)) / (4 * Math.PI);
  };
  const [w, s, e, n] = LEIPZIG_BOUNDS;
  const scale = Math.min((box.width - 48) / (mx(e) - mx(w)), (box.height - 48) / (my(s) - my(n)));
  const cx = (mx(w) + mx(e)) / 2;
  const cy = (my(n) + my(s)) / 2;
  return (lon, lat) => ({ x: box.x + box.width / 2 + (mx(lon) - cx) * scale, y: box.y + box.height / 2 + (my(lat) - cy) * scale });
}

/** The stored programme areas (IndexedDB), as the app keeps them. */
function storedAreas(page: Page): Promise<{ id: string; name: string; members: string[]; weights?: Record<string, number>; areaShares?: Record<string, number>; geometry?: unknown }[]> {
  return page.evaluate(
    () =>
      new Promise((resolve, reject) => {
        const req = indexedDB.open('quartiersatlas-programmes');
        req.onerror = () => reject(req.error);
        req.onsuccess = () => {
          const all = req.result.transaction('programme-areas').objectStore('programme-areas').getAll();
          all.onsuccess = () => resolve(all.result);
          all.onerror = () => reject(all.error);
        };
      }),
  );
}

const de = (n: number) => Math.round(n).toLocaleString('de-DE');

test('draw a polygon over Zentrum, Zentrum-Ost and Zentrum-Südost: estimated figures, ranking, profile, reload, edit', async ({ page }) => {
  // (The first drawn area loads the Zensus grid into DuckDB for its population surface: slow on a busy machine.)
  test.setTimeout(120_000);
  await page.goto(VIEW);
  await waitForView(page, 'leipzig|ortsteil|einwohner|2023');
  const at = await projector(page);
  // The projection is right: the label point of Zentrum-Ost is in Zentrum-Ost.
  const ost = at(12.39189, 51.34561);
  await page.mouse.move(ost.x, ost.y);
  await expect(page.getByTestId('tooltip')).toContainText('Zentrum-Ost');

  await page.getByTestId('pa-new').click();
  await page.getByTestId('pa-draw').click();
  const state = page.getByTestId('pa-draw-state');
  await expect(state).toHaveAttribute('data-state', 'adding');

  // A bow tie is refused; Escape discards it.
  for (const [lon, lat] of [[12.37, 51.35], [12.40, 51.32], [12.40, 51.35], [12.37, 51.32]] as const) {
    const p = at(lon, lat);
    await page.mouse.click(p.x, p.y);
  }
  await expect(state).toHaveAttribute('data-vertices', '4');
  await page.getByTestId('pa-draw-finish').click();
  await expect(page.getByTestId('pa-draw-error')).toContainText('kreuzt sich selbst');
  await page.keyboard.press('Escape');
  await expect(state).toHaveAttribute('data-state', 'none');

  // Around the three: five vertices (one undone and set again), closed by a double click on the last.
  await page.getByTestId('pa-draw').click();
  await expect(state).toHaveAttribute('data-state', 'adding');
  const ring = [[12.368, 51.3505], [12.404, 51.3525], [12.405, 51.3185], [12.381, 51.3175], [12.366, 51.3345]] as const;
  for (const [lon, lat] of ring.slice(0, 4)) {
    const p = at(lon, lat);
    await page.mouse.click(p.x, p.y);
  }
  const stray = at(12.45, 51.30);
  await page.mouse.click(stray.x, stray.y);
  await expect(state).toHaveAttribute('data-vertices', '5');
  await page.getByTestId('pa-draw-undo').click();
  await expect(state).toHaveAttribute('data-vertices', '4');
  const last = at(...ring[4]);
  await page.mouse.dblclick(last.x, last.y);
  await expect(state).toHaveAttribute('data-state', 'closed');
  await expect(state).toHaveAttribute('data-vertices', '5');
  // map clicks while drawing selected nothing
  expect(page.url()).not.toContain('sel=');

  await page.getByTestId('pa-name').fill('Gezeichnetes Zentrum');
  await page.getByTestId('pa-programme').selectOption('thinka');
  await page.getByTestId('pa-start').fill('2024');
  await page.getByTestId('pa-save').click();
  await waitForView(page, 'leipzig|programmgebiet|einwohner|2023');

  const [area] = await storedAreas(page);
  expect(area!.name).toBe('Gezeichnetes Zentrum');
  expect(area!.members).toEqual(expect.arrayContaining(['00', '01', '02']));
  expect(Object.keys(area!.areaShares ?? {}).length).toBeGreaterThan(0);
  const ew = residents2023();
  const expected = area!.members.reduce((s, id) => s + (area!.weights?.[id] ?? 1) * ew.get(id)!, 0);
  expect(expected).toBeLessThan(area!.members.reduce((s, id) => s + ew.get(id)!, 0));

  await expect(page.getByTestId('ranking-row')).toHaveCount(1);
  await expect(page.getByTestId('ranking-row').first()).toContainText('Gezeichnetes Zentrum');
  await expect(page.getByTestId('ranking-row').first()).toContainText(de(expected));
  await expect(page.getByTestId('pa-item')).toHaveCount(1);
  await expect(page.getByTestId('pa-estimate')).toContainText(/geschätzt: \d+ % der Fläche von [A-ZÄÖÜ]/);
  // a drawn area travels in the project file, not in the URL
  await expect(page).not.toHaveURL(/pa=/);

  await page.goto(`./?site=leipzig&level=programmgebiet&ind=einwohner&year=2023&mode=profile&sel=${area!.id}`);
  await waitForView(page, 'leipzig|programmgebiet|einwohner|2023');
  await expect(page.getByTestId('profile')).toContainText('Gezeichnetes Zentrum');
  await expect(page.getByTestId('profile')).toContainText(de(expected));

  await page.goto('./?site=leipzig&level=programmgebiet&ind=einwohner&year=2023');
  await waitForView(page, 'leipzig|programmgebiet|einwohner|2023');
  await expect(page.getByTestId('pa-item')).toHaveCount(1);
  await expect(page.getByTestId('ranking-row').first()).toContainText(de(expected));

  // Edit the drawn area: its vertices are handles; dragging one outwards to the east changes the figures.
  await page.getByTestId('pa-edit').click();
  await expect(state).toHaveAttribute('data-state', 'closed');
  await expect(state).toHaveAttribute('data-vertices', '5');
  const from = at(...ring[1]);
  const to = at(12.43, 51.3525);
  await page.mouse.move(from.x, from.y);
  await page.mouse.down();
  await page.mouse.move(to.x, to.y, { steps: 8 });
  await page.mouse.up();
  await page.getByTestId('pa-save').click();
  await expect.poll(async () => (await storedAreas(page))[0]!.members.length).toBeGreaterThan(area!.members.length);
  const [moved] = await storedAreas(page);
  const after = moved!.members.reduce((s, id) => s + (moved!.weights?.[id] ?? 1) * ew.get(id)!, 0);
  await waitForView(page, 'leipzig|programmgebiet|einwohner|2023');
  await expect(page.getByTestId('ranking-row').first()).toContainText(de(after));
});

test('a union’s members edited by clicking the map: 00, 01 and a click on 02 → 23.784 residents', async ({ page }) => {
  await page.goto(VIEW);
  await waitForView(page, 'leipzig|ortsteil|einwohner|2023');
  const at = await projector(page);
  await page.getByTestId('pa-new').click();
  await page.getByTestId('pa-name').fill('Zentrum zu zweit');
  await page.getByTestId('pa-keys').fill('00, 01');
  await page.getByTestId('pa-save').click();
  await waitForView(page, 'leipzig|programmgebiet|einwohner|2023');
  await expect(page.getByTestId('ranking-row').first()).toContainText('7.962'); // 1,854 + 6,108

  await page.getByTestId('pa-edit').click();
  await waitForView(page, 'leipzig|ortsteil|einwohner|2023');
  await expect(page.getByTestId('pa-keys')).toHaveValue('00, 01');
  // Zentrum-Südost's label point: a click adds it (and selects nothing)
  const suedost = at(12.39201, 51.32555);
  await page.mouse.click(suedost.x, suedost.y);
  await expect(page.getByTestId('pa-keys')).toHaveValue('00, 01, 02');
  expect(page.url()).not.toContain('sel=');
  await page.getByTestId('pa-save').click();
  await waitForView(page, 'leipzig|programmgebiet|einwohner|2023');
  await expect(page.getByTestId('ranking-row').first()).toContainText('23.784');
  await expect(page.getByTestId('pa-item')).toHaveCount(1);
  await expect(page).toHaveURL(/pa=[^&]*00%252C01%252C02|pa=[^&]*00,01,02|pa=[^&]*00%2C01%2C02/);
});

test('shift-drag a box over the label points of 00, 01, 02: they are taken (and selected nothing); saved: 23.784 residents', async ({ page }) => {
  await page.goto(VIEW);
  await waitForView(page, 'leipzig|ortsteil|einwohner|2023');
  const at = await projector(page);
  await page.getByTestId('pa-new').click();
  await expect(page.getByTestId('pa-keys')).toHaveValue('');
  await expect(page.getByTestId('pa-form')).toHaveAttribute('data-box', 'on');
  const a = at(12.372, 51.348);
  const b = at(12.4, 51.32);
  await page.keyboard.down('Shift');
  await page.mouse.move(a.x, a.y);
  await page.mouse.down();
  await page.mouse.move(b.x, b.y, { steps: 10 });
  await expect(page.getByTestId('map-box')).toBeVisible();
  await page.mouse.up();
  await page.keyboard.up('Shift');
  await expect(page.getByTestId('pa-box-added')).toHaveAttribute('data-count', '3');
  await expect(page.getByTestId('pa-keys')).toHaveValue('00, 01, 02');
  await expect(page.getByTestId('map-box')).toHaveCount(0);
  expect(page.url()).not.toContain('sel=');
  await page.getByTestId('pa-name').fill('Zentrum (Rechteck)');
  await page.getByTestId('pa-save').click();
  await waitForView(page, 'leipzig|programmgebiet|einwohner|2023');
  await expect(page.getByTestId('ranking-row').first()).toContainText('23.784');
});
