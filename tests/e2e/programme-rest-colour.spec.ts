// Programme areas, the gaps closed by i17-rest: the rest lies in the area's Kreis ("übriger Landkreis
// Verden") in the compare table and the exports (level CSV/XLSX, overview XLSX), a colour per area (outline
// on the map by its pixels, list swatch, trend line, share link, reload), the lasso on the map against the
// shift-drag box, and the choice of a GeoPackage layer in the programme-area import. Expected figures come
// from the bundled values (values.csv; the Gemeinden: values/all.csv) read here.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { test, expect, type Page } from '@playwright/test';
import readXlsxFile from 'read-excel-file/node';
import { colorPixels, expectOnlyOwnOrigin, waitForView, withoutBundledProgrammeAreas } from './helpers';

expectOnlyOwnOrigin(test);

const PA = (color: string) => `pa=pa-e2e~Zentrum%2520Test~esf-plus~2021~00,01,02~${color}`;
const fixture = (name: string) => fileURLToPath(new URL(`../fixtures/import/${name}`, import.meta.url));

function csvRows(path: string): Record<string, string>[] {
  const [head, ...lines] = readFileSync(new URL(`../../data/${path}`, import.meta.url), 'utf8').trim().split(/\r?\n/);
  const split = (l: string) => l.match(/("[^"]*"|[^,]*)(,|$)/g)!.map((c) => c.replace(/,$/, '').replace(/^"|"$/g, ''));
  const cols = split(head!);
  return lines.map((l) => Object.fromEntries(split(l).map((c, i) => [cols[i]!, c])));
}

/** Kreis Verden without the bundled Sozialraum Nord: residents and foreigners (Zensus 2022). */
function verdenRest(): { residents: number; share: number } {
  const members = ['03361001', '03361002', '03361004', '03361008', '03361009', '03361010', '03361013'];
  let residents = 0;
  let foreigners = 0;
  for (const r of csvRows("gemeinden/values/all.csv")) {
    if (!r.area_id!.startsWith('03361') || members.includes(r.area_id!) || r.year !== '2022') continue;
    residents += Number(r.einwohner);
    foreigners += Number(r.auslaender_est);
  }
  return { residents, share: (foreigners / residents) * 100 };
}

const de = (v: number, decimals: number) => v.toLocaleString('de-DE', { minimumFractionDigits: decimals, maximumFractionDigits: decimals });

test.describe('the rest within the Kreis', () => {
  test('the Verden Sozialraum: compare shows "übriger Landkreis Verden" with Kreis − area; the CSV/XLSX of the level and the overview XLSX carry the rest', async ({ page }) => {
    test.setTimeout(150_000);
    const { residents, share } = verdenRest();
    await page.goto('./?site=gemeinden&level=programmgebiet&ind=einwohner&year=2022&mode=compare&sel=pa-ex-verden-nord');
    await waitForView(page, 'gemeinden|programmgebiet|einwohner|2022');
    await expect(page.getByTestId('compare-rest-head')).toHaveText('übriger Landkreis Verden');
    const row = page.locator('[data-testid="compare-row"][data-ind="einwohner"]');
    await expect(row.getByTestId('compare-rest')).toHaveText(de(residents, 0));

    // The level's CSV and XLSX: the rest's name and value beside the area.
    await page.getByTestId('export-open').click();
    let download = page.waitForEvent('download');
    await page.getByTestId('export-csv').click();
    const csv = readFileSync((await (await download).path())!).toString('utf8').slice(1).trim().split('\r\n').map((l) => l.split(';'));
    expect(csv[0]!.slice(4)).toEqual(['Rest im Bezugsgebiet', expect.stringMatching(/^übrige Stadt \/ übriger Kreis: Einwohner/)]);
    const line = csv.find((r) => r[0] === 'pa-ex-verden-nord')!;
    expect(line[4]).toBe('übriger Landkreis Verden');
    expect(Number(line[5]!.replace(/\./g, '').replace(',', '.'))).toBe(residents);
    download = page.waitForEvent('download');
    await page.getByTestId('export-xlsx').click();
    const [data] = await readXlsxFile((await (await download).path())!);
    const xrow = data!.data.find((r) => r[0] === 'pa-ex-verden-nord')!;
    expect(xrow[4]).toBe('übriger Landkreis Verden');
    expect(xrow[5]).toBe(residents);
    await page.keyboard.press('Escape');

    // The overview: its table and its XLSX have the column "übrige Stadt / übriger Kreis".
    await page.goto('./?site=leipzig&ind=auslaenderanteil&year=2023&mode=programmes');
    await waitForView(page, 'leipzig|ortsteil|auslaenderanteil|2023');
    const overview = page.getByTestId('pa-overview');
    // (the Gemeinden site is loaded into DuckDB for its Sozialraum: slow on a busy machine)
    await expect(overview).toHaveAttribute('data-ready', 'true', { timeout: 60_000 });
    const verden = overview.locator('[data-testid="pa-overview-row"][data-id="pa-ex-verden-nord"]').getByTestId('pa-overview-rest');
    await expect(verden).toContainText('übriger Landkreis Verden');
    expect(Number(await verden.getAttribute('data-value'))).toBeCloseTo(share, 9);
    download = page.waitForEvent('download');
    await overview.getByTestId('pa-overview-xlsx').click();
    const [sheet] = await readXlsxFile((await (await download).path())!);
    const head = sheet!.data[0]!;
    const nameCol = head.indexOf('Rest im Bezugsgebiet');
    const restCol = head.indexOf('übrige Stadt / übriger Kreis');
    expect(nameCol).toBeGreaterThan(0);
    const v = sheet!.data.find((r) => r[0] === 'Sozialraum Nord (LK Verden)')!;
    expect(v[nameCol]).toBe('übriger Landkreis Verden');
    expect(v[restCol] as number).toBeCloseTo(share, 9);
    expect(sheet!.data.find((r) => r[0] === 'Grünau')![nameCol]).toBe('übrige Stadt');
  });
});

test.describe('colour, lasso and GeoPackage layers', () => {
  withoutBundledProgrammeAreas(test);

  /** Pixels of the map in exactly this colour (the outline's core). */
  const pixels = async (page: Page, color: string) => (await colorPixels(page, [color]))[color] ?? 0;

  test('a colour chosen in the form outlines the area on the map, colours its swatch and trend line, and travels in the link and across a reload', async ({ page }) => {
    await page.goto(`./?site=leipzig&level=programmgebiet&ind=einwohner&year=2023&${PA('00ff00')}`);
    await waitForView(page, 'leipzig|programmgebiet|einwohner|2023');
    // The colour from the link outlines the union (pure green: no palette of the map has it).
    await expect.poll(() => pixels(page, '#00ff00'), { timeout: 10_000 }).toBeGreaterThan(100);
    expect(await pixels(page, '#1b9e77')).toBe(0);

    // Edit: a palette colour (Dark2's first) instead.
    const item = page.locator('[data-testid="pa-item"][data-id="pa-e2e"]');
    await item.getByTestId('pa-edit').click();
    const chip = page.locator('[data-testid="pa-color-chip"][data-color="#1b9e77"]');
    await expect(page.getByTestId('pa-color')).toHaveValue('#00ff00');
    await chip.click();
    await expect(chip).toHaveAttribute('aria-pressed', 'true');
    await expect(page.getByTestId('pa-color')).toHaveValue('#1b9e77');
    await page.getByTestId('pa-save').click();
    await waitForView(page, 'leipzig|programmgebiet|einwohner|2023');
    await expect(page).toHaveURL(/~1b9e77(&|$)/);
    await expect(item.locator('.swatch')).toHaveCSS('background-color', 'rgb(27, 158, 119)');
    // Selected after saving: the trend line has the colour (the selection outline is black).
    await expect(page.getByTestId('trend-chart').locator('[data-series="pa-e2e"]')).toHaveAttribute('stroke', '#1b9e77');
    await expect(page.getByTestId('trend-chart').locator('[data-series="rest:pa-e2e"]')).toHaveAttribute('stroke', '#1b9e77');

    // Own colour through the colour input; then kept in the browser: a reload without pa= shows it.
    await item.getByTestId('pa-edit').click();
    await page.getByTestId('pa-color').fill('#ff00ff');
    await page.getByTestId('pa-save').click();
    await expect(page).toHaveURL(/~f0f(&|$)/);
    // The form closes once the area is kept (IndexedDB written).
    await expect(page.getByTestId('pa-form')).toHaveCount(0);
    await expect(page.getByTestId('trend-chart').locator('[data-series="pa-e2e"]')).toHaveAttribute('stroke', '#ff00ff');
    await page.goto('./?site=leipzig&level=programmgebiet&ind=einwohner&year=2023');
    await waitForView(page, 'leipzig|programmgebiet|einwohner|2023');
    await expect(item.locator('.swatch')).toHaveCSS('background-color', 'rgb(255, 0, 255)');
    await expect.poll(() => pixels(page, '#ff00ff'), { timeout: 10_000 }).toBeGreaterThan(100);
    expect(await pixels(page, '#00ff00')).toBe(0);
  });

  test('the lasso takes the base areas the same box would take; Alt removes; Escape cancels', async ({ page }) => {
    await page.goto('./?site=leipzig&level=ortsteil&ind=einwohner&year=2023');
    await waitForView(page, 'leipzig|ortsteil|einwohner|2023');
    await page.getByTestId('pa-new').click();
    await expect(page.getByTestId('pa-form')).toHaveAttribute('data-box', 'on');
    const box = (await page.getByTestId('map').boundingBox())!;
    const cx = box.x + box.width / 2;
    const cy = box.y + box.height / 2;
    const [w, h] = [box.width / 5, box.height / 5];
    const keys = page.getByTestId('pa-keys');
    const ids = async () => (await keys.inputValue()).split(/[\s,]+/).filter(Boolean).sort();

    // The shift-drag box first.
    await page.keyboard.down('Shift');
    await page.mouse.move(cx - w, cy - h);
    await page.mouse.down();
    await page.mouse.move(cx, cy, { steps: 5 });
    await page.mouse.move(cx + w, cy + h, { steps: 5 });
    await page.mouse.up();
    await page.keyboard.up('Shift');
    await expect(page.getByTestId('pa-box-added')).toBeVisible();
    const byBox = await ids();
    expect(byBox.length).toBeGreaterThan(2);
    await keys.fill('');

    // The lasso along the same rectangle, as a free shape.
    await page.getByTestId('pa-lasso').click();
    await expect(page.getByTestId('pa-lasso')).toHaveAttribute('aria-pressed', 'true');
    const ring = [[cx - w, cy - h], [cx + w, cy - h], [cx + w, cy + h], [cx - w, cy + h], [cx - w, cy - h + 2]];
    await page.mouse.move(ring[0]![0]!, ring[0]![1]!);
    await page.mouse.down();
    for (const [x, y] of ring.slice(1)) await page.mouse.move(x!, y!, { steps: 8 });
    await page.mouse.up();
    await expect(page.getByTestId('pa-lasso-done')).toHaveAttribute('data-count', String(byBox.length));
    expect(await ids()).toEqual(byBox);
    await expect(page.getByTestId('pa-lasso')).toHaveAttribute('aria-pressed', 'false');
    // No area was selected by the drag's click.
    expect(page.url()).not.toMatch(/sel=/);

    // Alt: a triangle over the left half removes what lies in it.
    await page.getByTestId('pa-lasso').click();
    // Armed only once the lasso's code has loaded: a drag before that would pan the map.
    await expect(page.getByTestId('pa-lasso')).toHaveAttribute('aria-pressed', 'true');
    await page.keyboard.down('Alt');
    await page.mouse.move(cx - w - 5, cy - h - 5);
    await page.mouse.down();
    for (const [x, y] of [[cx, cy - h - 5], [cx, cy + h + 5], [cx - w - 5, cy + h + 5]]) await page.mouse.move(x!, y!, { steps: 8 });
    await page.mouse.up();
    await page.keyboard.up('Alt');
    await expect(page.getByTestId('pa-lasso-done')).toHaveAttribute('data-removed', 'true');
    const removed = Number(await page.getByTestId('pa-lasso-done').getAttribute('data-count'));
    expect(removed).toBeGreaterThan(0);
    expect((await ids()).length).toBe(byBox.length - removed);

    // Escape cancels: the next drag pans the map and takes nothing.
    const before = await ids();
    await page.getByTestId('pa-lasso').click();
    await expect(page.getByTestId('pa-lasso-hint')).toBeVisible();
    await page.keyboard.press('Escape');
    await expect(page.getByTestId('pa-lasso')).toHaveAttribute('aria-pressed', 'false');
    await page.mouse.move(cx - w, cy);
    await page.mouse.down();
    await page.mouse.move(cx + w, cy + h, { steps: 8 });
    await page.mouse.up();
    expect(await ids()).toEqual(before);
    await expect(page.locator('[data-testid="map-lasso"]')).toHaveCount(0);
  });

  test('a GeoPackage with two polygon layers: the layer is chosen in pa-import (10 Stadtbezirke instead of 63 Ortsteile)', async ({ page }) => {
    test.setTimeout(180_000);
    await page.goto('./?site=leipzig&level=ortsteil&ind=einwohner&year=2023');
    await waitForView(page, 'leipzig|ortsteil|einwohner|2023');
    await page.getByTestId('pa-import').setInputFiles(fixture('leipzig-ortsteile.gpkg'));
    const layer = page.getByTestId('pa-import-layer');
    await expect(layer).toHaveValue('ortsteile');
    await expect(page.getByTestId('pa-import-count')).toHaveAttribute('data-count', '63');
    await expect(layer.locator('option')).toHaveText(['Ortsteile Leipzig – Flächen (63)', 'Stadtbezirke Leipzig – Flächen (10)', 'Schulen – Punkte (13)']);
    await expect(layer.locator('option[value="schulen"]')).toBeDisabled();
    await layer.selectOption('stadtbezirke');
    await expect(page.getByTestId('pa-import-count')).toHaveAttribute('data-count', '10');
    await page.getByTestId('pa-import-save').click();
    await expect(page.getByTestId('pa-import-result')).toHaveAttribute('data-added', '10', { timeout: 120_000 });
    await expect(page.getByTestId('pa-item')).toHaveCount(10);
    await waitForView(page, 'leipzig|programmgebiet|einwohner|2023');
    await expect(page.getByTestId('ranking-row')).toHaveCount(10);
  });
});
