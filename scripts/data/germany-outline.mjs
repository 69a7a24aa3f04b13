// Germany's outline for the import's location check (src/lib/io/import/location-check.ts), built
// from the bundled Länder and Germany of the Kreise site (data/kreise/, written by kreise.mjs before):
//  - `margin`: Germany (the union of the Länder) grown by GERMANY_MARGIN_KM with turf.buffer (in
//    kilometres on the ground), then simplified to ~1 km; an import whose positions lie inside it
//    lies "in Germany" (the margin keeps border towns and islands inside whatever their generalisation).
//  - `laender`: the 16 Länder simplified to ~5 km with shared borders kept together, for naming the
//    Land an import lies in and for the small overview map of the import dialog.
// Small enough (< 30 KB) to be bundled with the import dialog's code.
import fs from 'node:fs';
import path from 'node:path';
import * as turf from '@turf/turf';
import { geometryPath } from '../../src/lib/data/site-package.js';
import { cleanGeometry, shapeStats } from '../lib/geo.mjs';
import { simplifySharedBoundaries } from '../lib/topo-simplify.mjs';
import { OUT, write } from '../lib/site-output.mjs';

export const GERMANY_OUTLINE_FILE = 'germany-outline.json';
export const GERMANY_MARGIN_KM = 25;
/** Douglas–Peucker tolerances in degrees: ~1 km for the margin, ~5 km for the Länder. */
export const MARGIN_TOLERANCE = 0.01;
export const LAENDER_TOLERANCE = 0.05;

const readGeoJson = (rel) => JSON.parse(fs.readFileSync(path.join(OUT, rel), 'utf8'));

export function buildGermanyOutline() {
  const land = readGeoJson(geometryPath('kreise', 'land'));
  const bund = readGeoJson(geometryPath('kreise', 'bund'));
  if (land.features.length !== 16 || bund.features.length !== 1) throw new Error('germany-outline: expected 16 Länder and 1 Germany');

  // steps: points per quarter circle of the buffer's round corners.
  const grown = turf.buffer(bund.features[0], GERMANY_MARGIN_KM, { units: 'kilometers', steps: 8 });
  const simplified = turf.simplify(grown, { tolerance: MARGIN_TOLERANCE, highQuality: true });
  // Holes of the grown outline below 100 km² are artefacts of the buffer (Germany has none that large).
  const margin = cleanGeometry(simplified.geometry, { decimals: 3, minHoleKm2: 100 });

  const shared = simplifySharedBoundaries(land.features, LAENDER_TOLERANCE);
  const laender = land.features.map((f, i) => ({
    id: f.properties.id,
    name: f.properties.name,
    geometry: cleanGeometry(shared.geometries[i], { decimals: 2 }).geometry,
  }));

  const text =
    `{"source":"bkg-vg5000","marginKm":${GERMANY_MARGIN_KM},\n` +
    `"margin":${JSON.stringify(margin.geometry)},\n` +
    `"laender":[\n${laender.map((l) => JSON.stringify(l)).join(',\n')}\n]}\n`;
  write(GERMANY_OUTLINE_FILE, text);
  return {
    bytes: Buffer.byteLength(text),
    margin: { ...shapeStats(margin.geometry), removedHoles: margin.removedHoles.length, areaKm2: Math.round(turf.area(margin.geometry) / 1e6) },
    laender: shared.stats,
  };
}
