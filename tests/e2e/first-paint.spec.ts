import { readFileSync } from 'node:fs';
import { test, expect } from '@playwright/test';
import { pointOnFeature } from '@turf/turf';
import type { Feature, FeatureCollection, Polygon, MultiPolygon } from 'geojson';
import { fittedProjection } from '../../src/lib/map/first-paint';
import { expectOnlyOwnOrigin, waitForView } from './helpers';
import { catchFirstPaint, catalogSites, compareFirstPaint } from './first-paint-catch';

expectOnlyOwnOrigin(test);

const leipzig = catalogSites.find((s) => s.id === 'leipzig')!;
const ortsteile = JSON.parse(readFileSync(new URL('../../data/leipzig/ortsteil.geojson', import.meta.url), 'utf8')) as FeatureCollection<Polygon | MultiPolygon>;

test('the first paint shows the real first view at once, and MapLibre takes over with the same colours in the same place', async ({ page }) => {
  await catchFirstPaint(page);
  await page.goto('./?site=leipzig');
  await waitForView(page, 'leipzig|ortsteil|arbeitslosenanteil|2022');
  const marks = await page.evaluate(() => Object.fromEntries(performance.getEntriesByType('mark').map((m) => [m.name, m.startTime])));
  // The first coloured map is the first paint, before MapLibre's.
  expect(marks['atlas:first-map']).toBeLessThan(marks['atlas:first-maplibre-map']!);
  // Gone once MapLibre has drawn: nothing of it stays over the live map.
  await expect(page.getByTestId('first-paint')).toHaveCount(0);
  const box = await page.getByTestId('map').evaluate((el) => [el.clientWidth, el.clientHeight]);
  const project = fittedProjection(leipzig.bounds, box[0]!, box[1]!);
  const features = (ortsteile.features as Feature<Polygon | MultiPolygon>[]).slice(0, 20);
  const points = features.map((f) => project(...(pointOnFeature(f).geometry.coordinates as [number, number])));
  const found = await compareFirstPaint(page, points, { cross: 3, tolerance: 24 });
  expect(found, 'the first paint was drawn').not.toBeNull();
  const { size, extents, at } = found!;
  expect(size[0]).toEqual(size[1]);

  // Same extent (no jump): the areas' box within 2 px on every side.
  for (const side of ['left', 'top', 'right', 'bottom'] as const) expect(Math.abs(extents[0]![side] - extents[1]![side]), side).toBeLessThanOrEqual(2);
  expect(extents[1]!.right - extents[1]!.left).toBeGreaterThan(300);

  // Same colours at the label points of 5 Ortsteile (well inside their area), and they are the legend's class colours.
  const legend = await page.getByTestId('legend-class').evaluateAll((els) => els.map((el) => el.getAttribute('data-color')!.toLowerCase()));
  expect(legend.length).toBe(5);
  const inside = at.map((colors, i) => ({ colors, name: String(features[i]!.properties?.name) })).filter(({ colors }) => new Set(colors.slice(0, 5)).size === 1).slice(0, 5);
  expect(inside.length).toBe(5);
  for (const { colors, name } of inside) {
    expect(colors[5], `${name}: MapLibre's colour where the first paint had ${colors[0]}`).toBe(colors[0]);
    expect(legend).toContain(colors[0]);
  }
  expect(new Set(inside.map(({ colors }) => colors[0])).size).toBeGreaterThan(1);
});

test('a link to another view waits for MapLibre: no first paint of the wrong values', async ({ page }) => {
  await catchFirstPaint(page);
  await page.goto('./?site=leipzig&ind=einwohner&year=2015');
  await waitForView(page, 'leipzig|ortsteil|einwohner|2015');
  expect(await page.evaluate(() => (window as unknown as { __firstPaint?: ImageData }).__firstPaint ?? null)).toBeNull();
  const marks = await page.evaluate(() => Object.fromEntries(performance.getEntriesByType('mark').map((m) => [m.name, m.startTime])));
  expect(marks['atlas:first-map']).toBeDefined();
  expect(Math.abs(marks['atlas:first-map']! - marks['atlas:first-maplibre-map']!)).toBeLessThan(1);
});
