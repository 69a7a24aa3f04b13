// A deterministic synthetic site for the scale benchmark (`npm run bench -- --only scale`):
// N small hexagonal cells covering Germany (default 100,000, ~3.5 km² each), every cell inside a real
// Kreis (its parent, found by the cell's centre in data/kreise/kreis.geojson), with the Kreise, Länder
// and Germany as the levels above, and 10 indicators × 20 years (5 counts, 5 rates from numerator and
// denominator counts, a few missing values). Written as a site package (src/lib/data/site-package.js)
// into a directory that is not committed, with the site's catalog entry and its source beside it.
// More than VALUE_PARTS_MIN_AREAS cells (the benchmark's case): the values as one Parquet file per
// indicator (values/<id>.parquet, the catalog entry's valueParts) and the wide table at values/all.csv.
//
//   node scripts/synthetic-scale.mjs [--areas N] [--seed S] [--out DIR] [--no-tiles]   (default DIR: dist-scale/data-N)
//
// Same arguments, same bytes. The cells are a hexagon lattice whose shared vertices are jittered by a
// hash of the vertex (neighbours stay gap-free); cells whose centre lies in no Kreis are dropped, and
// the surplus over N is dropped by a seeded shuffle (a few scattered holes).
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as turf from '@turf/turf';
import { areaFeature, areasCsv, firstViewJson, valuesCsv, valuePartsTablePath, VALUE_PARTS_MIN_AREAS } from '../src/lib/data/site-package.js';
import { valueParts } from './lib/value-parts.mjs';
import { writeLevelTiles } from './tiles/vector-tiles.mjs';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
export const SCALE_SITE_ID = 'synthetic-scale';
export const SCALE_SOURCE_ID = 'synthetic-scale';
export const SCALE_BASE_LEVEL = 'zelle';
const GERMANY_KM2 = 357_600;
const LAT0 = 51.2;
const KM_PER_DEG_LAT = 110.57;
const KM_PER_DEG_LON = 111.32 * Math.cos((LAT0 * Math.PI) / 180);
const r5 = (x) => Math.round(x * 1e5) / 1e5;
const r1 = (x) => Math.round(x * 10) / 10;

/** mulberry32: a small seeded PRNG, uniform in [0, 1). */
export function rng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A hash of two integers and the seed, uniform in [0, 1). */
function hash2(a, b, seed) {
  let h = Math.imul(a ^ 0x9e3779b9, 0x85ebca6b) ^ Math.imul(b ^ 0xc2b2ae35, 0x27d4eb2f) ^ seed;
  h = Math.imul(h ^ (h >>> 16), 0x7feb352d);
  h = Math.imul(h ^ (h >>> 15), 0x846ca68b);
  return ((h ^ (h >>> 16)) >>> 0) / 4294967296;
}

const readJson = (rel) => JSON.parse(fs.readFileSync(path.join(ROOT, rel), 'utf8'));

/** The Kreise with their bounding boxes, for the centre-in-Kreis test. */
function kreisIndex() {
  return readJson('data/kreise/kreis.geojson').features.map((f) => ({ feature: f, id: f.properties.id, bbox: turf.bbox(f) }));
}

function kreisOf(kreise, lon, lat) {
  const pt = [lon, lat];
  for (const k of kreise) {
    const [w, s, e, n] = k.bbox;
    if (lon < w || lon > e || lat < s || lat > n) continue;
    if (turf.booleanPointInPolygon(pt, k.feature)) return k.id;
  }
  return null;
}

/** Hexagon cells (circumradius r km) whose centre lies in a Kreis: [{ring, lon, lat, kreis}]. */
function hexCells(kreise, r, seed) {
  const [w, s, e, n] = [5.8, 47.2, 15.1, 55.1];
  const x0 = (w - 10) * KM_PER_DEG_LON;
  const x1 = (e - 10) * KM_PER_DEG_LON;
  const y0 = (s - LAT0) * KM_PER_DEG_LAT;
  const y1 = (n - LAT0) * KM_PER_DEG_LAT;
  const dx = Math.sqrt(3) * r;
  const dy = 1.5 * r;
  const toLon = (x) => r5(10 + x / KM_PER_DEG_LON);
  const toLat = (y) => r5(LAT0 + y / KM_PER_DEG_LAT);
  // A vertex is shared by three cells: its jitter depends only on its position (10 m lattice).
  const jitter = 0.12 * r;
  const vertex = (x, y) => {
    const ix = Math.round(x * 100);
    const iy = Math.round(y * 100);
    return [toLon(x + (hash2(ix, iy, seed) - 0.5) * 2 * jitter), toLat(y + (hash2(iy, ix, seed ^ 0x5bd1e995) - 0.5) * 2 * jitter)];
  };
  const cells = [];
  for (let row = 0, y = y0; y <= y1; row++, y = y0 + row * dy) {
    const off = row % 2 ? dx / 2 : 0;
    for (let col = 0, x = x0 + off; x <= x1; col++, x = x0 + off + col * dx) {
      const lon = toLon(x);
      const lat = toLat(y);
      const kreis = kreisOf(kreise, lon, lat);
      if (kreis === null) continue;
      // Pointy-top hexagon, counter-clockwise from the lower right (RFC 7946: outer rings counter-clockwise).
      const ring = [];
      for (let k = 0; k < 6; k++) {
        const a = ((-30 + 60 * k) * Math.PI) / 180;
        ring.push(vertex(x + r * Math.cos(a), y + r * Math.sin(a)));
      }
      ring.push(ring[0]);
      cells.push({ ring, lon, lat, kreis });
    }
  }
  return cells;
}

/** The 10 indicators: 5 counts (sum) and 5 rates (ratio of counts, scale 100). */
const COUNTS = [
  ['einwohner', 'Einwohner', 'Residents', 'persons'],
  ['auslaender', 'Ausländer', 'Foreign nationals', 'persons'],
  ['haushalte', 'Haushalte', 'Households', 'count'],
  ['wohnungen', 'Wohnungen', 'Dwellings', 'count'],
  ['erwerbspersonen', 'Erwerbspersonen', 'Labour force', 'persons'],
];
const RATES = [
  ['auslaenderanteil', 'Ausländeranteil', 'Share of foreign nationals', 'auslaender', 'einwohner', 'neutral'],
  ['anteil_65plus', 'Anteil 65 Jahre und älter', 'Share aged 65 and over', 'ab65', 'einwohner', 'neutral'],
  ['einpersonenhaushalte_anteil', 'Anteil Einpersonenhaushalte', 'Share of one-person households', 'ep_hh', 'haushalte', 'neutral'],
  ['leerstandsquote', 'Leerstandsquote', 'Vacancy rate', 'leer', 'wohnungen', 'higher-worse'],
  ['arbeitslosenquote', 'Arbeitslosenquote', 'Unemployment rate', 'arbeitslose', 'erwerbspersonen', 'higher-worse'],
];
/** values.csv columns: the counts, the rates' extra numerators, the rates. */
export const SCALE_COLUMNS = [...COUNTS.map((c) => c[0]), 'ab65', 'ep_hh', 'leer', 'arbeitslose', ...RATES.map((r) => r[0])];

/** One cell's values over the years: counts and rates from them; rare gaps (whole pairs missing, never 0). */
function cellValues(rand, years) {
  const pop0 = Math.max(20, Math.round(830 * Math.exp((rand() - 0.5) * 1.6)));
  const growth = (rand() - 0.45) * 0.02;
  const share = { auslaender: 0.02 + rand() * 0.25, ab65: 0.15 + rand() * 0.15, hh: 1.7 + rand() * 0.5, ep: 0.3 + rand() * 0.2, wohn: 1.02 + rand() * 0.08, leer: 0.01 + rand() * 0.09, erw: 0.45 + rand() * 0.1, al: 0.02 + rand() * 0.1 };
  const drift = (rand() - 0.5) * 0.004;
  return years.map((year, i) => {
    const einwohner = Math.round(pop0 * (1 + growth) ** i);
    const auslaender = Math.round(einwohner * Math.min(0.6, Math.max(0, share.auslaender + drift * i)));
    const ab65 = Math.round(einwohner * share.ab65);
    const haushalte = Math.max(1, Math.round(einwohner / share.hh));
    const ep_hh = Math.round(haushalte * share.ep);
    const wohnungen = Math.round(haushalte * share.wohn);
    const leer = Math.round(wohnungen * share.leer);
    const erwerbspersonen = Math.max(1, Math.round(einwohner * share.erw));
    const arbeitslose = Math.round(erwerbspersonen * share.al);
    const rec = { einwohner, auslaender, haushalte, wohnungen, erwerbspersonen, ab65, ep_hh, leer, arbeitslose };
    for (const [id, , , num, den] of RATES) rec[id] = r1((100 * rec[num]) / rec[den]);
    // A few gaps: the unemployment pair (0.5 %), the vacancy pair (0.2 %) — missing, not 0.
    if (rand() < 0.005) rec.arbeitslose = rec.arbeitslosenquote = null;
    if (rand() < 0.002) rec.leer = rec.leerstandsquote = null;
    return { year, rec };
  });
}

/** The catalog entry of the synthetic site and its source. */
function catalogEntry(n, bounds, years, kreisCount, landCount, dir) {
  const text = (de, en) => ({ de, en });
  const defn = text('Synthetische Testdaten für den Skalierungs-Benchmark (scripts/synthetic-scale.mjs).', 'Synthetic test data for the scale benchmark (scripts/synthetic-scale.mjs).');
  const indicators = [
    ...COUNTS.map(([id, de, en, unit]) => ({ agg: { type: 'sum' }, column: id, decimals: 0, definition: defn, direction: 'neutral', id, label: text(de, en), source: SCALE_SOURCE_ID, unit, years })),
    ...RATES.map(([id, de, en, num, den, direction]) => ({ agg: { den, num, scale: 100, type: 'ratio' }, column: id, decimals: 1, definition: defn, direction, id, label: text(de, en), source: SCALE_SOURCE_ID, unit: 'percent', years })),
  ];
  const site = {
    areas: `${dir}/areas.csv`,
    bounds,
    defaults: { ind: 'auslaenderanteil', level: SCALE_BASE_LEVEL, year: years[years.length - 1] },
    firstView: `${dir}/first-view.json`,
    geometrySource: SCALE_SOURCE_ID,
    id: SCALE_SITE_ID,
    indicators,
    label: text(`Synthetisch – ${n.toLocaleString('de-DE')} Zellen`, `Synthetic – ${n.toLocaleString('en')} cells`),
    levels: [
      { count: n, geometry: `${dir}/${SCALE_BASE_LEVEL}.geojson`, id: SCALE_BASE_LEVEL, label: text('Zellen', 'Cells') },
      { count: kreisCount, geometry: `${dir}/kreis.geojson`, id: 'kreis', label: text('Kreise', 'Districts (Kreise)') },
      { count: landCount, geometry: `${dir}/land.geojson`, id: 'land', label: text('Länder', 'States (Länder)') },
      { count: 1, geometry: `${dir}/bund.geojson`, id: 'bund', label: text('Deutschland', 'Germany') },
    ],
    values: `${dir}/values.csv`,
  };
  const source = {
    attribution: 'Synthetische Testdaten (Quartiersatlas); Kreis- und Ländergrenzen: © GeoBasis-DE / BKG 2021 (Daten verändert)',
    licence: 'dl-de/by-2-0',
    licenceName: 'Datenlizenz Deutschland – Namensnennung – Version 2.0',
    licenceUrl: 'https://www.govdata.de/dl-de/by-2-0',
    publisher: text('Quartiersatlas (synthetisch); Grenzen: BKG', 'Quartiersatlas (synthetic); boundaries: BKG'),
    vintage: text(`Zufallsdaten ${years[0]}–${years[years.length - 1]}`, `Random data ${years[0]}–${years[years.length - 1]}`),
  };
  return { site, source };
}

/**
 * Generates the synthetic site in memory. `dir` is the folder name the catalog paths use (the
 * site's folder under data/). Returns the files (text; value parts as bytes), by path in the site's
 * folder, and the catalog entry.
 * @param {{ areas?: number, seed?: number, firstYear?: number, years?: number, dir?: string }} [options]
 */
export function generateScale(options = {}) {
  const n = options.areas ?? 100_000;
  const seed = options.seed ?? 19;
  const years = Array.from({ length: options.years ?? 20 }, (_, i) => (options.firstYear ?? 2004) + i);
  const dir = options.dir ?? SCALE_SITE_ID;
  const kreise = kreisIndex();
  let cellKm2 = (GERMANY_KM2 / n) * 0.97;
  let cells = [];
  for (let attempt = 0; attempt < 6; attempt++) {
    cells = hexCells(kreise, Math.sqrt((2 * cellKm2) / (3 * Math.sqrt(3))), seed);
    if (cells.length >= n) break;
    cellKm2 *= (cells.length / n) * 0.98;
  }
  if (cells.length < n) throw new Error(`only ${cells.length} cells for ${n}`);
  // Drop the surplus by a seeded shuffle, keep lattice order (north–south stripes stay local).
  const rand = rng(seed);
  const order = cells.map((_, i) => i);
  for (let i = order.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [order[i], order[j]] = [order[j], order[i]];
  }
  const keep = new Set(order.slice(0, n));
  cells = cells.filter((_, i) => keep.has(i));
  const width = String(n).length;
  const ids = cells.map((_, i) => `Z${String(i + 1).padStart(width, '0')}`);

  const kreisAreas = fs.readFileSync(path.join(ROOT, 'data/kreise/areas.csv'), 'utf8').trim().split('\n').slice(1).map((l) => l.split(','));
  const usedKreise = new Set(cells.map((c) => c.kreis));
  const aboveRows = kreisAreas
    .filter(([id, , level]) => level !== 'kreis' || usedKreise.has(id))
    .map(([id, name, level, parent, lon, lat]) => ({ id, name, level, parent, lon: Number(lon), lat: Number(lat) }));
  const areaRows = [
    ...cells.map((c, i) => ({ id: ids[i], name: `Zelle ${ids[i].slice(1)}`, level: SCALE_BASE_LEVEL, parent: c.kreis, lon: c.lon, lat: c.lat })),
    ...aboveRows,
  ];

  const valueRows = [];
  const valueRand = rng(seed ^ 0xa5a5a5a5);
  for (const id of ids) for (const { year, rec } of cellValues(valueRand, years)) valueRows.push({ areaId: id, year, values: rec });

  const collection = (features) => `{"type":"FeatureCollection","features":[\n${features.map((f) => JSON.stringify(f)).join(',\n')}\n]}\n`;
  const levelFile = (level) => {
    const keepIds = new Set(aboveRows.filter((a) => a.level === level).map((a) => a.id));
    const text = fs.readFileSync(path.join(ROOT, `data/kreise/${level}.geojson`), 'utf8');
    return collection(JSON.parse(text).features.filter((f) => keepIds.has(f.properties.id)).map((f) => areaFeature(f.properties.id, f.properties.name, f.geometry)));
  };
  let w = 180;
  let s = 90;
  let e = -180;
  let nn = -90;
  for (const c of cells) {
    for (const [lon, lat] of c.ring) {
      w = Math.min(w, lon);
      e = Math.max(e, lon);
      s = Math.min(s, lat);
      nn = Math.max(nn, lat);
    }
  }
  const { site, source } = catalogEntry(
    n,
    [w, s, e, nn],
    years,
    usedKreise.size,
    aboveRows.filter((a) => a.level === 'land').length,
    dir,
  );
  /** @type {Record<string, string | Uint8Array>} */
  const partFiles = {};
  if (n > VALUE_PARTS_MIN_AREAS) {
    site.values = valuePartsTablePath(dir);
    const parts = valueParts(dir, site.indicators, valueRows);
    for (const [file, bytes] of Object.entries(parts.bytes)) partFiles[file.slice(dir.length + 1)] = bytes;
    site.valueParts = parts.entry;
  }
  const lastYear = years[years.length - 1];
  const firstValues = valueRows.filter((r) => r.year === lastYear).map((r) => [r.areaId, r.values[site.defaults.ind]]);
  const files = {
    [`${SCALE_BASE_LEVEL}.geojson`]: collection(cells.map((c, i) => areaFeature(ids[i], `Zelle ${ids[i].slice(1)}`, { type: 'Polygon', coordinates: [c.ring] }))),
    'kreis.geojson': levelFile('kreis'),
    'land.geojson': levelFile('land'),
    'bund.geojson': levelFile('bund'),
    'areas.csv': areasCsv(areaRows, { strict: true }),
    [site.values.slice(dir.length + 1)]: valuesCsv(SCALE_COLUMNS, valueRows, { strict: true }),
    'first-view.json': firstViewJson({ level: SCALE_BASE_LEVEL, ind: site.defaults.ind, year: lastYear, values: firstValues }),
    ...partFiles,
  };
  return { site, source, files };
}

/**
 * Writes the site's files into `<out>/<site id>/` and `<out>/catalog-entry.json`; returns the bytes per file.
 * The cells also get pre-built vector tiles (`zelle.pmtiles`, scripts/tiles/) and their catalog entry's
 * `tiles`, unless `tiles: false` (the GeoJSON path, for comparison).
 */
export function writeScale(out, options = {}) {
  const { site, source, files } = generateScale({ ...options, dir: SCALE_SITE_ID });
  const dir = path.join(out, SCALE_SITE_ID);
  fs.mkdirSync(dir, { recursive: true });
  const sizes = {};
  for (const [name, content] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    fs.writeFileSync(path.join(dir, name), content);
    sizes[name] = typeof content === 'string' ? Buffer.byteLength(content) : content.length;
  }
  if (options.tiles !== false) {
    const cells = site.levels.find((l) => l.id === SCALE_BASE_LEVEL);
    const written = writeLevelTiles(out, cells.geometry);
    cells.tiles = written.tiles;
    sizes[path.basename(written.tiles.url)] = written.bytes;
  }
  fs.writeFileSync(path.join(out, 'catalog-entry.json'), JSON.stringify({ site, source, sourceId: SCALE_SOURCE_ID }, null, 1));
  return sizes;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  const args = process.argv.slice(2);
  const opt = (name, fallback) => (args.includes(`--${name}`) ? args[args.indexOf(`--${name}`) + 1] : fallback);
  const areas = Number(opt('areas', 100_000));
  const seed = Number(opt('seed', 19));
  const out = path.resolve(opt('out', path.join(ROOT, `dist-scale/data-${areas}`)));
  const t0 = Date.now();
  const sizes = writeScale(out, { areas, seed, tiles: !args.includes('--no-tiles') });
  const mb = (b) => (b / 1024 / 1024).toFixed(1);
  for (const [name, bytes] of Object.entries(sizes)) console.log(`${SCALE_SITE_ID}/${name}: ${mb(bytes)} MB`);
  console.log(`${areas.toLocaleString('en')} cells, ${mb(Object.values(sizes).reduce((a, b) => a + b, 0))} MB in ${out} (${((Date.now() - t0) / 1000).toFixed(1)} s)`);
}
