// The input files of the kepler.gl peer (scripts/bench-kepler.mjs): for a bundled site, the GeoJSON of the level
// our app shows first, each feature with the value of the site's default indicator and year joined on as the
// property `value` — the numbers of our first view (data/<site>/first-view.json, which the app paints first),
// missing values as null (never 0). The FeatureCollection carries what the kepler app needs to colour it like our
// map as a foreign member `quartiersatlas` (GeoJSON allows foreign members; kepler.gl reads only the features):
// label, the 5 colours of our palette for the indicator's direction, label points to check the colours of kepler's
// first frame, and the source attribution.
//
//   node scripts/kepler/make-input.mjs <out dir> [site …]     (default: leipzig gemeinden)
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { schemeBlues, schemeYlOrRd } from 'd3-scale-chromatic';

export const DATA_DIR = fileURLToPath(new URL('../../data/', import.meta.url));
/** The datasets of the peer benchmark: the name in `?data=` → the bundled site. */
export const KEPLER_DATASETS = { leipzig: 'leipzig', gemeinden: 'gemeinden' };
const CLASSES = 5;
/** Label points handed to the kepler app to check the colours of its first frame (scripts/kepler/src/main.js). */
const PROBES = 200;

/** Our palette's rule (src/lib/map/palette.ts, default scheme): YlOrRd for a direction, Blues for neutral, reversed for higher-better. */
function colours(direction) {
  const scheme = direction === 'neutral' ? schemeBlues : schemeYlOrRd;
  const list = [...scheme[CLASSES]];
  return direction === 'higher-better' ? list.reverse() : list;
}

/**
 * The kepler.gl input of a bundled site: its first level's GeoJSON with `value` joined on from first-view.json.
 * @param {string} siteId
 * @param {string} [dataDir]
 */
export function keplerInput(siteId, dataDir = DATA_DIR) {
  const catalog = JSON.parse(readFileSync(join(dataDir, 'catalog.json'), 'utf8'));
  const site = catalog.sites.find((s) => s.id === siteId);
  if (!site) throw new Error(`no site ${siteId} in ${dataDir}catalog.json`);
  const { ind, level, year } = site.defaults;
  if (!site.firstView) throw new Error(`site ${siteId} has no first view`);
  const first = JSON.parse(readFileSync(join(dataDir, site.firstView), 'utf8'));
  if (first.ind !== ind || first.year !== year || first.level !== level) {
    throw new Error(`${site.firstView} shows ${first.ind} ${first.year} (${first.level}), the defaults are ${ind} ${year} (${level})`);
  }
  const lvl = site.levels.find((l) => l.id === level);
  const indicator = site.indicators.find((i) => i.id === ind);
  const geojson = JSON.parse(readFileSync(join(dataDir, lvl.geometry), 'utf8'));
  let joined = 0;
  for (const feature of geojson.features) {
    const id = String(feature.properties.id);
    const value = Object.hasOwn(first.values, id) ? first.values[id] : null;
    if (value !== null) joined++;
    feature.properties = { id, name: feature.properties.name, value };
  }
  // Label points (inside each area, areas.csv) of up to PROBES areas with a value, evenly spread over the list.
  const labelled = readFileSync(join(dataDir, site.areas), 'utf8')
    .trim()
    .split('\n')
    .slice(1)
    .map((line) => line.split(','))
    .filter((cols) => cols.at(-4) === level && first.values[cols[0]] != null) // names may hold quoted commas: count from the end
    .map((cols) => [Number(cols.at(-2)), Number(cols.at(-1))]);
  const step = Math.max(1, labelled.length / PROBES);
  const probes = [];
  for (let i = 0; i < labelled.length && probes.length < PROBES; i += step) probes.push(labelled[Math.floor(i)]);
  const source = catalog.sources?.[indicator.source] ?? null;
  geojson.quartiersatlas = {
    site: siteId,
    level,
    indicator: ind,
    year,
    label: `${indicator.label.de} ${year}`,
    colours: colours(indicator.direction),
    areas: geojson.features.length,
    withValue: joined,
    probes,
    attribution: source?.attribution ?? source?.citation ?? null,
  };
  return geojson;
}

/** Writes `<out>/<name>.geojson` for each dataset; returns the files and their sizes. */
export function writeKeplerInputs(outDir, names = Object.keys(KEPLER_DATASETS), dataDir = DATA_DIR) {
  mkdirSync(outDir, { recursive: true });
  return names.map((name) => {
    const site = KEPLER_DATASETS[name];
    if (!site) throw new Error(`unknown dataset ${name} (known: ${Object.keys(KEPLER_DATASETS).join(', ')})`);
    const text = JSON.stringify(keplerInput(site, dataDir));
    const path = join(outDir, `${name}.geojson`);
    writeFileSync(path, text);
    return { name, path, bytes: Buffer.byteLength(text) };
  });
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const [out, ...names] = process.argv.slice(2);
  if (!out) {
    console.error('usage: node scripts/kepler/make-input.mjs <out dir> [leipzig|gemeinden …]');
    process.exit(2);
  }
  for (const f of writeKeplerInputs(out, names.length ? names : undefined)) console.log(`${f.path}: ${f.bytes} bytes`);
}
