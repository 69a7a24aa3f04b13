import { readFileSync } from 'node:fs';
import { test, expect } from '@playwright/test';
import { pointOnFeature } from '@turf/turf';
import type { Feature, FeatureCollection, MultiPolygon, Polygon } from 'geojson';
import { fittedProjection } from '../../src/lib/map/first-paint';
import { expectOnlyOwnOrigin, waitForView } from './helpers';
import { catchFirstPaint, catalogSites, compareFirstPaint } from './first-paint-catch';

// The first paint of a tiled level (the Gemeinden, 10,786 areas from data/gemeinden/gemeinde.pmtiles): the
// tiles MapLibre reads for the first camera, drawn on a 2D canvas before MapLibre has loaded; MapLibre's
// first frame must show the same picture (no jump, same colours) and the map works as before afterwards.
expectOnlyOwnOrigin(test);

const gemeinden = catalogSites.find((s) => s.id === 'gemeinden')!;
const geometry = JSON.parse(readFileSync(new URL('../../data/gemeinden/gemeinde.geojson', import.meta.url), 'utf8')) as FeatureCollection<Polygon | MultiPolygon>;

test('Gemeinden: the first paint draws the tiles before MapLibre, and MapLibre takes over with the same picture', async ({ page }) => {
  const archiveRequests: string[] = [];
  page.on('request', (req) => {
    if (/\/gemeinde-[\w-]+\.pmtiles$/.test(new URL(req.url()).pathname)) archiveRequests.push(req.headers()['range'] ?? 'whole');
  });
  await catchFirstPaint(page);
  await page.goto('./?site=gemeinden');
  await waitForView(page, 'gemeinden|gemeinde|auslaenderanteil|2022');
  const marks = await page.evaluate(() => Object.fromEntries(performance.getEntriesByType('mark').map((m) => [m.name, m.startTime])));
  // The first coloured map is the first paint, drawn before MapLibre was even created.
  expect(marks['atlas:first-map']).toBeLessThan(marks['atlas:maplibre-created']!);
  expect(marks['atlas:first-map']).toBeLessThan(marks['atlas:first-maplibre-map']!);
  await expect(page.getByTestId('first-paint')).toHaveCount(0);
  // The tiles were read once: MapLibre got the first paint's tiles from it (header, root directory and
  // 4 tiles of z5 at this size: no range twice), all of them ranges of the archive.
  expect(archiveRequests.every((r) => /^bytes=\d+-\d+$/.test(r))).toBe(true);
  expect(new Set(archiveRequests).size).toBe(archiveRequests.length);
  // MapLibre's first frame needed no tile the first paint had not read: every read of the archive
  // had started before the first paint was shown.
  const reads = await page.evaluate(() => performance.getEntriesByType('resource').filter((e) => /\/gemeinde-[\w-]+\.pmtiles$/.test(new URL(e.name).pathname)).map((e) => e.startTime));
  expect(reads.length).toBeGreaterThanOrEqual(3);
  for (const at of reads) expect(at).toBeLessThan(marks['atlas:first-map']!);

  const box = await page.getByTestId('map').evaluate((el) => [el.clientWidth, el.clientHeight]);
  const project = fittedProjection(gemeinden.bounds, box[0]!, box[1]!);
  // The larger Gemeinden (at least 12 px both ways here; most are 3–6 px wide at the national view).
  const extentOf = (f: Feature<Polygon | MultiPolygon>) => {
    const rings = f.geometry.type === 'Polygon' ? f.geometry.coordinates : f.geometry.coordinates.flat();
    const xy = rings.flat().map(([lng, lat]) => project(lng!, lat!));
    return Math.min(Math.max(...xy.map((p) => p[0])) - Math.min(...xy.map((p) => p[0])), Math.max(...xy.map((p) => p[1])) - Math.min(...xy.map((p) => p[1])));
  };
  const features = (geometry.features as Feature<Polygon | MultiPolygon>[]).filter((f) => extentOf(f) >= 12);
  const points = features.map((f) => project(...(pointOnFeature(f).geometry.coordinates as [number, number])));
  const found = await compareFirstPaint(page, points, { cross: 2, tolerance: 24 });
  expect(found, 'the first paint was drawn').not.toBeNull();
  const { size, extents, at, differing, total } = found!;
  expect(size[0]).toEqual(size[1]);

  // Same extent (no jump): the areas' box within 2 px on every side, and it spans Germany.
  for (const side of ['left', 'top', 'right', 'bottom'] as const) expect(Math.abs(extents[0]![side] - extents[1]![side]), side).toBeLessThanOrEqual(2);
  expect(extents[1]!.bottom - extents[1]!.top).toBeGreaterThan(400);

  // Same colours where an area fills the 2 px around its label point (small areas are a few px wide
  // here), and they are the legend's class colours or the missing grey.
  const legend = await page.getByTestId('legend-class').evaluateAll((els) => els.map((el) => el.getAttribute('data-color')!.toLowerCase()));
  expect(legend.length).toBeGreaterThanOrEqual(5);
  const inside = at.filter((colors) => new Set(colors.slice(0, 5)).size === 1);
  expect(inside.length).toBeGreaterThan(100);
  const same = inside.filter((colors) => colors[5] === colors[0]);
  expect(same.length / inside.length).toBeGreaterThanOrEqual(0.98);
  expect(new Set(same.map((c) => c[0])).size).toBeGreaterThanOrEqual(4);
  expect(same.filter((c) => legend.includes(c[0]!)).length / same.length).toBeGreaterThan(0.9);
  // The whole picture: outlines are anti-aliased differently by the two renderers, the fills must agree.
  expect(differing / total).toBeLessThan(0.1);

  // After the takeover the map is MapLibre's: hover names the Gemeinde under the pointer, a switch recolours.
  const mapBox = (await page.getByTestId('map').boundingBox())!;
  const [lx, ly] = points[inside.length > 0 ? at.indexOf(inside[0]!) : 0]!;
  await page.mouse.move(mapBox.x + lx!, mapBox.y + ly!);
  await expect(page.getByTestId('tooltip')).toContainText(String(features[at.indexOf(inside[0]!)]!.properties!.name));
  await page.getByTestId('indicator-select').selectOption('leerstandsquote');
  await waitForView(page, 'gemeinden|gemeinde|leerstandsquote|');
  const after = await page.getByTestId('legend-class').evaluateAll((els) => els.map((el) => el.getAttribute('data-color')!.toLowerCase()));
  expect(after.length).toBeGreaterThanOrEqual(3);
});
