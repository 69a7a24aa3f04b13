// Programme areas from a file (issue 17, 1c): a GeoJSON written here from the real Ortsteil geometry
// (the outlines of Ortsteile 00+01+02 and of 10+11, and a point that is no area) and the real 7-digit
// UTM 32N shapefile of tests/fixtures/drop/, imported through `pa-import`: one programme area per
// polygon, named from the chosen attribute, shown in the ranking, the trend chart, the profile and the
// XLSX export, kept across a reload.
import { readFileSync } from 'node:fs';
import { test, expect, type Page } from '@playwright/test';
import { featureCollection, union } from '@turf/turf';
import type { Feature, FeatureCollection, MultiPolygon, Polygon } from 'geojson';
import readXlsxFile from 'read-excel-file/node';
import proj4 from 'proj4';
import { expectOnlyOwnOrigin, waitForView, withoutBundledProgrammeAreas, residents2023 } from './helpers';

expectOnlyOwnOrigin(test);
// These tests count the user's own programme areas.
withoutBundledProgrammeAreas(test);

const VIEW = './?site=leipzig&level=ortsteil&ind=einwohner&year=2023';
const ortsteile = JSON.parse(readFileSync(new URL('../../data/leipzig/ortsteil.geojson', import.meta.url), 'utf8')) as FeatureCollection<Polygon | MultiPolygon, { id: string; name: string }>;

/** The dissolved outline of the given Ortsteile (as a GIS would export a Fördergebiet made of them). */
function outline(ids: string[]): Polygon | MultiPolygon {
  const parts = ortsteile.features.filter((f) => ids.includes(f.properties.id));
  expect(parts).toHaveLength(ids.length);
  return parts.length === 1 ? parts[0]!.geometry : union(featureCollection(parts as Feature<Polygon | MultiPolygon>[]))!.geometry;
}

const de = (n: number) => n.toLocaleString('de-DE');

async function start(page: Page): Promise<void> {
  await page.goto(VIEW);
  await waitForView(page, 'leipzig|ortsteil|einwohner|2023');
  await expect(page.getByTestId('pa-import')).toBeAttached();
}

test('a GeoJSON of two Fördergebiete and a point: two programme areas named from "name", 23.784 residents, trend chart, profile, XLSX, reload', async ({ page }) => {
  test.setTimeout(180_000);
  const ew = residents2023();
  const mitte = ['00', '01', '02'].reduce((s, id) => s + ew.get(id)!, 0);
  expect(mitte).toBe(23_784);
  const nordwest = ['10', '11'].reduce((s, id) => s + ew.get(id)!, 0);
  const file = {
    type: 'FeatureCollection',
    features: [
      { type: 'Feature', properties: { nr: 'A1', name: 'Fördergebiet Mitte' }, geometry: outline(['00', '01', '02']) },
      { type: 'Feature', properties: { nr: 'P', name: 'Stadtteilbüro' }, geometry: { type: 'Point', coordinates: [12.375, 51.34] } },
      { type: 'Feature', properties: { nr: 'A2', name: 'Fördergebiet Nordwest' }, geometry: outline(['10', '11']) },
    ],
  };
  await start(page);
  await page.getByTestId('pa-import').setInputFiles({ name: 'foerdergebiete.geojson', mimeType: 'application/geo+json', buffer: Buffer.from(JSON.stringify(file)) });
  await expect(page.getByTestId('pa-import-count')).toHaveAttribute('data-count', '2');
  await expect(page.getByTestId('pa-import-skipped')).toContainText('Objekt 2 (Point)');
  await expect(page.getByTestId('pa-import-name')).toHaveValue('name');
  await page.getByTestId('pa-import-programme').selectOption('soziale-stadt');
  await page.getByTestId('pa-import-start').fill('2020');
  await page.getByTestId('pa-import-save').click();
  await expect(page.getByTestId('pa-import-result')).toHaveAttribute('data-added', '2');
  await expect(page.getByTestId('pa-import-problem')).toHaveCount(0);
  await waitForView(page, 'leipzig|programmgebiet|einwohner|2023');

  const items = page.getByTestId('pa-item');
  await expect(items).toHaveCount(2);
  await expect(items.nth(0).getByTestId('pa-rename')).toHaveValue('Fördergebiet Mitte');
  await expect(items.nth(1).getByTestId('pa-rename')).toHaveValue('Fördergebiet Nordwest');
  // whole Ortsteile: exact, nothing estimated
  await expect(page.getByTestId('pa-estimate')).toHaveCount(0);
  const id = (await items.nth(0).getAttribute('data-id'))!;
  const row = page.locator(`[data-testid="ranking-row"][data-id="${id}"]`);
  await expect(row).toContainText('Fördergebiet Mitte');
  await expect(row).toContainText('23.784');
  await expect(row.getByTestId('ranking-estimated')).toHaveCount(0);
  await expect(page.getByTestId('ranking-row').filter({ hasText: 'Fördergebiet Nordwest' })).toContainText(de(nordwest));
  // the first is selected: the trend chart compares it with the city
  await expect(page).toHaveURL(new RegExp(`sel=${id}`));
  const chart = page.getByTestId('trend-chart');
  await expect(chart).toBeVisible();
  await expect(chart).toContainText('Fördergebiet Mitte');
  await expect(chart).toContainText('Leipzig');

  // the XLSX export of the programme level lists both with their residents
  await page.getByTestId('export-open').click();
  const download = page.waitForEvent('download');
  await page.getByTestId('export-xlsx').click();
  const sheets = await readXlsxFile((await (await download).path())!);
  const data = sheets[0]!.data;
  const mitteRow = data.find((r) => r[1] === 'Fördergebiet Mitte');
  expect(mitteRow).toBeDefined();
  expect(mitteRow![0]).toBe(id);
  expect(mitteRow![3]).toBe(23_784);
  expect(data.find((r) => r[1] === 'Fördergebiet Nordwest')?.[3]).toBe(nordwest);
  expect(sheets[1]!.data.map((r) => r.join(' | ')).join('\n')).toContain('Lizenz');
  await page.keyboard.press('Escape');

  await page.goto(`./?site=leipzig&level=programmgebiet&ind=einwohner&year=2023&mode=profile&sel=${id}`);
  await waitForView(page, 'leipzig|programmgebiet|einwohner|2023');
  await expect(page.getByTestId('profile')).toContainText('Fördergebiet Mitte');
  await expect(page.getByTestId('profile')).toContainText('23.784');

  // a reload keeps them (IndexedDB: imported polygons travel in the project file, not in the URL)
  await page.goto('./?site=leipzig&level=programmgebiet&ind=einwohner&year=2023');
  await waitForView(page, 'leipzig|programmgebiet|einwohner|2023');
  await expect(page).not.toHaveURL(/pa=/);
  await expect(page.getByTestId('pa-item')).toHaveCount(2);
  await expect(page.locator(`[data-testid="ranking-row"][data-id="${id}"]`)).toContainText('23.784');
});

test('a real 7-digit UTM 32N shapefile given as its parts: 63 programme areas named by OT_NAME, each with its Ortsteil’s residents', async ({ page }) => {
  test.setTimeout(240_000);
  const dir = new URL('../fixtures/drop/', import.meta.url);
  const parts = ['shp', 'shx', 'dbf', 'prj', 'cpg'].map((e) => ({ name: `Stadtteile_UTM32_7stellig.${e}`, mimeType: 'application/octet-stream', buffer: readFileSync(new URL(`Stadtteile_UTM32_7stellig.${e}`, dir)) }));
  await start(page);
  await page.getByTestId('pa-import').setInputFiles(parts);
  await expect(page.getByTestId('pa-import-count')).toHaveAttribute('data-count', '63');
  await expect(page.getByTestId('pa-import-name')).toHaveValue('OT_NAME');
  const t0 = Date.now();
  await page.getByTestId('pa-import-save').click();
  await expect(page.getByTestId('pa-import-result')).toHaveAttribute('data-added', '63', { timeout: 200_000 });
  console.info(`63 Ortsteile from a shapefile as programme areas: ${Date.now() - t0} ms from pa-import-save to the result`);
  await waitForView(page, 'leipzig|programmgebiet|einwohner|2023');
  await expect(page.getByTestId('ranking-row')).toHaveCount(63);
  const ew = residents2023();
  await expect(page.getByTestId('ranking-row').filter({ hasText: 'Zentrum-Südost' })).toContainText(de(ew.get('02')!));
  await expect(page.getByTestId('ranking-row').filter({ hasText: 'Grünau-Mitte' })).toContainText(de(ew.get(ortsteile.features.find((f) => f.properties.name === 'Grünau-Mitte')!.properties.id)!));
  await expect(page.getByTestId('ranking-estimated')).toHaveCount(0);
});

test('UTM coordinates without a coordinate system: refused with the likely system named, nothing created', async ({ page }) => {
  const utm = proj4('EPSG:4326', '+proj=utm +zone=33 +ellps=GRS80 +towgs84=0,0,0,0,0,0,0 +units=m +no_defs');
  const geometry = JSON.parse(JSON.stringify(outline(['00'])), (_k, v) => (Array.isArray(v) && v.length === 2 && typeof v[0] === 'number' ? utm.forward(v as [number, number]) : v));
  await start(page);
  const file = { type: 'FeatureCollection', features: [{ type: 'Feature', properties: { name: 'Zentrum' }, geometry }] };
  await page.getByTestId('pa-import').setInputFiles({ name: 'ohne-crs.geojson', mimeType: 'application/geo+json', buffer: Buffer.from(JSON.stringify(file)) });
  const error = page.getByTestId('pa-import-error');
  await expect(error).toContainText('ohne-crs.geojson: Das Koordinatensystem ist nicht sicher bekannt (vermutlich');
  await expect(error).toContainText('UTM');
  await expect(page.getByTestId('pa-import-save')).toHaveCount(0);
  await expect(page.getByTestId('pa-item')).toHaveCount(0);
  await page.getByTestId('pa-import-close').click();
  await expect(page.getByTestId('pa-import-form')).toHaveCount(0);
});
