// Germany – Gemeinden (site `gemeinden`): Zensus 2022 per Gemeinde on the VG5000 boundaries of
// 01.01.2021 (Gemeinden merged in between are dissolved); the upper levels are the Kreise site's.
import path from 'node:path';
import * as turf from '@turf/turf';
import { csvParse } from 'd3-dsv';
import { geometryPath, sitePaths } from '../../src/lib/data/site-package.js';
import { roundTo, fmtInt, fmtNum, cmpStr } from '../lib/format.mjs';
import { cleanGeometry, dissolve, boundsOf, featureCollectionText, shapeStats } from '../lib/geo.mjs';
import { simplifySharedBoundaries } from '../lib/topo-simplify.mjs';
import { LAENDER } from '../lib/meta/kreise.mjs';
import { GEMEINDE_MERGERS, gemeindenIndicators } from '../lib/meta/gemeinden.mjs';
import { KREISE_DIR, num, readText } from '../lib/source-input.mjs';
import { checkAggColumns, labelPoint, write, writeAreas, writeFirstView, writeSiteValues, yearsWithValues } from '../lib/site-output.mjs';

export const GEMEINDEN_YEAR = 2022;
const DIR = 'gemeinden';
const PATHS = sitePaths(DIR);
const GEOMETRY = geometryPath(DIR, 'gemeinde');
// VG5000 is generalised for 1:5,000,000; 4 decimals (~10 m) lose nothing visible.
export const GEMEINDE_DECIMALS = 4;
// Douglas–Peucker tolerance (degrees) for the shared-boundary simplification of the Gemeinden.
export const GEMEINDE_SIMPLIFY_TOLERANCE = 0.0005;
export const GEMEINDE_TARGET_BYTES = 3_500_000;
// The five age shares of the source do not fit their labels (see SOURCES.md): their columns are
// written to values.csv, but the indicators are not offered in the catalog until that is resolved.
// (data/SOURCES.md still places this switch in scripts/prepare-data.mjs: changing the text would change data/.)
const SHIP_AGE_INDICATORS = false;
const GEMEINDEFREI = 'Gemeindefreies Gebiet';
/** Kreis of a Gemeinde: the first five digits of the AGS; Eisenach (16056) is part of 16063. */
const kreisOf = (ags) => (ags.slice(0, 5) === '16056' ? '16063' : ags.slice(0, 5));

/** Zensus value columns: [output column, source column, integer?]. */
export const ZENSUS_COLUMNS = [
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

export function buildGemeinden(upper) {
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
  write(GEOMETRY, geoText);

  // --- areas: Gemeinden under the Kreise site's Kreise, Länder and Bund (same ids and names) ---
  const kreisIds = new Set(upper.areas.filter((a) => a.level === 'kreis').map((a) => a.id));
  const perKreis = new Map();
  for (const id of ids) {
    const k = kreisOf(id);
    if (!kreisIds.has(k)) throw new Error(`Gemeinde ${id}: no Kreis ${k}`);
    perKreis.set(k, (perKreis.get(k) ?? 0) + 1);
  }
  for (const k of kreisIds) if (!perKreis.has(k)) throw new Error(`Kreis ${k} has no Gemeinde`);
  report.kreisfreie = [...perKreis.values()].filter((n) => n === 1).length;
  const pointOf = new Map(gemeinden.map((g) => [g.id, labelPoint(g.geometry)]));
  const areas = [
    ...ids.map((id) => ({ id, name: zensus.get(id).name, level: 'gemeinde', parent: kreisOf(id), ...pointOf.get(id) })),
    ...upper.areas,
  ];
  writeAreas(PATHS.areas, areas);

  // --- values ---
  const valueRows = ids.map((id) => ({ id, year: GEMEINDEN_YEAR, rec: zensus.get(id).rec }));

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
        geometry: GEOMETRY,
        count: gemeinden.length,
      },
      // Kreise, Länder and Germany: the Kreise site's levels and geometry files, not copies.
      ...upper.levels,
    ],
    ...PATHS,
    defaults: { level: 'gemeinde', ind: 'auslaenderanteil', year: GEMEINDEN_YEAR },
    indicators: indicators.map((ind) => ({ ...ind, years: yearsWithValues(valueRows, ind.column) })),
  };
  checkAggColumns(site, GEMEINDEN_COLUMNS);
  // More than 1,000 Gemeinden: one Parquet file per indicator (values/<id>.parquet), read when shown.
  writeSiteValues(site, DIR, GEMEINDEN_COLUMNS, valueRows);
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
