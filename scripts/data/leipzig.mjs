// Leipzig (site `leipzig`): the city's statistics per Ortsteil 2000–2023 and its boundaries; the
// Stadtbezirke and the city are dissolved from the Ortsteile. Also writes the test fixture
// tests/fixtures/leipzig-official.csv (the official Stadtbezirk and city figures).
import path from 'node:path';
import { csvParse, csvParseRows } from 'd3-dsv';
import { belowText, csvText, geometryPath, sitePaths } from '../../src/lib/data/site-package.js';
import { roundTo, cmpStr } from '../lib/format.mjs';
import { cleanGeometry, dissolve, boundsOf, featureCollectionText, shapeStats } from '../lib/geo.mjs';
import { simplifySharedBoundaries } from '../lib/topo-simplify.mjs';
import { LEIPZIG_BEZIRKE, LEIPZIG_YEAR_NOTES, LEIPZIG_INDICATORS } from '../lib/meta/leipzig.mjs';
import { LEIPZIG_DIR, ROOT, num, range, readText } from '../lib/source-input.mjs';
import { STRICT, checkAggColumns, labelPoint, write, writeAreas, writeFirstView, writeValues, yearsWithValues } from '../lib/site-output.mjs';

const FIXTURE = path.join(ROOT, 'tests', 'fixtures', 'leipzig-official.csv');
const LEIPZIG_CITY_ID = '14713000';
const LEIPZIG_YEARS = range(2000, 2023);
const DIR = 'leipzig';
const PATHS = sitePaths(DIR);
const GEOMETRY = { ortsteil: geometryPath(DIR, 'ortsteil'), stadtbezirk: geometryPath(DIR, 'stadtbezirk'), stadt: geometryPath(DIR, 'stadt') };
export const LEIPZIG_SIMPLIFY_TOLERANCE = 0.00003; // degrees, about 3 m in Leipzig
// Sliver threshold for the dissolved geometries (holes/parts smaller than this are dropped).
export const LEIPZIG_MIN_KM2 = 0.05;
/** The SGB-II-Quote is truncated to whole percent: a "0" with recipients is "below 1 %". */
export const SGB2_QUOTE_BELOW = 1;

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

export function buildLeipzig() {
  const report = { zeros: {}, calcCheck: {}, sgb2Below: [] };

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
      if (out === 'sgb2_quote' && v === 0 && sgb2QuoteBelow(r)) {
        // A truncated share, not a missing one: see sgb2QuoteBelow.
        rec[out] = belowText(SGB2_QUOTE_BELOW);
        report.sgb2Below.push({ ot, name: r.ortsteil, year: Number(r.year), recipients: num(r.sgb2_leistungsberechtigte), residents: num(r.einwohner) });
        continue;
      }
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
  writeValues(PATHS.values, valueCols, valueRows);

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
  write(GEOMETRY.ortsteil, featureCollectionText(ortsteile));
  report.bytesOrtsteile = Buffer.byteLength(featureCollectionText(ortsteile));
  write(GEOMETRY.stadtbezirk, featureCollectionText(bezirke));
  write(GEOMETRY.stadt, featureCollectionText(stadt));
  report.dissolve = {
    removed,
    bezirke: bezirke.map((b) => `${b.id}:${JSON.stringify(shapeStats(b.geometry))}`),
    stadt: shapeStats(stadt[0].geometry),
  };

  // --- areas ---
  const areas = [
    ...ortsteile.map((o) => ({ id: o.id, name: o.name, level: 'ortsteil', parent: o.id[0], ...labelPoint(o.geometry) })),
    ...bezirke.map((b) => ({ id: b.id, name: b.name, level: 'stadtbezirk', parent: LEIPZIG_CITY_ID, ...labelPoint(b.geometry) })),
    { id: LEIPZIG_CITY_ID, name: 'Leipzig', level: 'stadt', parent: '', ...labelPoint(stadt[0].geometry) },
  ];
  writeAreas(PATHS.areas, areas);

  const site = {
    id: 'leipzig',
    label: { de: 'Leipzig – Ortsteile', en: 'Leipzig – districts (Ortsteile)' },
    bounds: boundsOf(ortsteile.map(asFeature)),
    geometrySource: 'leipzig-geo',
    levels: [
      { id: 'ortsteil', label: { de: 'Ortsteile', en: 'Districts (Ortsteile)' }, geometry: GEOMETRY.ortsteil, count: ortsteile.length },
      { id: 'stadtbezirk', label: { de: 'Stadtbezirke', en: 'Boroughs (Stadtbezirke)' }, geometry: GEOMETRY.stadtbezirk, count: bezirke.length },
      { id: 'stadt', label: { de: 'Stadt', en: 'City' }, geometry: GEOMETRY.stadt, count: stadt.length },
    ],
    ...PATHS,
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
 * Whether a "0" in the SGB-II-Quote (sgb2_quote_pct_trunc) is a share below 1 % that the export
 * truncated to 0, rather than the "-", "." or "x" (missing) it writes as 0 elsewhere: the Ortsteil has
 * residents and SGB II recipients (so the share is above 0), and recipients / residents is below 1 %.
 * The quote's own denominator (the reference population the city chose, about 70 % of the
 * residents in the years it can be bounded) is not published but never exceeds the residents, so
 * recipients / residents is a lower bound of the quote; below 1 % it cannot contradict the "0".
 * In 2008–2022 this holds for exactly one cell: Plaußig-Portitz 2022 (21 recipients, 3,229
 * residents: ≥ 0.65 %).
 */
function sgb2QuoteBelow(r) {
  const recipients = num(r.sgb2_leistungsberechtigte);
  const residents = num(r.einwohner);
  return recipients !== null && residents !== null && recipients > 0 && residents > 0 && (recipients / residents) * 100 < SGB2_QUOTE_BELOW;
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
    csvText(cols, rows.map((r) => cols.map((c) => r[c])), STRICT),
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
