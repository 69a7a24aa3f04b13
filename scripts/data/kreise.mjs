// Germany – Kreise (site `kreise`): INKAR indicators and Destatis area/population per Kreis
// 1990–2022 on the VG5000 boundaries; the Länder and Germany are dissolved from the Kreise.
import path from 'node:path';
import { csvParse } from 'd3-dsv';
import { geometryPath, sitePaths } from '../../src/lib/data/site-package.js';
import { roundTo, cmpStr } from '../lib/format.mjs';
import { cleanGeometry, dissolve, boundsOf, featureCollectionText, shapeStats } from '../lib/geo.mjs';
import { LAENDER, KREISE_INDICATORS } from '../lib/meta/kreise.mjs';
import { KREISE_DIR, div, mul, num, range, readText } from '../lib/source-input.mjs';
import { checkAggColumns, labelPoint, write, writeAreas, writeFirstView, writeValues, yearsWithValues } from '../lib/site-output.mjs';

const KREISE_YEARS = range(1990, 2022);
const DIR = 'kreise';
const PATHS = sitePaths(DIR);
const GEOMETRY = { kreis: geometryPath(DIR, 'kreis'), land: geometryPath(DIR, 'land'), bund: geometryPath(DIR, 'bund') };
// Sliver threshold for the dissolved geometries (holes/parts smaller than this are dropped).
export const KREISE_MIN_KM2 = 0.5;

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
// INKAR columns where a 0 means missing (not a real zero); the source writes missing values as empty
// cells, so a 0 elsewhere is a real zero (e.g. share_abitur of a Kreis without a Gymnasium).
const INKAR_ZERO_IS_MISSING = new Set(['tax_revenue_per_capita']);
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

export function buildKreise() {
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
      if (v === 0) {
        report.zeros[s]++;
        if (INKAR_ZERO_IS_MISSING.has(s)) v = null;
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
  write(GEOMETRY.kreis, featureCollectionText(kreise));
  write(GEOMETRY.land, featureCollectionText(laender));
  write(GEOMETRY.bund, featureCollectionText(bund));
  report.dissolve = {
    removed,
    laender: laender.map((l) => `${l.id}:${JSON.stringify(shapeStats(l.geometry))}`),
    bund: shapeStats(bund[0].geometry),
  };

  // --- areas ---
  const areas = [
    ...kreise.map((k) => ({ id: k.id, name: k.name, level: 'kreis', parent: k.id.slice(0, 2), ...labelPoint(k.geometry) })),
    ...laender.map((l) => ({ id: l.id, name: l.name, level: 'land', parent: 'DE', ...labelPoint(l.geometry) })),
    { id: 'DE', name: 'Deutschland', level: 'bund', parent: '', ...labelPoint(bund[0].geometry) },
  ];
  writeAreas(PATHS.areas, areas);

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
  writeValues(PATHS.values, KREISE_COLUMNS, valueRows);

  const site = {
    id: 'kreise',
    label: { de: 'Deutschland – Kreise', en: 'Germany – districts (Kreise)' },
    bounds: boundsOf(kreise.map(asFeature)),
    geometrySource: 'bkg-vg5000',
    levels: [
      { id: 'kreis', label: { de: 'Kreise', en: 'Districts (Kreise)' }, geometry: GEOMETRY.kreis, count: kreise.length },
      { id: 'land', label: { de: 'Länder', en: 'States (Länder)' }, geometry: GEOMETRY.land, count: laender.length },
      { id: 'bund', label: { de: 'Deutschland', en: 'Germany' }, geometry: GEOMETRY.bund, count: bund.length },
    ],
    ...PATHS,
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
