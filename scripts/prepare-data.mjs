#!/usr/bin/env node
// Build the app's shipped data (data/) and the Leipzig test fixture from the openly licensed
// source files in ../shared/data (override with env SHARED_DATA). Run with `npm run data`.
//
// Output is deterministic: stable key order, fixed number formatting, sorted rows, no timestamps.
// See data/SOURCES.md (written by this script) for provenance, changes and caveats.

import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { csvParse, csvParseRows } from 'd3-dsv';
import { roundTo, fmtNum, csvText, jsonObjectOrdered, cmpStr } from './lib/format.mjs';
import { cleanGeometry, dissolve, boundsOf, featureCollectionText, shapeStats } from './lib/geo.mjs';
import {
  SOURCES,
  LEIPZIG_BEZIRKE,
  LAENDER,
  LEIPZIG_YEAR_NOTES,
  LEIPZIG_INDICATORS,
  KREISE_INDICATORS,
} from './lib/meta.mjs';

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
  const ortsteile = geo.features.map((f) => {
    const id = f.properties.ot_nr;
    if (names.get(id) !== f.properties.ortsteil) throw new Error(`name mismatch for ${id}`);
    return { id, name: f.properties.ortsteil, geometry: cleanGeometry(f.geometry).geometry };
  });
  ortsteile.sort((a, b) => cmpStr(a.id, b.id));
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
  write('leipzig/stadtbezirk.geojson', featureCollectionText(bezirke));
  write('leipzig/stadt.geojson', featureCollectionText(stadt));
  report.dissolve = {
    removed,
    bezirke: bezirke.map((b) => `${b.id}:${JSON.stringify(shapeStats(b.geometry))}`),
    stadt: shapeStats(stadt[0].geometry),
  };

  // --- areas ---
  const areas = [
    ...ortsteile.map((o) => [o.id, o.name, 'ortsteil', o.id[0]]),
    ...bezirke.map((b) => [b.id, b.name, 'stadtbezirk', LEIPZIG_CITY_ID]),
    [LEIPZIG_CITY_ID, 'Leipzig', 'stadt', ''],
  ];
  write('leipzig/areas.csv', csvText(['id', 'name', 'level', 'parent'], areas));

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
    ...kreise.map((k) => [k.id, k.name, 'kreis', k.id.slice(0, 2)]),
    ...laender.map((l) => [l.id, l.name, 'land', 'DE']),
    ['DE', 'Deutschland', 'bund', ''],
  ];
  write('kreise/areas.csv', csvText(['id', 'name', 'level', 'parent'], areas));

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
  return { site, report };
}
function div(v, d) {
  return v === null ? null : v / d;
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

function sourcesMd(lz, kr) {
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
npm run data                      # = node scripts/prepare-data.mjs
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
| \`*/first-view.json\` | base-level values of the default view (level, indicator, year) |

Conventions: empty field = missing (never 0 for "missing"); numbers in plain form with \`.\` as decimal point;
GeoJSON in EPSG:4326 with 5 decimals and properties \`{id, name}\`.

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
  RFC 7946; properties reduced to \`id\` (= \`ot_nr\`, 2 digits with leading zero) and \`name\`. Stadtbezirke (first digit of
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
`;
}

// ---------------------------------------------------------------------------------------------
// main
// ---------------------------------------------------------------------------------------------

function main() {
  log(`shared data: ${SHARED}`);
  const lz = buildLeipzig();
  const kr = buildKreise();

  const catalog = sortKeysDeep({ sources: SOURCES, sites: [lz.site, kr.site] });
  write('catalog.json', JSON.stringify(catalog, null, 2) + '\n');
  write('SOURCES.md', sourcesMd(lz.report, kr.report));

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
  for (const f of written.sort(cmpStr)) log(`  ${f}  ${fs.statSync(path.join(ROOT, f)).size} B`);
  log(`done in ${(Number(process.hrtime.bigint() - started) / 1e9).toFixed(1)} s`);
}

main();
