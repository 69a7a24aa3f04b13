// Writing the bundled sites for scripts/prepare-data.mjs: the site package files (in the format of
// src/lib/data/site-package.js), the checks of a catalog entry, and the list of files written.
import fs from 'node:fs';
import path from 'node:path';
import * as turf from '@turf/turf';
import { areasCsv, firstViewJson, valuesCsv, valuePartsTablePath, VALUE_PARTS_MIN_AREAS } from '../../src/lib/data/site-package.js';
import { valueParts } from './value-parts.mjs';
import { cmpStr } from './format.mjs';
import { SOURCES } from './meta/sources.mjs';
import { ROOT } from './source-input.mjs';

export const OUT = path.join(ROOT, 'data');
/** The bundled data must be plain reproducible text: no exponents, no NaN. */
export const STRICT = Object.freeze({ strict: true });

/** Files written so far, relative to the repository (for the summary). */
export const written = [];

/** Writes `text` to `rel` under `base` (data/ unless given). */
export function write(rel, text, base = OUT) {
  const p = path.join(base, rel);
  fs.mkdirSync(path.dirname(p), { recursive: true });
  fs.writeFileSync(p, text);
  written.push(path.relative(ROOT, p));
}

/** A label point inside each area (for glyphs such as the trend arrows), 5 decimals. */
export function labelPoint(geometry) {
  const [lon, lat] = turf.pointOnFeature({ type: 'Feature', properties: {}, geometry }).geometry.coordinates;
  return { lon: Math.round(lon * 1e5) / 1e5, lat: Math.round(lat * 1e5) / 1e5 };
}

/** areas.csv of a site (rows: {id, name, level, parent, lon, lat}). */
export function writeAreas(file, areas) {
  write(file, areasCsv(areas, STRICT));
}

/** values.csv of a site (rows: {id, year, rec}, rec = value per column). */
export function writeValues(file, columns, valueRows) {
  write(file, valuesCsv(columns, valueRows.map(({ id, year, rec }) => ({ areaId: id, year, values: rec })), STRICT));
}

/**
 * A site's values: values.csv at site.values, or — when its base level has more than
 * VALUE_PARTS_MIN_AREAS areas — one Parquet file per indicator (site.valueParts) and the wide
 * table at <dir>/values/all.csv (site.values; for checks, the app does not load it).
 */
export function writeSiteValues(site, dir, columns, valueRows) {
  if (site.levels[0].count <= VALUE_PARTS_MIN_AREAS) {
    writeValues(site.values, columns, valueRows);
    return;
  }
  site.values = valuePartsTablePath(dir);
  writeValues(site.values, columns, valueRows);
  const rows = valueRows.map(({ id, year, rec }) => ({ areaId: id, year, values: rec }));
  const parts = valueParts(dir, site.indicators, rows);
  for (const [file, bytes] of Object.entries(parts.bytes)) write(file, bytes);
  site.valueParts = parts.entry;
}

/** The years in which `column` has a value. */
export function yearsWithValues(valueRows, column) {
  const ys = new Set();
  for (const r of valueRows) if (r.rec[column] !== null && r.rec[column] !== undefined) ys.add(r.year);
  return [...ys].sort((a, b) => a - b);
}

/** Every indicator's columns exist in values.csv, its source is known, and the default view has data. */
export function checkAggColumns(site, cols) {
  for (const ind of site.indicators) {
    if (!cols.includes(ind.column)) throw new Error(`${site.id}/${ind.id}: unknown column ${ind.column}`);
    if (ind.agg.type === 'ratio') {
      for (const c of [ind.agg.num, ind.agg.den]) {
        if (!cols.includes(c)) throw new Error(`${site.id}/${ind.id}: unknown agg column ${c}`);
      }
    }
    if (!SOURCES[ind.source]) throw new Error(`${site.id}/${ind.id}: unknown source ${ind.source}`);
    if (!ind.years.length) throw new Error(`${site.id}/${ind.id}: no years`);
  }
  const d = site.defaults;
  const ind = site.indicators.find((i) => i.id === d.ind);
  if (!ind || !ind.years.includes(d.year)) throw new Error(`${site.id}: default indicator/year has no data`);
}

/** first-view.json: the default indicator's base-level values in the default year, ids sorted. */
export function writeFirstView(site, valueRows) {
  const { level, ind, year } = site.defaults;
  const column = site.indicators.find((i) => i.id === ind).column;
  const ids = [...new Set(valueRows.map((r) => r.id))].sort(cmpStr);
  const byId = new Map(valueRows.filter((r) => r.year === year).map((r) => [r.id, r.rec[column]]));
  write(site.firstView, firstViewJson({ level, ind, year, values: ids.map((id) => [id, byId.get(id) ?? null]) }));
}

/** Recursively sort object keys (arrays keep their order) for a stable catalog.json. */
export function sortKeysDeep(v) {
  if (Array.isArray(v)) return v.map(sortKeysDeep);
  if (v && typeof v === 'object') {
    return Object.fromEntries(
      Object.keys(v)
        .sort(cmpStr)
        .map((k) => [k, sortKeysDeep(v[k])]),
    );
  }
  return v;
}
