#!/usr/bin/env node
// Build the app's shipped data (data/) and the Leipzig test fixture from the openly licensed
// source files in ../shared/data (override with env SHARED_DATA). Run with `npm run data`.
//
// Output is deterministic: stable key order, fixed number formatting, sorted rows, no timestamps.
// See data/SOURCES.md (written by this script) for provenance, changes and caveats.

import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { fileURLToPath } from 'node:url';
import { csvParse, csvParseRows } from 'd3-dsv';
import { roundTo, fmtNum, csvText, jsonObjectOrdered, cmpStr } from './lib/format.mjs';
import * as turf from '@turf/turf';
import { cleanGeometry, dissolve, boundsOf, featureCollectionText, shapeStats } from './lib/geo.mjs';
import { simplifySharedBoundaries } from './lib/topo-simplify.mjs';
import { SOURCES } from './lib/meta/sources.mjs';
import { GRID_SITE } from './lib/meta/grid.mjs';
import { LEIPZIG_BEZIRKE, LEIPZIG_YEAR_NOTES, LEIPZIG_INDICATORS } from './lib/meta/leipzig.mjs';
import { LAENDER, KREISE_INDICATORS } from './lib/meta/kreise.mjs';
import { GEMEINDE_MERGERS, gemeindenIndicators } from './lib/meta/gemeinden.mjs';

const started = process.hrtime.bigint();
const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const SHARED = path.resolve(ROOT, process.env.SHARED_DATA ?? '../shared/data');
const OUT = path.join(ROOT, 'data');
const FIXTURE = path.join(ROOT, 'tests', 'fixtures', 'leipzig-official.csv');

const LEIPZIG_DIR = path.join(SHARED, 'leipzig-ortsteile');
const KREISE_DIR = path.join(SHARED, 'germany-kreise-gemeinden');

const LEIPZIG_CITY_ID = '14713000';
const LEIPZIG_YEARS = range(2000, 2023);
const KREISE_YEARS = range(1990, 2022);
// Sliver thresholds for dissolved geometries (holes/parts smaller than this are dropped).
// areas.csv: a label point inside each area (for glyphs such as the trend arrows).
const AREA_COLUMNS = ['id', 'name', 'level', 'parent', 'lon', 'lat'];
function labelPoint(geometry) {
  const [lon, lat] = turf.pointOnFeature({ type: 'Feature', properties: {}, geometry }).geometry.coordinates;
  return [Math.round(lon * 1e5) / 1e5, Math.round(lat * 1e5) / 1e5];
}
const LEIPZIG_SIMPLIFY_TOLERANCE = 0.00003; // degrees, about 3 m in Leipzig
const LEIPZIG_MIN_KM2 = 0.05;
const KREISE_MIN_KM2 = 0.5;

const log = (...a) => console.log(...a);
const written = [];

function range(a, b) {
  const out = [];
  for (let i = a; i <= b; i++) out.push(i);
  return out;
}
function readText(p) {
  if (!fs.existsSync(p)) throw new Error(`missing input ${p} (set SHARED_DATA to the shared data folder)`);
  return fs.readFileSync(p, 'utf8').replace(/^\uFEFF/, '');
}
function write(rel, text, base = OUT) {
  const p = path.join(base, rel);
  fs.mkdirSync(path.dirname(p), { recursive: true });
  fs.writeFileSync(p, text);
  written.push(path.relative(ROOT, p));
}
/** Parse a source number: '' / NA -> null. */
function num(s) {
  if (s === undefined || s === null) return null;
  const t = String(s).trim();
  if (t === '' || t === 'NA' || t === '-' || t === '.' || t === 'x') return null;
  const v = Number(t.replace(',', '.'));
  if (!Number.isFinite(v)) throw new Error(`not a number: ${JSON.stringify(s)}`);
  return v;
}
const mul = (a, b) => (a === null || b === null ? null : a * b);
/** Integer with ',' thousands separators (locale-independent), for SOURCES.md. */
const fmtInt = (n) => fmtNum(n).replace(/\B(?=(\d{3})+(?!\d))/g, ',');

// ---------------------------------------------------------------------------------------------
// Leipzig
// ---------------------------------------------------------------------------------------------

/** Leipzig value columns: [output column, source column in core_wide | null if derived]. */
const LEIPZIG_COLUMNS = [
  ['einwohner', 'einwohner'],
  ['deutsche', 'deutsche'],
  ['auslaender', 'auslaender'],
  ['auslaenderanteil', null],
  ['migranten', 'migranten'],
  ['migrantenanteil', null],
  ['arbeitslose', 'arbeitslose'],
  ['arbeitslose_sgb2', 'arbeitslose_sgb2'],
  ['langzeitarbeitslose', 'langzeitarbeitslose'],
  ['arbeitslosenanteil', 'arbeitslosenanteil_erwerbsf_pct'],
  ['erwerbsfaehige_est', null],
  ['sgb2_bedarfsgemeinschaften', 'sgb2_bedarfsgemeinschaften'],
  ['sgb2_leistungsberechtigte', 'sgb2_leistungsberechtigte'],
  ['sgb2_quote', 'sgb2_quote_pct_trunc'],
];

function buildLeipzig() {
  const report = { zeros: {}, calcCheck: {} };

  // --- values ---
  const src = csvParse(readText(path.join(LEIPZIG_DIR, 'leipzig_ortsteile_core_wide.csv')));
  const rawAnteil = readRawLeipzig('Arbeitslose.csv', 'Anteil an den Erwerbsfähigen');
  const sourceCols = LEIPZIG_COLUMNS.filter(([, s]) => s).map(([, s]) => s);
  for (const s of sourceCols) report.zeros[s] = 0;
  const names = new Map();
  const rows = new Map(); // key ot|year -> record
  for (const r of src) {
    const ot = r.ot_nr;
    if (!/^\d\d$/.test(ot)) throw new Error(`bad ot_nr ${ot}`);
    names.set(ot, r.ortsteil);
    const rec = {};
    for (const [out, s] of LEIPZIG_COLUMNS) {
      if (!s) continue;
      let v = num(r[s]);
      // "Missing is never 0": the city's exports turn "-", "." and "x" into 0.
      if (v === 0) {
        v = null;
        report.zeros[s]++;
      }
      rec[out] = v;
    }
    // Shares recomputed from the (zero-cleaned) counts, compared with the *_calc columns.
    rec.auslaenderanteil =
      rec.auslaender !== null && rec.einwohner !== null ? roundTo((rec.auslaender / rec.einwohner) * 100, 2) : null;
    rec.migrantenanteil =
      rec.migranten !== null && rec.einwohner !== null ? roundTo((rec.migranten / rec.einwohner) * 100, 2) : null;
    for (const [mine, theirs] of [
      ['auslaenderanteil', 'auslaenderanteil_pct_calc'],
      ['migrantenanteil', 'migrantenanteil_pct_calc'],
    ]) {
      const c = (report.calcCheck[mine] ??= { compared: 0, equal: 0, maxDiff: 0 });
      const t = num(r[theirs]);
      if (rec[mine] === null && t === null) continue;
      c.compared++;
      if (rec[mine] === null || t === null) {
        c.maxDiff = Infinity;
        continue;
      }
      const d = Math.abs(rec[mine] - t);
      if (d === 0) c.equal++;
      c.maxDiff = Math.max(c.maxDiff, d);
    }
    // Working-age residents reconstructed from the published share. core_wide rounds the share to
    // 2 decimals; the raw city CSV has it unrounded (from 2009 with ~15 digits), which makes the
    // reconstructed denominator exact to ~1e-5 persons. Use the raw share, checked against core_wide.
    const rawShare = rawAnteil.get(r.ortsteil)?.get(Number(r.year)) ?? null;
    if ((rawShare === null) !== (rec.arbeitslosenanteil === null)) throw new Error(`share presence differs ${ot} ${r.year}`);
    if (rawShare !== null && roundTo(rawShare, 2) !== roundTo(rec.arbeitslosenanteil, 2)) {
      throw new Error(`raw share ${rawShare} does not round to core_wide ${rec.arbeitslosenanteil} (${ot} ${r.year})`);
    }
    rec.erwerbsfaehige_est =
      rec.arbeitslose !== null && rawShare !== null ? roundTo((rec.arbeitslose * 100) / rawShare, 1) : null;
    rows.set(`${ot}|${r.year}`, rec);
  }
  const otIds = [...names.keys()].sort(cmpStr);
  if (otIds.length !== 63) throw new Error(`expected 63 Ortsteile, got ${otIds.length}`);
  for (const [k, c] of Object.entries(report.calcCheck)) {
    if (c.maxDiff > 0.01) throw new Error(`recomputed ${k} differs from the _calc column by ${c.maxDiff}`);
  }

  const valueCols = LEIPZIG_COLUMNS.map(([c]) => c);
  const valueRows = [];
  for (const ot of otIds) {
    for (const y of LEIPZIG_YEARS) {
      const rec = rows.get(`${ot}|${y}`);
      if (!rec) throw new Error(`missing Leipzig row ${ot} ${y}`);
      valueRows.push({ id: ot, year: y, rec });
    }
  }
  write(
    'leipzig/values.csv',
    csvText(
      ['area_id', 'year', ...valueCols],
      valueRows.map(({ id, year, rec }) => [id, year, ...valueCols.map((c) => rec[c])]),
    ),
  );

  // --- geometry ---
  const geo = JSON.parse(readText(path.join(LEIPZIG_DIR, 'leipzig_ortsteile.geojson')));
  const detailed = geo.features.map((f) => {
    const id = f.properties.ot_nr;
    if (names.get(id) !== f.properties.ortsteil) throw new Error(`name mismatch for ${id}`);
    return { id, name: f.properties.ortsteil, geometry: cleanGeometry(f.geometry).geometry };
  });
  detailed.sort((a, b) => cmpStr(a.id, b.id));
  // The city's boundaries carry a vertex every few metres; simplifying the shared
  // arcs at ~3 m keeps neighbours gap-free and makes the first map's file smaller.
  report.bytesDetailed = Buffer.byteLength(featureCollectionText(detailed));
  const simplifiedOt = simplifySharedBoundaries(detailed, LEIPZIG_SIMPLIFY_TOLERANCE);
  report.simplify = simplifiedOt.stats;
  const ortsteile = detailed.map((o, i) => ({ ...o, geometry: cleanGeometry(simplifiedOt.geometries[i]).geometry }));
  if (ortsteile.map((o) => o.id).join() !== otIds.join()) throw new Error('geometry ids != statistics ids');
  const asFeature = (o) => ({ type: 'Feature', properties: {}, geometry: o.geometry });
  const removed = { holes: [], parts: [] };
  const clean = (g) => {
    const c = cleanGeometry(g, { minHoleKm2: LEIPZIG_MIN_KM2, minPartKm2: LEIPZIG_MIN_KM2 });
    removed.holes.push(...c.removedHoles);
    removed.parts.push(...c.removedParts);
    return c.geometry;
  };
  const bezirke = Object.keys(LEIPZIG_BEZIRKE).sort(cmpStr).map((id) => ({
    id,
    name: LEIPZIG_BEZIRKE[id],
    geometry: clean(dissolve(ortsteile.filter((o) => o.id[0] === id).map(asFeature))),
  }));
  const stadt = [{ id: LEIPZIG_CITY_ID, name: 'Leipzig', geometry: clean(dissolve(ortsteile.map(asFeature))) }];
  write('leipzig/ortsteil.geojson', featureCollectionText(ortsteile));
  report.bytesOrtsteile = Buffer.byteLength(featureCollectionText(ortsteile));
  write('leipzig/stadtbezirk.geojson', featureCollectionText(bezirke));
  write('leipzig/stadt.geojson', featureCollectionText(stadt));
  report.dissolve = {
    removed,
    bezirke: bezirke.map((b) => `${b.id}:${JSON.stringify(shapeStats(b.geometry))}`),
    stadt: shapeStats(stadt[0].geometry),
  };

  // --- areas ---
  const areas = [
    ...ortsteile.map((o) => [o.id, o.name, 'ortsteil', o.id[0], ...labelPoint(o.geometry)]),
    ...bezirke.map((b) => [b.id, b.name, 'stadtbezirk', LEIPZIG_CITY_ID, ...labelPoint(b.geometry)]),
    [LEIPZIG_CITY_ID, 'Leipzig', 'stadt', '', ...labelPoint(stadt[0].geometry)],
  ];
  write('leipzig/areas.csv', csvText(AREA_COLUMNS, areas));

  const site = {
    id: 'leipzig',
    label: { de: 'Leipzig – Ortsteile', en: 'Leipzig – districts (Ortsteile)' },
    bounds: boundsOf(ortsteile.map(asFeature)),
    geometrySource: 'leipzig-geo',
    levels: [
      { id: 'ortsteil', label: { de: 'Ortsteile', en: 'Districts (Ortsteile)' }, geometry: 'leipzig/ortsteil.geojson', count: ortsteile.length },
      { id: 'stadtbezirk', label: { de: 'Stadtbezirke', en: 'Boroughs (Stadtbezirke)' }, geometry: 'leipzig/stadtbezirk.geojson', count: bezirke.length },
      { id: 'stadt', label: { de: 'Stadt', en: 'City' }, geometry: 'leipzig/stadt.geojson', count: stadt.length },
    ],
    areas: 'leipzig/areas.csv',
    values: 'leipzig/values.csv',
    firstView: 'leipzig/first-view.json',
    defaults: { level: 'ortsteil', ind: 'arbeitslosenanteil', year: 2022 },
    indicators: LEIPZIG_INDICATORS.map((ind) => ({
      ...ind,
      years: yearsWithValues(valueRows, ind.column),
      yearNotes: LEIPZIG_YEAR_NOTES,
    })),
  };
  checkAggColumns(site, valueCols);
  writeFirstView(site, valueRows);

  // --- test fixture: official Stadtbezirk / city values from the raw city CSVs ---
  const fixture = buildLeipzigFixture();
  report.fixtureRows = fixture.length;

  // --- checks ---
  const sumYear = (y, col) =>
    valueRows.filter((r) => r.year === y).reduce((s, r) => s + (r.rec[col] ?? 0), 0);
  report.einwohner2000 = sumYear(2000, 'einwohner');
  report.einwohner2023 = sumYear(2023, 'einwohner');
  report.aggCheck = aggregationCheck(valueRows, fixture);
  report.valueRows = valueRows.length;
  return { site, report };
}

/**
 * One Sachmerkmal of a raw city CSV (repo B): Map(Gebiet -> Map(year -> value)), decimal comma
 * converted, "0" or empty -> null.
 */
function readRawLeipzig(file, merkmal) {
  const dir = path.join(LEIPZIG_DIR, 'original', 'teodoranasz-wahlanalyse');
  const [header, ...rows] = csvParseRows(readText(path.join(dir, file)));
  const years = header.slice(2).map(Number);
  const out = new Map();
  for (const r of rows) {
    if (r[1].trim() !== merkmal) continue;
    const name = r[0].trim();
    if (out.has(name)) throw new Error(`duplicate ${name} ${merkmal} in ${file}`);
    const vals = new Map();
    years.forEach((y, i) => {
      const v = num(r[i + 2]);
      vals.set(y, v === 0 ? null : v);
    });
    out.set(name, vals);
  }
  if (out.size !== 74) throw new Error(`${file}/${merkmal}: expected 74 areas, got ${out.size}`);
  return out;
}

/** Official Stadtbezirk and city rows of Einwohner.csv / Arbeitslose.csv (repo B). */
function buildLeipzigFixture() {
  const idByName = new Map(Object.entries(LEIPZIG_BEZIRKE).map(([id, n]) => [n, id]));
  idByName.set('Stadt Leipzig', LEIPZIG_CITY_ID);
  const pick = (file, merkmal) => {
    const all = readRawLeipzig(file, merkmal);
    for (const n of idByName.keys()) if (!all.has(n)) throw new Error(`${file}/${merkmal}: no row for ${n}`);
    return all;
  };
  const ew = pick('Einwohner.csv', 'Einwohner insgesamt');
  const al = pick('Arbeitslose.csv', 'Arbeitslose insgesamt');
  const ant = pick('Arbeitslose.csv', 'Anteil an den Erwerbsfähigen');
  const rows = [];
  for (const [name, id] of idByName) {
    for (const y of LEIPZIG_YEARS) {
      rows.push({
        name,
        id,
        year: y,
        einwohner: ew.get(name).get(y) ?? null,
        arbeitslose: al.get(name).get(y) ?? null,
        arbeitslosenanteil: ant.get(name).get(y) ?? null,
      });
    }
  }
  const order = (id) => (id === LEIPZIG_CITY_ID ? 'z' : id);
  rows.sort((a, b) => cmpStr(order(a.id), order(b.id)) || a.year - b.year);
  const cols = ['name', 'id', 'year', 'einwohner', 'arbeitslose', 'arbeitslosenanteil'];
  write(
    path.relative(ROOT, FIXTURE),
    csvText(cols, rows.map((r) => cols.map((c) => r[c]))),
    ROOT,
  );
  return rows;
}

/**
 * Stadtbezirk/city aggregates from the Ortsteile vs. the official fixture values, reported per group
 * (all; Stadtbezirke 2009+ when shares have full precision; Stadtbezirke 2000–2008 with one-decimal
 * shares; the city, whose totals include persons not assigned to an Ortsteil).
 */
function aggregationCheck(valueRows, fixture) {
  const groups = {
    all: () => true,
    bezirke2009: (f) => f.id !== LEIPZIG_CITY_ID && f.year >= 2009,
    bezirke2000: (f) => f.id !== LEIPZIG_CITY_ID && f.year < 2009,
    stadt: (f) => f.id === LEIPZIG_CITY_ID,
  };
  const out = {};
  for (const [g, pred] of Object.entries(groups)) out[g] = aggregationCheckGroup(valueRows, fixture.filter(pred));
  return out;
}
function aggregationCheckGroup(valueRows, fixture) {
  const res = {
    anteil: { n: 0, maxAbs: 0, at: '' },
    einwohner: { n: 0, maxAbs: 0, at: '' },
    arbeitslose: { n: 0, maxAbs: 0, at: '' },
  };
  for (const f of fixture) {
    const members = valueRows.filter((r) => r.year === f.year && (f.id === LEIPZIG_CITY_ID || r.id[0] === f.id));
    let num = 0;
    let den = 0;
    let ew = 0;
    let al = 0;
    for (const m of members) {
      // Ratio aggregation over rows where both numerator and denominator exist.
      if (m.rec.arbeitslose !== null && m.rec.erwerbsfaehige_est !== null) {
        num += m.rec.arbeitslose;
        den += m.rec.erwerbsfaehige_est;
      }
      ew += m.rec.einwohner ?? 0;
      al += m.rec.arbeitslose ?? 0;
    }
    const upd = (k, mine, theirs) => {
      if (theirs === null || mine === null) return;
      const d = Math.abs(mine - theirs);
      res[k].n++;
      if (d > res[k].maxAbs) {
        res[k].maxAbs = d;
        res[k].at = `${f.name} ${f.year}: ${roundTo(mine, 6)} vs ${theirs}`;
      }
    };
    upd('anteil', den > 0 ? (num / den) * 100 : null, f.arbeitslosenanteil);
    upd('einwohner', ew, f.einwohner);
    upd('arbeitslose', al, f.arbeitslose);
  }
  return res;
}

// ---------------------------------------------------------------------------------------------
// Kreise
// ---------------------------------------------------------------------------------------------

const INKAR_MAP = [
  ['arbeitslosenquote', 'unemployment_rate'],
  ['jugendarbeitslosenquote', 'youth_unemployment_rate'],
  ['langzeitarbeitslose_anteil', 'share_longterm_unemployed'],
  ['auslaenderanteil', 'share_foreign'],
  ['anteil_65plus', 'share_65plus'],
  ['anteil_frauen', 'share_female'],
  ['medianalter', 'median_age'],
  ['bip_je_ew', 'gdp_per_capita'],
  ['steuerkraft_je_ew', 'tax_revenue_per_capita'],
  ['pkw_je_1000', 'cars_per_capita'],
  ['baugenehmigungen_je_10000', 'building_permits_per_capita'],
  ['schulabgaenger_ohne_abschluss', 'share_no_degree'],
  ['schulabgaenger_abitur', 'share_abitur'],
];
// INKAR columns where a 0 means missing (not a real zero).
const INKAR_ZERO_IS_MISSING = new Set(['share_abitur', 'tax_revenue_per_capita']);
const KREISE_COLUMNS = [
  'einwohner',
  'flaeche_km2',
  'bevoelkerungsdichte',
  ...INKAR_MAP.map(([c]) => c),
  'auslaender_est',
  'ab65_est',
  'frauen_est',
  'bip_est',
  'steuerkraft_est',
  'pkw_est',
];

/**
 * Flag obviously wrong Destatis values: a value more than `factor` times above or below the
 * median of the same Kreis over all years (catches e.g. Berlin 1991 ×10, doubled Thuringian
 * Kreise). Returns a Set of "ags|year".
 */
function flagOutliers(byKreis, key, factor) {
  const flagged = [];
  for (const [ags, years] of byKreis) {
    const vals = [...years.values()].map((r) => r[key]).filter((v) => v !== null).sort((a, b) => a - b);
    const med = vals.length % 2 ? vals[(vals.length - 1) / 2] : (vals[vals.length / 2 - 1] + vals[vals.length / 2]) / 2;
    for (const [y, r] of years) {
      const v = r[key];
      if (v !== null && (v > med * factor || v < med / factor)) flagged.push({ ags, year: y, value: v, median: med });
    }
  }
  return flagged.sort((a, b) => cmpStr(a.ags, b.ags) || a.year - b.year);
}

function buildKreise() {
  const report = { zeros: {}, negatives: {}, flagged: {} };

  // --- Destatis area/population ---
  const destatis = csvParse(readText(path.join(KREISE_DIR, 'destatis_kreise_flaeche_bevoelkerung_1990_2021.csv')));
  const dBy = new Map(); // ags -> Map(year -> {pop, area})
  for (const r of destatis) {
    const ags = r.county_code_21;
    if (!/^\d{5}$/.test(ags)) throw new Error(`bad county_code_21 ${ags}`);
    if (!dBy.has(ags)) dBy.set(ags, new Map());
    const y = Number(r.year);
    if (dBy.get(ags).has(y)) throw new Error(`duplicate Destatis row ${ags} ${y}`);
    dBy.get(ags).set(y, { pop: num(r.population_cty), area: num(r.area_cty) });
  }
  // Population tolerates real growth/decline (max/min ~1.3 over 30 years); area changes are rarer.
  report.flagged.population = flagOutliers(dBy, 'pop', 1.5);
  report.flagged.area = flagOutliers(dBy, 'area', 1.3);
  for (const f of report.flagged.population) dBy.get(f.ags).get(f.year).pop = null;
  for (const f of report.flagged.area) dBy.get(f.ags).get(f.year).area = null;

  // --- INKAR ---
  const inkar = csvParse(readText(path.join(KREISE_DIR, 'inkar_kreise_1995_2022.csv')));
  const iBy = new Map();
  for (const [, s] of INKAR_MAP) {
    report.zeros[s] = 0;
    report.negatives[s] = 0;
  }
  for (const r of inkar) {
    const key = `${r.county_code}|${Number(r.year)}`;
    if (iBy.has(key)) throw new Error(`duplicate INKAR row ${key}`);
    const rec = {};
    for (const [out, s] of INKAR_MAP) {
      let v = num(r[s]);
      if (v !== null && v < 0) {
        // A negative share/rate/count per capita is impossible (one -0.01 in cars_per_capita).
        report.negatives[s]++;
        v = null;
      }
      if (v === 0 && INKAR_ZERO_IS_MISSING.has(s)) {
        report.zeros[s]++;
        v = null;
      }
      rec[out] = v;
    }
    iBy.set(key, rec);
  }
  const inkarCodes = new Set(inkar.map((r) => r.county_code));

  // --- geometry ---
  const geo = JSON.parse(readText(path.join(KREISE_DIR, 'vg5000_kreise_2021-01-01.geojson')));
  const byAgs = new Map(geo.features.map((f) => [f.properties.AGS, f]));
  if (byAgs.size !== geo.features.length) throw new Error('duplicate AGS in VG5000');
  // Eisenach (16056) was merged into the Wartburgkreis (16063) on 1 July 2021; the statistics are
  // for the merged Kreis, so its geometry is added to 16063 instead of leaving a gap.
  const eisenach = byAgs.get('16056');
  const wartburg = byAgs.get('16063');
  if (!eisenach || !wartburg) throw new Error('16056/16063 not found');
  const mergedWartburg = dissolve([eisenach, wartburg]);
  byAgs.delete('16056');

  // Names: GEN, disambiguated with "(BEZ)" for Landkreise/Kreise where GEN occurs more than once.
  const genCount = new Map();
  for (const f of byAgs.values()) genCount.set(f.properties.GEN, (genCount.get(f.properties.GEN) ?? 0) + 1);
  const kreisName = (p) =>
    genCount.get(p.GEN) > 1 && (p.BEZ === 'Landkreis' || p.BEZ === 'Kreis') ? `${p.GEN} (${p.BEZ})` : p.GEN;
  const kreise = [...byAgs.values()].map((f) => ({
    id: f.properties.AGS,
    name: kreisName(f.properties),
    geometry: cleanGeometry(f.properties.AGS === '16063' ? mergedWartburg : f.geometry).geometry,
  }));
  kreise.sort((a, b) => cmpStr(a.id, b.id));
  const nameSet = new Set(kreise.map((k) => k.name));
  if (nameSet.size !== kreise.length) throw new Error('Kreis names are not unique after disambiguation');
  const kreisIds = kreise.map((k) => k.id);
  for (const id of kreisIds) {
    if (!dBy.has(id) || !inkarCodes.has(id)) throw new Error(`Kreis ${id} has no statistics`);
  }
  if (dBy.size !== kreise.length || inkarCodes.size !== kreise.length) throw new Error('Kreis sets differ');

  const asFeature = (o) => ({ type: 'Feature', properties: {}, geometry: o.geometry });
  const removed = { holes: [], parts: [] };
  const clean = (g) => {
    const c = cleanGeometry(g, { minHoleKm2: KREISE_MIN_KM2, minPartKm2: KREISE_MIN_KM2 });
    removed.holes.push(...c.removedHoles);
    removed.parts.push(...c.removedParts);
    return c.geometry;
  };
  const laenderIds = Object.keys(LAENDER).sort(cmpStr); // object keys '10'…'16' would come first
  const laender = laenderIds.map((id) => {
    const name = LAENDER[id];
    const members = kreise.filter((k) => k.id.slice(0, 2) === id);
    if (!members.length) throw new Error(`no Kreise for Land ${id}`);
    return { id, name, geometry: clean(dissolve(members.map(asFeature))) };
  });
  const bund = [{ id: 'DE', name: 'Deutschland', geometry: clean(dissolve(laender.map(asFeature))) }];
  write('kreise/kreis.geojson', featureCollectionText(kreise));
  write('kreise/land.geojson', featureCollectionText(laender));
  write('kreise/bund.geojson', featureCollectionText(bund));
  report.dissolve = {
    removed,
    laender: laender.map((l) => `${l.id}:${JSON.stringify(shapeStats(l.geometry))}`),
    bund: shapeStats(bund[0].geometry),
  };

  // --- areas ---
  const areas = [
    ...kreise.map((k) => [k.id, k.name, 'kreis', k.id.slice(0, 2), ...labelPoint(k.geometry)]),
    ...laender.map((l) => [l.id, l.name, 'land', 'DE', ...labelPoint(l.geometry)]),
    ['DE', 'Deutschland', 'bund', '', ...labelPoint(bund[0].geometry)],
  ];
  write('kreise/areas.csv', csvText(AREA_COLUMNS, areas));

  // --- values ---
  const valueRows = [];
  for (const id of kreisIds) {
    for (const y of KREISE_YEARS) {
      const d = dBy.get(id).get(y) ?? { pop: null, area: null };
      const i = iBy.get(`${id}|${y}`) ?? {};
      const rec = {};
      // Source is in thousands with one decimal -> integer residents (rounded to 100).
      rec.einwohner = d.pop === null ? null : Math.round(d.pop * 1000);
      rec.flaeche_km2 = d.area;
      rec.bevoelkerungsdichte =
        rec.einwohner !== null && rec.flaeche_km2 !== null ? roundTo(rec.einwohner / rec.flaeche_km2, 1) : null;
      for (const [out] of INKAR_MAP) rec[out] = i[out] ?? null;
      const est = (v) => (v === null ? null : roundTo(v, 1));
      rec.auslaender_est = est(div(mul(rec.auslaenderanteil, rec.einwohner), 100));
      rec.ab65_est = est(div(mul(rec.anteil_65plus, rec.einwohner), 100));
      rec.frauen_est = est(div(mul(rec.anteil_frauen, rec.einwohner), 100));
      rec.bip_est = est(mul(rec.bip_je_ew, rec.einwohner)); // thousand euros
      rec.steuerkraft_est = est(mul(rec.steuerkraft_je_ew, rec.einwohner)); // euros
      rec.pkw_est = est(div(mul(rec.pkw_je_1000, rec.einwohner), 1000));
      if (KREISE_COLUMNS.some((c) => rec[c] !== null)) valueRows.push({ id, year: y, rec });
    }
  }
  write(
    'kreise/values.csv',
    csvText(
      ['area_id', 'year', ...KREISE_COLUMNS],
      valueRows.map(({ id, year, rec }) => [id, year, ...KREISE_COLUMNS.map((c) => rec[c])]),
    ),
  );

  const site = {
    id: 'kreise',
    label: { de: 'Deutschland – Kreise', en: 'Germany – districts (Kreise)' },
    bounds: boundsOf(kreise.map(asFeature)),
    geometrySource: 'bkg-vg5000',
    levels: [
      { id: 'kreis', label: { de: 'Kreise', en: 'Districts (Kreise)' }, geometry: 'kreise/kreis.geojson', count: kreise.length },
      { id: 'land', label: { de: 'Länder', en: 'States (Länder)' }, geometry: 'kreise/land.geojson', count: laender.length },
      { id: 'bund', label: { de: 'Deutschland', en: 'Germany' }, geometry: 'kreise/bund.geojson', count: bund.length },
    ],
    areas: 'kreise/areas.csv',
    values: 'kreise/values.csv',
    firstView: 'kreise/first-view.json',
    defaults: { level: 'kreis', ind: 'arbeitslosenquote', year: 2021 },
    indicators: KREISE_INDICATORS.map((ind) => {
      const out = { ...ind, years: yearsWithValues(valueRows, ind.column) };
      if (ind.yearNotes) {
        // Only keep notes for years the indicator actually has.
        const yn = Object.fromEntries(Object.entries(ind.yearNotes).filter(([y]) => out.years.includes(Number(y))));
        if (Object.keys(yn).length) out.yearNotes = yn;
        else delete out.yearNotes;
      }
      return out;
    }),
  };
  checkAggColumns(site, KREISE_COLUMNS);
  writeFirstView(site, valueRows);

  const leipzig = (y) => iBy.get(`14713|${y}`)?.arbeitslosenquote ?? null;
  report.kreise = kreise.length;
  report.wartburgArea2021 = dBy.get('16063').get(2021).area;
  report.leipzigAlq = { 1998: leipzig(1998), 2021: leipzig(2021) };
  report.valueRows = valueRows.length;
  report.years = [...new Set(valueRows.map((r) => r.year))];
  report.kreisNamesDisambiguated = kreise.filter((k) => / \((Land)?[Kk]reis\)$/.test(k.name)).length;
  // For the Gemeinden site: the upper levels (same ids, names and parents) and INKAR's 65+ share.
  const upper = {
    areas,
    levels: site.levels,
    inkar65: new Map(kreisIds.map((id) => [id, iBy.get(`${id}|2021`)?.anteil_65plus ?? null])),
  };
  return { site, report, upper };
}
function div(v, d) {
  return v === null ? null : v / d;
}

// ---------------------------------------------------------------------------------------------
// Gemeinden (Zensus 2022)
// ---------------------------------------------------------------------------------------------

const GEMEINDEN_YEAR = 2022;
// VG5000 is generalised for 1:5,000,000; 4 decimals (~10 m) lose nothing visible.
const GEMEINDE_DECIMALS = 4;
// Douglas–Peucker tolerance (degrees) for the shared-boundary simplification of the Gemeinden.
const GEMEINDE_SIMPLIFY_TOLERANCE = 0.0005;
const GEMEINDE_TARGET_BYTES = 3_500_000;
// The five age shares of the source do not fit their labels (see SOURCES.md): their columns are
// written to values.csv, but the indicators are not offered in the catalog until that is resolved.
const SHIP_AGE_INDICATORS = false;
const GEMEINDEFREI = 'Gemeindefreies Gebiet';
/** Kreis of a Gemeinde: the first five digits of the AGS; Eisenach (16056) is part of 16063. */
const kreisOf = (ags) => (ags.slice(0, 5) === '16056' ? '16063' : ags.slice(0, 5));

/** Zensus value columns: [output column, source column, integer?]. */
const ZENSUS_COLUMNS = [
  ['einwohner', 'population_census22', true],
  ['auslaenderanteil', 'share_foreign_census22'],
  ['einwanderungsgeschichte_anteil', 'share_migration_bg_census22'],
  ['anteil_unter18', 'share_under18_census22'],
  ['anteil_18_29', 'share_18to29_census22'],
  ['anteil_30_49', 'share_30to49_census22'],
  ['anteil_50_64', 'share_50to64_census22'],
  ['anteil_65plus', 'share_65plus_census22'],
  ['haushaltsgroesse', 'avg_household_size_census22'],
  ['wohnungen', 'total_dwellings_census22', true],
  ['leerstandsquote', 'vacancy_rate_census22'],
  ['nettokaltmiete_qm', 'avg_rent_per_m2_census22'],
  ['eigentuemerquote', 'share_owner_occupied_census22'],
];
// Not shipped: implausible (e.g. 99.8 % single/two-family buildings in Flensburg, see SOURCE.md).
const ZENSUS_NOT_SHIPPED = ['share_single_family_census22'];
/** Reconstructed numerators: [column, share column, base column] = share · base / 100, 1 decimal. */
const ZENSUS_EST = [
  ['auslaender_est', 'auslaenderanteil', 'einwohner'],
  ['einwanderungsgeschichte_est', 'einwanderungsgeschichte_anteil', 'einwohner'],
  ['unter18_est', 'anteil_unter18', 'einwohner'],
  ['alter18_29_est', 'anteil_18_29', 'einwohner'],
  ['alter30_49_est', 'anteil_30_49', 'einwohner'],
  ['alter50_64_est', 'anteil_50_64', 'einwohner'],
  ['ab65_est', 'anteil_65plus', 'einwohner'],
  ['leerstand_est', 'leerstandsquote', 'wohnungen'],
  ['eigentum_est', 'eigentuemerquote', 'wohnungen'],
];
const GEMEINDEN_COLUMNS = [
  'einwohner',
  'auslaenderanteil',
  'auslaender_est',
  'einwanderungsgeschichte_anteil',
  'einwanderungsgeschichte_est',
  'anteil_unter18',
  'unter18_est',
  'anteil_18_29',
  'alter18_29_est',
  'anteil_30_49',
  'alter30_49_est',
  'anteil_50_64',
  'alter50_64_est',
  'anteil_65plus',
  'ab65_est',
  'haushaltsgroesse',
  'haushalte_est',
  'wohnungen',
  'leerstandsquote',
  'leerstand_est',
  'nettokaltmiete_qm',
  'eigentuemerquote',
  'eigentum_est',
];
const AGE_COLUMNS = ['anteil_unter18', 'anteil_18_29', 'anteil_30_49', 'anteil_50_64', 'anteil_65plus'];

function buildGemeinden(upper) {
  const report = { suppressed: {}, zeros: {} };

  // --- Zensus values ---
  const src = csvParse(readText(path.join(KREISE_DIR, 'zensus2022_gemeinden.csv')));
  const expected = ['ags', 'municipality_name', ...ZENSUS_COLUMNS.map(([, c]) => c), ...ZENSUS_NOT_SHIPPED];
  if ([...src.columns].sort(cmpStr).join() !== [...expected].sort(cmpStr).join()) {
    throw new Error(`unexpected Zensus columns: ${src.columns.join()}`);
  }
  for (const [c] of ZENSUS_COLUMNS) {
    report.suppressed[c] = 0;
    report.zeros[c] = 0;
  }
  const zensus = new Map(); // ags -> { name, rec }
  for (const r of src) {
    if (!/^\d{8}$/.test(r.ags)) throw new Error(`bad Zensus ags ${r.ags}`);
    if (zensus.has(r.ags)) throw new Error(`duplicate Zensus ags ${r.ags}`);
    const rec = {};
    for (const [out, s, isInt] of ZENSUS_COLUMNS) {
      const v = num(r[s]);
      if (v === null) report.suppressed[out]++;
      else if (v === 0) report.zeros[out]++;
      if (isInt && v !== null && !Number.isInteger(v)) throw new Error(`${r.ags} ${s}: not an integer: ${v}`);
      rec[out] = v;
    }
    // Population and dwellings are the denominators: they must exist everywhere.
    if (!(rec.einwohner > 0) || !(rec.wohnungen > 0)) throw new Error(`${r.ags}: no population or dwellings`);
    for (const [c, share, base] of ZENSUS_EST) rec[c] = rec[share] === null ? null : roundTo((rec[share] * rec[base]) / 100, 1);
    rec.haushalte_est = rec.haushaltsgroesse === null ? null : roundTo(rec.einwohner / rec.haushaltsgroesse, 1);
    zensus.set(r.ags, { name: r.municipality_name, rec });
  }
  report.zensusRows = zensus.size;

  // --- geometry: match VG5000 (01.01.2021) to the Zensus Gemeinden (15.05.2022) ---
  const geo = JSON.parse(readText(path.join(KREISE_DIR, 'vg5000_gemeinden_2021-01-01.geojson')));
  const byAgs = new Map();
  for (const f of geo.features) {
    if (byAgs.has(f.properties.AGS)) throw new Error(`duplicate VG5000 AGS ${f.properties.AGS}`);
    byAgs.set(f.properties.AGS, f);
  }
  report.vg5000Features = byAgs.size;
  const partOf = new Map(); // VG5000 AGS -> Zensus AGS of the merged Gemeinde
  for (const m of GEMEINDE_MERGERS) {
    const z = zensus.get(m.id);
    if (!z || z.name !== m.name) throw new Error(`merged Gemeinde ${m.id} ${m.name} not in the Zensus`);
    if (!m.kept && byAgs.has(m.id)) throw new Error(`merged Gemeinde ${m.id} already has a geometry`);
    for (const [ags, gen] of Object.entries(m.parts)) {
      const f = byAgs.get(ags);
      if (!f || f.properties.GEN !== gen) throw new Error(`predecessor ${ags} ${gen} not in VG5000`);
      if (ags !== m.id && zensus.has(ags)) throw new Error(`predecessor ${ags} still has a Zensus row`);
      if (kreisOf(ags) !== kreisOf(m.id)) throw new Error(`predecessor ${ags} is in another Kreis than ${m.id}`);
      if (partOf.has(ags)) throw new Error(`predecessor ${ags} used twice`);
      partOf.set(ags, m.id);
    }
  }
  const members = new Map(); // Zensus AGS -> VG5000 features
  const gemeindefrei = [];
  for (const [ags, f] of byAgs) {
    const target = partOf.get(ags) ?? (zensus.has(ags) ? ags : null);
    if (target) {
      if (!members.has(target)) members.set(target, []);
      members.get(target).push(f);
    } else if (f.properties.BEZ === GEMEINDEFREI) {
      gemeindefrei.push(f);
    } else {
      throw new Error(`VG5000 Gemeinde ${ags} ${f.properties.GEN} has no Zensus row and is not a known merger`);
    }
  }
  for (const ags of zensus.keys()) if (!members.has(ags)) throw new Error(`Zensus Gemeinde ${ags} has no geometry`);
  report.gemeindefrei = gemeindefrei.length;
  report.gemeindefreiByLand = {};
  for (const f of gemeindefrei) {
    const land = LAENDER[f.properties.AGS.slice(0, 2)];
    report.gemeindefreiByLand[land] = (report.gemeindefreiByLand[land] ?? 0) + 1;
  }
  report.gemeindefreiKm2 = roundTo(gemeindefrei.reduce((s, f) => s + turf.area(f) / 1e6, 0), 0);
  report.gemeindefreiWithZensus = [...byAgs.values()]
    .filter((f) => f.properties.BEZ === GEMEINDEFREI && zensus.has(f.properties.AGS))
    .map((f) => `${f.properties.AGS} ${zensus.get(f.properties.AGS).name} (${fmtInt(zensus.get(f.properties.AGS).rec.einwohner)} residents)`);

  const ids = [...zensus.keys()].sort(cmpStr);
  report.degenerateRings = 0;
  report.mergers = [];
  const rounded = ids.map((id) => {
    const feats = members.get(id);
    let geometry = feats[0].geometry;
    if (feats.length > 1 || partOf.has(feats[0].properties.AGS)) {
      geometry = dissolve(feats.map((f) => ({ type: 'Feature', properties: {}, geometry: f.geometry })));
      const stats = shapeStats(geometry);
      // The predecessors border each other: n contiguous pieces fuse into one, so the union has at
      // most (sum of their parts) - (n - 1) parts (old Langelsheim has an exclave of its own).
      const partsBefore = feats.reduce((n, f) => n + shapeStats(f.geometry).parts, 0);
      if (stats.parts > partsBefore - (feats.length - 1)) {
        throw new Error(`merged Gemeinde ${id}: predecessors are not contiguous (${stats.parts} parts)`);
      }
      report.mergers.push({ id, n: feats.length, ...stats });
    }
    const c = cleanGeometry(geometry, { decimals: GEMEINDE_DECIMALS });
    report.degenerateRings += c.degenerateRings;
    return { id, name: zensus.get(id).name, geometry: c.geometry };
  });
  report.bytesRounded = Buffer.byteLength(featureCollectionText(rounded));
  const simplified = simplifySharedBoundaries(rounded, GEMEINDE_SIMPLIFY_TOLERANCE);
  report.simplify = simplified.stats;
  const gemeinden = rounded.map((g, i) => {
    const c = cleanGeometry(simplified.geometries[i], { decimals: GEMEINDE_DECIMALS });
    report.degenerateRings += c.degenerateRings;
    return { id: g.id, name: g.name, geometry: c.geometry };
  });
  // Self-intersections / touching rings (turf.kinks): source (per Zensus Gemeinde) vs shipped.
  const hasKinks = (g) => turf.kinks({ type: 'Feature', properties: {}, geometry: g }).features.length > 0;
  report.kinks = {
    source: ids.filter((id) => members.get(id).some((f) => hasKinks(f.geometry))).length,
    shipped: gemeinden.filter((g) => hasKinks(g.geometry)).length,
  };
  const geoText = featureCollectionText(gemeinden);
  report.bytes = Buffer.byteLength(geoText);
  write('gemeinden/gemeinde.geojson', geoText);

  // --- areas: Gemeinden under the Kreise site's Kreise, Länder and Bund (same ids and names) ---
  const kreisIds = new Set(upper.areas.filter((a) => a[2] === 'kreis').map((a) => a[0]));
  const perKreis = new Map();
  for (const id of ids) {
    const k = kreisOf(id);
    if (!kreisIds.has(k)) throw new Error(`Gemeinde ${id}: no Kreis ${k}`);
    perKreis.set(k, (perKreis.get(k) ?? 0) + 1);
  }
  for (const k of kreisIds) if (!perKreis.has(k)) throw new Error(`Kreis ${k} has no Gemeinde`);
  report.kreisfreie = [...perKreis.values()].filter((n) => n === 1).length;
  const pointOf = new Map(gemeinden.map((g) => [g.id, labelPoint(g.geometry)]));
  const areas = [...ids.map((id) => [id, zensus.get(id).name, 'gemeinde', kreisOf(id), ...pointOf.get(id)]), ...upper.areas];
  write('gemeinden/areas.csv', csvText(AREA_COLUMNS, areas));

  // --- values ---
  const valueRows = ids.map((id) => ({ id, year: GEMEINDEN_YEAR, rec: zensus.get(id).rec }));
  write(
    'gemeinden/values.csv',
    csvText(
      ['area_id', 'year', ...GEMEINDEN_COLUMNS],
      valueRows.map(({ id, year, rec }) => [id, year, ...GEMEINDEN_COLUMNS.map((c) => rec[c])]),
    ),
  );

  // --- checks and numbers for the notes ---
  const recs = valueRows.map((r) => r.rec);
  const sumOf = (list, f) => list.reduce((s, r) => s + f(r), 0);
  report.einwohner = sumOf(recs, (r) => r.einwohner);
  if (report.einwohner !== 82711282) throw new Error(`Zensus population sum ${report.einwohner} != 82,711,282`);
  report.wohnungen = sumOf(recs, (r) => r.wohnungen);
  const withVac = recs.filter((r) => r.leerstand_est !== null);
  report.leerstand = sumOf(withVac, (r) => r.leerstand_est);
  report.leerstandsquote = (report.leerstand / sumOf(withVac, (r) => r.wohnungen)) * 100;
  const ownShares = (list) => {
    const both = list.filter((r) => r.eigentum_est !== null && r.leerstandsquote !== null);
    const own = sumOf(both, (r) => r.eigentum_est);
    return {
      all: (own / sumOf(both, (r) => r.wohnungen)) * 100,
      occupied: (own / sumOf(both, (r) => r.wohnungen * (1 - r.leerstandsquote / 100))) * 100,
    };
  };
  report.eigentum = ownShares(recs);
  report.eigentumSachsen = ownShares(valueRows.filter((r) => r.id.startsWith('14')).map((r) => r.rec));
  const withHh = recs.filter((r) => r.haushalte_est !== null);
  report.haushalte = { n: withHh.length, sum: sumOf(withHh, (r) => r.haushalte_est), einwohner: sumOf(withHh, (r) => r.einwohner) };
  // Age shares: do they partition the population, and which bands are they?
  const ageRecs = recs.filter((r) => AGE_COLUMNS.every((c) => r[c] !== null));
  const sums = ageRecs.map((r) => roundTo(AGE_COLUMNS.reduce((s, c) => s + r[c], 0), 1)).sort((a, b) => a - b);
  const agePop = sumOf(ageRecs, (r) => r.einwohner);
  report.age = {
    n: ageRecs.length,
    median: sums[sums.length >> 1],
    min: sums[0],
    max: sums[sums.length - 1],
    within05: sums.filter((s) => Math.abs(s - 100) <= 0.5).length,
    popWithin05: sumOf(ageRecs.filter((r) => Math.abs(AGE_COLUMNS.reduce((s, c) => s + r[c], 0) - 100) <= 0.5), (r) => r.einwohner) / agePop,
    national: AGE_COLUMNS.map((c) => ((sumOf(ageRecs, (r) => (r[c] * r.einwohner) / 100) / agePop) * 100).toFixed(1)),
    // Largest Gemeinde whose five shares miss 100 by more than 3 points.
    maxPopOff3: Math.max(
      ...ageRecs.filter((r) => Math.abs(AGE_COLUMNS.reduce((s, c) => s + r[c], 0) - 100) > 3).map((r) => r.einwohner),
    ),
  };
  // The last band against INKAR's share aged 65+ (2021) per Kreis.
  const k65 = new Map();
  for (const { id, rec } of valueRows) {
    if (rec.anteil_65plus === null) continue;
    const k = kreisOf(id);
    const o = k65.get(k) ?? { num: 0, den: 0 };
    o.num += (rec.anteil_65plus * rec.einwohner) / 100;
    o.den += rec.einwohner;
    k65.set(k, o);
  }
  const pairs = [...k65]
    .map(([k, o]) => [upper.inkar65.get(k), (o.num / o.den) * 100])
    .filter(([a]) => a !== null && a !== undefined);
  const diffs = pairs.map(([a, b]) => a - b).sort((a, b) => a - b);
  report.age.inkar65 = {
    n: pairs.length,
    medianDiff: roundTo(diffs[diffs.length >> 1], 2),
    minDiff: roundTo(diffs[0], 2),
    maxDiff: roundTo(diffs[diffs.length - 1], 2),
    corr: roundTo(correlation(pairs.map((p) => p[0]), pairs.map((p) => p[1])), 3),
  };

  const de1 = (x) => fmtNum(roundTo(x, 1)).replace('.', ',');
  const intDe = (x) => fmtInt(Math.round(x)).replace(/,/g, '.');
  const stats = {
    einwohnerDe: intDe(report.einwohner),
    einwohnerEn: fmtInt(report.einwohner),
    wohnungenDe: intDe(report.wohnungen),
    wohnungenEn: fmtInt(report.wohnungen),
    leerstandDe: intDe(report.leerstand),
    leerstandEn: fmtInt(Math.round(report.leerstand)),
    leerstandsquoteDe: de1(report.leerstandsquote),
    leerstandsquoteEn: fmtNum(roundTo(report.leerstandsquote, 1)),
    eigentumDe: de1(report.eigentum.all),
    eigentumEn: fmtNum(roundTo(report.eigentum.all, 1)),
    eigentumOccDe: de1(report.eigentum.occupied),
    eigentumOccEn: fmtNum(roundTo(report.eigentum.occupied, 1)),
    eigentumSnDe: de1(report.eigentumSachsen.all),
    eigentumSnEn: fmtNum(roundTo(report.eigentumSachsen.all, 1)),
    eigentumSnOccDe: de1(report.eigentumSachsen.occupied),
    eigentumSnOccEn: fmtNum(roundTo(report.eigentumSachsen.occupied, 1)),
    ageShares: report.age.national.join(' / ') + ' %',
    age3049De: report.age.national[2].replace('.', ','),
    age3049En: report.age.national[2],
    inkarDiffRangeDe: `${de1(report.age.inkar65.minDiff)} bis ${de1(report.age.inkar65.maxDiff)}`,
    inkarDiffRangeEn: `${fmtNum(roundTo(report.age.inkar65.minDiff, 1))} to ${fmtNum(roundTo(report.age.inkar65.maxDiff, 1))}`,
  };
  const meta = gemeindenIndicators(stats);
  const indicators = [...meta.shipped];
  if (SHIP_AGE_INDICATORS) indicators.splice(3, 0, ...meta.age);

  const asFeature = (o) => ({ type: 'Feature', properties: {}, geometry: o.geometry });
  const site = {
    id: 'gemeinden',
    label: { de: 'Deutschland – Gemeinden', en: 'Germany – municipalities (Gemeinden)' },
    bounds: boundsOf(gemeinden.map(asFeature)),
    geometrySource: 'bkg-vg5000',
    levels: [
      {
        id: 'gemeinde',
        label: { de: 'Gemeinden', en: 'Municipalities (Gemeinden)' },
        geometry: 'gemeinden/gemeinde.geojson',
        count: gemeinden.length,
      },
      // Kreise, Länder and Germany: the Kreise site's levels and geometry files, not copies.
      ...upper.levels,
    ],
    areas: 'gemeinden/areas.csv',
    values: 'gemeinden/values.csv',
    firstView: 'gemeinden/first-view.json',
    defaults: { level: 'gemeinde', ind: 'auslaenderanteil', year: GEMEINDEN_YEAR },
    indicators: indicators.map((ind) => ({ ...ind, years: yearsWithValues(valueRows, ind.column) })),
  };
  checkAggColumns(site, GEMEINDEN_COLUMNS);
  writeFirstView(site, valueRows);

  report.gemeinden = gemeinden.length;
  report.valueRows = valueRows.length;
  report.shippedAge = SHIP_AGE_INDICATORS;
  return { site, report };
}

function correlation(a, b) {
  const ma = a.reduce((s, x) => s + x, 0) / a.length;
  const mb = b.reduce((s, x) => s + x, 0) / b.length;
  let sab = 0;
  let saa = 0;
  let sbb = 0;
  for (let i = 0; i < a.length; i++) {
    sab += (a[i] - ma) * (b[i] - mb);
    saa += (a[i] - ma) ** 2;
    sbb += (b[i] - mb) ** 2;
  }
  return sab / Math.sqrt(saa * sbb);
}

// ---------------------------------------------------------------------------------------------
// Shared pieces
// ---------------------------------------------------------------------------------------------

function yearsWithValues(valueRows, column) {
  const ys = new Set();
  for (const r of valueRows) if (r.rec[column] !== null && r.rec[column] !== undefined) ys.add(r.year);
  return [...ys].sort((a, b) => a - b);
}

function checkAggColumns(site, cols) {
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

function writeFirstView(site, valueRows) {
  const { level, ind, year } = site.defaults;
  const column = site.indicators.find((i) => i.id === ind).column;
  const ids = [...new Set(valueRows.map((r) => r.id))].sort(cmpStr);
  const byId = new Map(valueRows.filter((r) => r.year === year).map((r) => [r.id, r.rec[column]]));
  const values = jsonObjectOrdered(ids.map((id) => [id, byId.get(id) ?? null]));
  write(
    `${site.id}/first-view.json`,
    `{"level":${JSON.stringify(level)},"ind":${JSON.stringify(ind)},"year":${fmtNum(year)},"values":${values}}\n`,
  );
}

/** Recursively sort object keys (arrays keep their order) for a stable catalog.json. */
function sortKeysDeep(v) {
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

// ---------------------------------------------------------------------------------------------
// SOURCES.md
// ---------------------------------------------------------------------------------------------

function sourcesMd(lz, kr, gm) {
  const s = SOURCES;
  const aggLine = (label, g) =>
    `  - ${label}: ${g.anteil.maxAbs < 1e-3 ? g.anteil.maxAbs.toExponential(1) : fmtNum(roundTo(g.anteil.maxAbs, 3))} (${g.anteil.at}; ${g.anteil.n} comparisons)`;
  const zeroTable = (zeros) =>
    Object.entries(zeros)
      .map(([c, n]) => `| \`${c}\` | ${fmtInt(n)} |`)
      .join('\n');
  const flagged = (list, unit) =>
    list.map((f) => `${f.ags} ${f.year}: ${fmtNum(f.value)} ${unit} (median of the Kreis ${fmtNum(roundTo(f.median, 3))})`).join('; ');
  const lic = `[${s.inkar.licenceName} (${s.inkar.licence})](${s.inkar.licenceUrl})`;
  return `# Data sources and provenance

Generated by \`scripts/prepare-data.mjs\` from the openly licensed files in \`/work/shared/data\`
(see each folder's \`SOURCE.md\` there). Do not edit the files in \`data/\` by hand.

## Regenerate

\`\`\`sh
npm run data                      # = node scripts/prepare-data.mjs && node scripts/prepare-grid.mjs
SHARED_DATA=/path/to/shared/data npm run data   # if the shared data is not at ../shared/data
\`\`\`

The script is deterministic (sorted rows and keys, fixed number formatting, no timestamps): running it
twice gives byte-identical files. It also writes \`tests/fixtures/leipzig-official.csv\`.

All sources are licensed under the ${lic}. Show the attribution texts below in the app
(they are also in \`catalog.json\` → \`sources\`).

| file | content |
| --- | --- |
| \`catalog.json\` | sources, sites, levels, indicators (definitions, units, aggregation rules, years, notes) |
| \`leipzig/ortsteil.geojson\`, \`stadtbezirk.geojson\`, \`stadt.geojson\` | 63 Ortsteile, 10 Stadtbezirke, 1 city outline |
| \`leipzig/areas.csv\`, \`leipzig/values.csv\` | area list (id, name, level, parent); Ortsteil × year values 2000–2023 |
| \`kreise/kreis.geojson\`, \`land.geojson\`, \`bund.geojson\` | 400 Kreise, 16 Länder, Germany |
| \`kreise/areas.csv\`, \`kreise/values.csv\` | area list; Kreis × year values 1990–2022 |
| \`gemeinden/gemeinde.geojson\` | ${fmtInt(gm.gemeinden)} Gemeinden (the site's Kreise, Länder and Germany use the \`kreise/\` files) |
| \`gemeinden/areas.csv\`, \`gemeinden/values.csv\` | area list (Gemeinden plus the Kreise site's Kreise, Länder, Germany); Gemeinde values 2022 |
| \`*/first-view.json\` | base-level values of the default view (level, indicator, year) |
| \`zensus-grid/cells.arrow\` | Zensus 2011 1 km grid, 214,633 cells (Arrow IPC stream), written by \`scripts/prepare-grid.mjs\`; provenance in [\`zensus-grid/SOURCES.md\`](zensus-grid/SOURCES.md) |
| \`points/leipzig-kitas.geojson\`, \`points/layers.json\` | 311 Leipzig Kitas from OpenStreetMap (ODbL 1.0, not dl-de), written by \`scripts/prepare-points.mjs\`; provenance in [\`points/SOURCES.md\`](points/SOURCES.md) |

Conventions: empty field = missing (never 0 for "missing"); numbers in plain form with \`.\` as decimal point;
GeoJSON in EPSG:4326 with 5 decimals (Gemeinden: ${GEMEINDE_DECIMALS}) and properties \`{id, name}\`.

## 1. Leipzig statistics (\`leipzig-stat\`)

- Publisher: ${s['leipzig-stat'].publisher.de}.
- Licence: ${lic}. The licence was inferred from third-party statements; **re-check the licence field of each
  dataset on opendata.leipzig.de before release** (the portal could not be opened when the data were collected).
- Attribution: \`${s['leipzig-stat'].attribution}\`
- Vintage: ${s['leipzig-stat'].vintage.en}. Upstream API: \`https://statistik.leipzig.de/opendata/api/kdvalues\`.
- Origin: repository \`CodeforLeipzig/leipzigmaps\` commit \`97de49236df860d887e34dce3226ee162869b302\` (JSON tables,
  statistics refreshed 2024-06-26) and \`teodoranasz/Wahlanalyse_Regression\` commit
  \`4f1f7957a895ced471f81e78a75f415879ce4ea3\` (raw API CSVs \`Einwohner.csv\`, \`Arbeitslose.csv\`), merged in
  \`leipzig-ortsteile/leipzig_ortsteile_core_wide.csv\`.
- Files: \`leipzig/values.csv\` (63 Ortsteile × 2000–2023 = ${fmtInt(lz.valueRows)} rows),
  \`tests/fixtures/leipzig-official.csv\` (official Stadtbezirk and city rows of the raw CSVs, ${lz.fixtureRows} rows).

What was changed:

- **Every 0 is stored as missing (empty).** The city writes \`-\`, \`.\` or \`x\` (nothing / unknown or confidential /
  not meaningful) and the exports turned these into 0. Zeros turned into missing, per source column:

| source column | zeros → missing |
| --- | ---: |
${zeroTable(lz.zeros)}

- \`auslaenderanteil\` and \`migrantenanteil\` are recomputed from the counts (share = count / einwohner · 100, rounded
  to 2 decimals). They equal the \`*_pct_calc\` columns of the source in
  ${lz.calcCheck.auslaenderanteil.equal} of ${lz.calcCheck.auslaenderanteil.compared} and
  ${lz.calcCheck.migrantenanteil.equal} of ${lz.calcCheck.migrantenanteil.compared} rows (max. difference
  ${fmtNum(Math.max(lz.calcCheck.auslaenderanteil.maxDiff, lz.calcCheck.migrantenanteil.maxDiff))}).
- \`arbeitslosenanteil\` = source \`arbeitslosenanteil_erwerbsf_pct\` (raw CSV with decimals; one decimal until 2008).
- \`erwerbsfaehige_est\` = arbeitslose · 100 / arbeitslosenanteil, rounded to 1 decimal: the working-age residents
  (reconstructed denominator), used to aggregate the share to Stadtbezirke and the city. Empty if either input is
  missing. The share used here is the **unrounded** value of the raw city CSV (\`Arbeitslose.csv\`, "Anteil an den
  Erwerbsfähigen"; \`core_wide\` rounds it to 2 decimals – checked to agree); from 2009 this gives the official
  denominator exactly (integers), for 2000–2008 the published share has only one decimal.
- \`sgb2_quote\` = \`sgb2_quote_pct_trunc\` (truncated to integers by the exporter; cannot be recomputed or aggregated).
- Not shipped: \`sgb2_personen_in_bg\`, \`sgb2_anteil_kinder_pct_trunc\`, the truncated shares of the JSON tables.

Caveats:

- Ortsteil boundaries changed in 2006, 2012 and 2014; older values were not recalculated by the city (e.g. ~300
  residents moved from Heiterblick to Engelsdorf in 2013). Every Leipzig indicator carries these year notes.
- \`langzeitarbeitslose\` is not available from 2018 (0 in the source) and empty in 2011 and 2020.
- Hartmannsdorf-Knautnaundorf (55) has no unemployment values for 2000 and no \`arbeitslosenanteil\` for 2000–2005;
  its 2001–2005 \`arbeitslose\` (175–195 of ~1,200 residents) look implausibly high compared with 2006 (75).
- The sum of the Ortsteile differs from the official city total in some years (2000: ${fmtInt(lz.einwohner2000)} vs
  479,996; 2023: ${fmtInt(lz.einwohner2023)} = city total). The city total of \`arbeitslose\` and \`arbeitslosenanteil\`
  is "0" (missing) for 2000 and the share also for 2002.
- Aggregation check: sum(arbeitslose) / sum(erwerbsfaehige_est) · 100 over the Ortsteile that have both values,
  compared with the official share in the fixture (max. absolute deviation in percentage points):
${aggLine('Stadtbezirke 2009–2022 (official shares unrounded)', lz.aggCheck.bezirke2009)}
${aggLine('Stadtbezirke 2000–2008 (official shares with one decimal)', lz.aggCheck.bezirke2000)}
${aggLine('Stadt Leipzig (official totals include persons not assigned to an Ortsteil)', lz.aggCheck.stadt)}
  The large 2000–2008 deviations are Südwest 2000–2005 (Hartmannsdorf-Knautnaundorf has no share, so it is missing
  from the sum) and Ost 2001 (the official value is "13", apparently truncated). Sums of residents: max. deviation
  ${fmtInt(lz.aggCheck.bezirke2009.einwohner.maxAbs)} (Stadtbezirke 2009+), ${fmtInt(lz.aggCheck.bezirke2000.einwohner.maxAbs)}
  (Stadtbezirke 2000–2008), ${fmtInt(lz.aggCheck.stadt.einwohner.maxAbs)} (city); unemployed:
  ${fmtInt(lz.aggCheck.bezirke2009.arbeitslose.maxAbs)} / ${fmtInt(lz.aggCheck.bezirke2000.arbeitslose.maxAbs)} /
  ${fmtInt(lz.aggCheck.stadt.arbeitslose.maxAbs)}.

## 2. Leipzig boundaries (\`leipzig-geo\`)

- Publisher: ${s['leipzig-geo'].publisher.de}; open-data dataset "Geodaten Ortsteile/Stadtbezirke".
- Licence: ${lic} (same caveat as above).
- Attribution: \`${s['leipzig-geo'].attribution}\` (the Leipzig SOURCE.md gives one attribution text for the city's data,
  \`${s['leipzig-stat'].attribution}\`; the boundary variant follows it).
- Vintage: ${s['leipzig-geo'].vintage.en}.
- Origin: \`CodeforLeipzig/leipzigmaps\` commit \`97de49236df860d887e34dce3226ee162869b302\`,
  \`public/data/leipzig-districts.json\` (boundaries last changed in commit \`3c4d026\`, 2023-01-22). The original has
  [lat, lon] pairs; the shared \`leipzig_ortsteile.geojson\` fixed the order (6 decimals).
- What was changed: coordinates rounded to 5 decimals (~1 m), consecutive duplicate points removed, rings oriented per
  RFC 7946; boundaries simplified at ${LEIPZIG_SIMPLIFY_TOLERANCE}° (about 3 m) arc by arc, shared between neighbouring
  Ortsteile so that no gaps open (${fmtInt(lz.simplify.positionsBefore)} → ${fmtInt(lz.simplify.positionsAfter)} positions,
  ${fmtInt(lz.bytesDetailed)} → ${fmtInt(lz.bytesOrtsteile)} bytes); properties reduced to \`id\` (= \`ot_nr\`, 2 digits with leading zero) and \`name\`. Stadtbezirke (first digit of
  \`ot_nr\`) and the city outline are dissolved from the Ortsteile with \`turf.union\`; holes/parts below
  ${LEIPZIG_MIN_KM2} km² would be dropped as slivers (removed: ${lz.dissolve.removed.holes.length} holes,
  ${lz.dissolve.removed.parts.length} parts).
- Caveat: geometry validity was not checked with GEOS; the dissolves produce exactly one polygon without holes for each
  Stadtbezirk and the city.

## 3. Kreis boundaries (\`bkg-vg5000\`)

- Publisher: ${s['bkg-vg5000'].publisher.de}.
- Licence: ${lic}.
- Attribution: \`${s['bkg-vg5000'].attribution}\` – link "GeoBasis-DE / BKG" to https://www.bkg.bund.de.
- Vintage: VG5000 (1:5,000,000), Stand 01.01.2021.
- Origin: \`Praesklepios/geoGermany\` commit \`7af434f1917117f1101e6f2237b3c50422cc46bc\`, \`VG5000_KRS.shp\` (original BKG
  download), reprojected to EPSG:4326 with 5 decimals (\`vg5000_kreise_2021-01-01.geojson\`).
- What was changed:
  - **Eisenach (16056) is dropped as a separate feature**: it was merged into the Wartburgkreis (16063) on 01.07.2021 and
    has no statistics; the statistics of 16063 are for the merged Kreis (area ${fmtNum(kr.wartburgArea2021)} km² in 2021), so Eisenach's
    polygon was unioned into 16063. Result: ${kr.kreise} Kreise.
  - Names: \`GEN\`; where a \`GEN\` occurs twice, the Landkreis/Kreis gets its \`BEZ\` in parentheses (e.g.
    "München (Landkreis)" vs "München"); ${kr.kreisNamesDisambiguated} names were disambiguated.
  - Länder (first two digits of the AGS) dissolved from the Kreise, Germany from the Länder, with \`turf.union\`.
    Holes/parts below ${KREISE_MIN_KM2} km² are dropped as slivers (removed: ${kr.dissolve.removed.holes.length} holes,
    ${kr.dissolve.removed.parts.length} parts – VG5000 Kreise fit together exactly). The remaining holes are real: Berlin in
    Brandenburg, the city of Bremen in Niedersachsen, and the Austrian exclave-like municipality Jungholz (7.1 km²) in
    Bavaria (Germany's only hole); islands and exclaves (e.g. Büsingen, Neuwerk) remain as separate parts (Germany:
    ${kr.dissolve.bund.parts} parts).
  - Coordinates rounded to 5 decimals, duplicate points removed, rings oriented per RFC 7946.

## 4. INKAR indicators (\`inkar\`)

- Publisher: ${s.inkar.publisher.de}.
- Licence: ${lic} (as stated in the GERDA documentation; verify INKAR's licence text on inkar.de before release).
- Attribution: \`${s.inkar.attribution}\`
- Vintage: 1995–2022, Kreis boundaries of 31.12.2021.
- Origin: \`hhilbig/gerda\` commit \`8124aa7db4e74ed2c5bf67e1a2bdcdc078969ada\`, \`R/sysdata.rda\`
  (\`county_covariates_internal\`), converted to CSV unchanged (\`inkar_kreise_1995_2022.csv\`). Paper: Heddesheimer,
  Sichart, Wiedemann, Hilbig (2025), Scientific Data, doi:10.1038/s41597-025-04811-5.
- What was changed: joined on \`county_code\` = AGS and year; 13 of the 30 variables are shipped under German column
  names (see catalog.json: each definition names the INKAR code). Empty = missing; real zeros are kept, except:
  - \`share_abitur\`: ${kr.zeros.share_abitur} zeros → missing (0 is the source's missing code here, e.g. Landkreise Bamberg,
    Schweinfurt, Würzburg in most years and many Niedersachsen Kreise in 2020).
  - \`tax_revenue_per_capita\`: ${kr.zeros.tax_revenue_per_capita} zeros → missing (1997, eight East German Kreise incl. Leipzig;
    a municipal tax capacity of 0 is impossible).
  - \`cars_per_capita\`: ${kr.negatives.cars_per_capita} negative value (−0.01, 07235 in 2013) → missing.
- Derived numerators for population-weighted aggregation (rounded to 1 decimal, empty if an input is empty):
  \`auslaender_est\` = auslaenderanteil · einwohner / 100, \`ab65_est\`, \`frauen_est\` likewise, \`bip_est\` = bip_je_ew ·
  einwohner (**thousand euros**: INKAR's GDP per capita is in thousand euros, e.g. Leipzig 2021 = 39.55, although the
  GERDA codebook says "euros"), \`steuerkraft_est\` = steuerkraft_je_ew · einwohner (euros), \`pkw_est\` = pkw_je_1000 ·
  einwohner / 1000. They use the Destatis population, not INKAR's own denominators, so Land/Bund values are
  approximations; 2022 has no Destatis population, so no aggregates for 2022.
- Caveats: INKAR indicators are partly estimated and definitions change over time. Visible breaks (catalog yearNotes):
  \`unemployment_rate\` 2005 (Hartz IV), \`share_longterm_unemployed\` 2007/2008 (implausibly low values in many Kreise,
  e.g. Leipzig 17.6 in 2008 between ~45 values), \`share_foreign\` and \`share_female\` 2011 (Zensus 2011),
  \`cars_per_capita\` 2008 (KBA stops counting temporarily deregistered cars), \`share_abitur\` 2011 (double cohorts) and
  2020 (Niedersachsen back to G9). \`building_permits_per_capita\` is labelled "per 10,000 inhabitants" in the codebook,
  but the magnitudes fit **dwellings per 1,000 residents** (Leipzig 2019: 6.34 ≈ 3,800 dwellings); the column keeps the
  id \`baugenehmigungen_je_10000\` and the catalog labels it "je 1.000 Einwohner" (unit \`per1000\`).
  \`unemployment_rate\` covers 1998–2021, \`youth_unemployment_rate\` 2008–2022, \`tax_revenue_per_capita\` 1995–2019,
  \`gdp_per_capita\` 1995–2021.

## 5. Area and population (\`destatis\`)

- Publisher: ${s.destatis.publisher.de} (Gemeindeverzeichnis / Regionalstatistik).
- Licence: ${lic} (Destatis open data).
- Attribution: \`${s.destatis.attribution}\`
- Vintage: 1990–2021 (31.12.), harmonised by GERDA to the 2021 Kreis boundaries.
- Origin: \`hhilbig/gerda\` commit \`905cc3fdcfb938f8b07decca02c0a005babd313c\`, \`data/rds/cty_area_pop_emp.rds\`, converted
  to CSV (\`destatis_kreise_flaeche_bevoelkerung_1990_2021.csv\`).
- What was changed:
  - \`einwohner\` = \`population_cty\` · 1000, rounded to an integer. **The source is in thousands with one decimal, so the
    counts are rounded to 100** (2021 has exact values).
  - \`flaeche_km2\` = \`area_cty\`; \`bevoelkerungsdichte\` = einwohner / flaeche_km2 (1 decimal), recomputed (the source's
    \`pop_density_cty\` is not used).
  - **Obvious errors set to missing** (rule: value more than 1.5× (population) or 1.3× (area) above or below the median
    of the same Kreis over all years). Population: ${flagged(kr.flagged.population, 'thousand')}. Area:
    ${flagged(kr.flagged.area, 'km²')}.
- Caveats: 2011→2012 break from the Zensus 2011 revision (Germany −1.3 million); area is not harmonised in every year
  (e.g. Leipzig 1990–1998 274–282 km² vs 297–298 km² from 1999, while population is harmonised), so densities before
  boundary reforms are slightly off. Years: ${kr.years[0]}–${kr.years[kr.years.length - 1]} (INKAR only 1995–2022,
  Destatis only 1990–2021).

${gemeindenMd(gm)}`;
}

function gemeindenMd(gm) {
  const s = SOURCES;
  const lic = `[${s.zensus2022.licenceName} (${s.zensus2022.licence})](${s.zensus2022.licenceUrl})`;
  const srcCol = Object.fromEntries(ZENSUS_COLUMNS.map(([c, src]) => [c, src]));
  const suppressedRows = ZENSUS_COLUMNS.map(([c, src]) => `| \`${c}\` | \`${src}\` | ${fmtInt(gm.suppressed[c])} |`).join('\n');
  const mergerRows = GEMEINDE_MERGERS.map((m) => {
    const parts = Object.entries(m.parts).map(([a, n]) => `${a} ${n}`).join(', ');
    return `| ${m.id} ${m.name} | ${parts} | ${m.how.en} |`;
  }).join('\n');
  const byLand = Object.entries(gm.gemeindefreiByLand)
    .sort((a, b) => b[1] - a[1] || cmpStr(a[0], b[0]))
    .map(([l, n]) => `${l} ${n}`)
    .join(', ');
  const pct = (x) => fmtNum(roundTo(x, 1));
  const a = gm.age;
  return `## 6. Zensus 2022 per Gemeinde (\`zensus2022\`) – site \`gemeinden\`

- Publisher: ${s.zensus2022.publisher.de}.
- Licence: ${lic}.
- Attribution: \`${s.zensus2022.attribution}\`
- Vintage: ${s.zensus2022.vintage.de} (one reference date; stored as year ${GEMEINDEN_YEAR}).
- Origin: \`hhilbig/gerda\` commit \`8124aa7db4e74ed2c5bf67e1a2bdcdc078969ada\`, \`R/sysdata.rda\` (\`census_2022_internal\`),
  converted to CSV unchanged (\`zensus2022_gemeinden.csv\`, ${fmtInt(gm.zensusRows)} Gemeinden). Boundaries: BKG VG5000
  \`VG5000_GEM.shp\` (Stand 01.01.2021, source \`bkg-vg5000\`, section 3), from the same commit of \`Praesklepios/geoGermany\`,
  reprojected to EPSG:4326 with 5 decimals (\`vg5000_gemeinden_2021-01-01.geojson\`, ${fmtInt(gm.vg5000Features)} features).
- Files: \`gemeinden/gemeinde.geojson\` (${fmtInt(gm.gemeinden)} Gemeinden, ${fmtInt(gm.bytes)} bytes), \`gemeinden/areas.csv\`,
  \`gemeinden/values.csv\` (${fmtInt(gm.valueRows)} rows, one per Gemeinde), \`gemeinden/first-view.json\`. Levels: Gemeinde →
  Kreis → Land → Bund. The upper levels are **the Kreise site's areas and geometry files** (\`kreise/kreis.geojson\`,
  \`land.geojson\`, \`bund.geojson\`; same ids and names in \`areas.csv\`); a Gemeinde's parent is its Kreis (first five digits
  of the AGS; the former Kreis 16056 Eisenach belongs to 16063, as in the Kreise site). ${fmtInt(gm.kreisfreie)} Kreise
  consist of one Gemeinde (the kreisfreie Städte, including Berlin and Hamburg).

What was derived:

- Values are shipped as published (shares with one decimal, household size and rent with two). Names are the Zensus
  \`municipality_name\` as published (e.g. "Flensburg, Stadt"), not VG5000's \`GEN\`.
- **Suppressed values stay empty** (never 0). The source has no zeros (${Object.values(gm.zeros).reduce((x, y) => x + y, 0)} in all value columns).
  Empty fields per column (of ${fmtInt(gm.zensusRows)} Gemeinden):

| column | source column | empty (suppressed) |
| --- | --- | ---: |
${suppressedRows}

- Reconstructed numerators for aggregation (1 decimal, empty when the share is empty): \`auslaender_est\`,
  \`einwanderungsgeschichte_est\`, \`unter18_est\`, \`alter18_29_est\`, \`alter30_49_est\`, \`alter50_64_est\`, \`ab65_est\`
  = share · einwohner / 100; \`leerstand_est\`, \`eigentum_est\` = share · wohnungen / 100; \`haushalte_est\` = einwohner /
  haushaltsgroesse (households; an approximation, because not all residents live in private households). The shares are
  rounded to one decimal, so aggregated shares are approximations to about ±0.05 percentage points.
- \`einwanderungsgeschichte_anteil\` is the Zensus 2022 concept "Einwanderungsgeschichte" (immigrated since 1950, or both
  parents did); GERDA labels \`${srcCol.einwanderungsgeschichte_anteil}\` "migration background".
- Not shipped: \`share_single_family_census22\` (implausible, e.g. 99.8 % in Flensburg).
- **Age shares: columns shipped, indicators not offered in the catalog.** The five shares (\`anteil_unter18\`,
  \`anteil_18_29\`, \`anteil_30_49\`, \`anteil_50_64\`, \`anteil_65plus\` from \`share_under18/18to29/30to49/50to64/65plus_census22\`)
  do partition the population: their sum is ${fmtNum(a.median)} in the median Gemeinde and within 100 ± 0.5 for
  ${fmtInt(a.within05)} of ${fmtInt(a.n)} Gemeinden with all five values (${pct(a.popWithin05 * 100)} % of their residents; range
  ${fmtNum(a.min)}–${fmtNum(a.max)}; a sum more than 3 points off 100 occurs only in Gemeinden of up to
  ${fmtInt(a.maxPopOff3)} residents). But the bands are not those of the column
  names nor those of the GERDA codebook ("50-59", "60+"): population-weighted national shares are
  ${a.national.join(' / ')} %, while Germany has roughly 16–17 % under 18, 13 % aged 18–29, 25 % aged 30–49,
  23 % aged 50–64 (15–16 % aged 50–59) and 22 % aged 65+ (about 29 % aged 60+). The last band follows INKAR's share aged
  65+ (2021) per Kreis closely (correlation ${fmtNum(a.inkar65.corr)} over ${a.inkar65.n} Kreise) but lies
  ${fmtNum(a.inkar65.minDiff)}–${fmtNum(a.inkar65.maxDiff)} points (median ${fmtNum(a.inkar65.medianDiff)}) below it – about the
  size of two birth cohorts, i.e. it looks like "67 and older"; the magnitudes fit bands of roughly under 15/16, 15/16–24,
  25–59, 60–66 and 67+. This is an inference from the data, not verified against the official Zensus table: check before
  offering these indicators (\`SHIP_AGE_INDICATORS\` in \`scripts/prepare-data.mjs\`).

Geometry:

- Matching on the AGS (VG5000 \`AGS\` ↔ Zensus \`ags\`). Every Zensus Gemeinde has a polygon; no Gemeinde is lost from the
  Kreis sums.
- **Gemeinden merged between 01.01.2021 (boundaries) and 15.05.2022 (Zensus)**: the predecessors' polygons are dissolved
  with \`turf.union\` into the Zensus Gemeinde. They are the only non-gemeindefreie VG5000 features without a Zensus row; the
  script checks that each lies in the successor's Kreis (after the Eisenach Kreis merger), carries the expected name, and
  that the predecessors of a Gemeinde are contiguous (the old town of Langelsheim brings its own small exclave and hole).

| Zensus Gemeinde | VG5000 features dissolved | change |
| --- | --- | --- |
${mergerRows}

- **${fmtInt(gm.gemeindefrei)} gemeindefreie Gebiete are left out of the Gemeinde level** (${fmtInt(gm.gemeindefreiKm2)} km²; ${byLand}):
  unincorporated forests, lakes, military areas and the like without a municipality and without Zensus statistics. They
  show as gaps on the Gemeinde map; the Kreis, Land and Bund geometries still cover them. Two gemeindefreie Bezirke do have
  Zensus rows and are kept as Gemeinden: ${gm.gemeindefreiWithZensus.join('; ')}.
- Coordinates rounded to ${GEMEINDE_DECIMALS} decimals (~10 m; VG5000 is generalised for 1:5,000,000, its vertices are ~0.8–3 km apart),
  consecutive duplicate points and degenerate rings removed (${gm.degenerateRings} rings), rings oriented per RFC 7946;
  properties \`{id, name}\`, sorted by id. Then a topology-preserving simplification: boundaries are cut into arcs at the
  points where three or more Gemeinden (or the outline) meet, every arc is simplified once with \`turf.simplify\`
  (tolerance ${GEMEINDE_SIMPLIFY_TOLERANCE}°, highQuality false) and used by both neighbours, so no gaps or overlaps appear.
  Because VG5000 is already strongly generalised this removes almost nothing (${fmtInt(gm.simplify.positionsBefore)} →
  ${fmtInt(gm.simplify.positionsAfter)} positions, ${fmtInt(gm.bytesRounded)} → ${fmtInt(gm.bytes)} bytes; the target was
  ${fmtInt(GEMEINDE_TARGET_BYTES)} bytes). Self-intersections or touching rings (\`turf.kinks\`): ${gm.kinks.source} Gemeinden in the
  source, ${gm.kinks.shipped} in the shipped file.

Checks (all Gemeinden, computed by the script):

- Population: sum ${fmtInt(gm.einwohner)} = the Zensus 2022 total (asserted).
- Dwellings: sum ${fmtInt(gm.wohnungen)} (published Zensus total: 43,106,589 dwellings).
- Vacancy: sum of \`leerstand_est\` = ${fmtInt(Math.round(gm.leerstand))} vacant dwellings, ${pct(gm.leerstandsquote)} % of the dwellings of
  Gemeinden with a value (published Zensus total: 1,924,985 vacant; Destatis' headline Leerstandsquote is 4.3 %, on a base not
  documented in the source).
- Owner occupancy: \`share_owner_occupied_census22\` is relative to **all dwellings**, not to occupied dwellings as the
  official Eigentümerquote: weighted by dwellings it gives ${pct(gm.eigentum.all)} % nationally, and only divided by occupied
  dwellings (wohnungen · (1 − leerstandsquote / 100)) ${pct(gm.eigentum.occupied)} %, close to the published 43.6 % (Saxony
  ${pct(gm.eigentumSachsen.all)} % vs ${pct(gm.eigentumSachsen.occupied)} %, published 34 %). The catalog therefore aggregates
  \`eigentum_est\` / \`wohnungen\` and labels the indicator "share of all dwellings".
- Households: \`haushalte_est\` sums to ${fmtInt(Math.round(gm.haushalte.sum))} for the ${fmtInt(gm.haushalte.n)} Gemeinden with a household
  size (${fmtInt(gm.haushalte.einwohner)} residents).
`;
}

// ---------------------------------------------------------------------------------------------
// main
// ---------------------------------------------------------------------------------------------

function main() {
  log(`shared data: ${SHARED}`);
  const lz = buildLeipzig();
  const kr = buildKreise();
  const gm = buildGemeinden(kr.upper);

  const catalog = sortKeysDeep({ sources: SOURCES, sites: [lz.site, kr.site, gm.site, GRID_SITE] });
  write('catalog.json', JSON.stringify(catalog, null, 2) + '\n');
  write('SOURCES.md', sourcesMd(lz.report, kr.report, gm.report));

  // --- summary ---
  const L = lz.report;
  const K = kr.report;
  log('Leipzig: zeros -> missing', JSON.stringify(L.zeros));
  log('Leipzig: _calc check', JSON.stringify(L.calcCheck));
  log(`Leipzig: einwohner sum 2000 = ${L.einwohner2000}, 2023 = ${L.einwohner2023}`);
  log('Leipzig: aggregation check', JSON.stringify(L.aggCheck));
  log('Leipzig: dissolve', JSON.stringify(L.dissolve));
  log('Kreise: zeros -> missing', JSON.stringify(K.zeros), 'negatives -> missing', JSON.stringify(K.negatives));
  log('Kreise: flagged Destatis values', JSON.stringify(K.flagged));
  log('Kreise: Leipzig (14713) unemployment rate', JSON.stringify(K.leipzigAlq));
  log('Kreise: dissolve', JSON.stringify(K.dissolve));
  log(`Kreise: ${K.valueRows} value rows, years ${K.years[0]}–${K.years[K.years.length - 1]}`);
  const G = gm.report;
  log(`Gemeinden: ${G.gemeinden} Gemeinden (${G.zensusRows} Zensus rows), ${G.gemeindefrei} gemeindefreie Gebiete left out`);
  log('Gemeinden: merged', JSON.stringify(G.mergers), 'degenerate rings dropped', G.degenerateRings);
  log(`Gemeinden: geometry ${G.bytesRounded} B rounded, ${G.bytes} B after simplification`, JSON.stringify(G.simplify));
  log('Gemeinden: suppressed', JSON.stringify(G.suppressed), 'zeros', JSON.stringify(G.zeros));
  log('Gemeinden: age shares', JSON.stringify(G.age));
  log('Gemeinden: dwellings', G.wohnungen, 'vacant', G.leerstand, 'owner', JSON.stringify(G.eigentum), JSON.stringify(G.eigentumSachsen));
  log('Gemeinden: households', JSON.stringify(G.haushalte));
  // gzip sizes only for the log: zlib output may differ between Node versions.
  for (const f of written.sort(cmpStr)) {
    const bytes = fs.readFileSync(path.join(ROOT, f));
    log(`  ${f}  ${bytes.length} B  (gzip ${zlib.gzipSync(bytes, { level: 9 }).length} B)`);
  }
  log(`done in ${(Number(process.hrtime.bigint() - started) / 1e9).toFixed(1)} s`);
}

main();
