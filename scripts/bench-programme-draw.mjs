// Benchmark of the whole pipeline of a drawn programme area (issue 17: "a drawn polygon over the
// 10,786 Gemeinden ≤ 1 s"): the polygon's members and weights against the prepared Gemeinden
// (data/programme-weights.ts, as the weights worker runs it), refined by the Zensus grid's residents,
// then its rows written into DuckDB and its value asked for (db/programme-areas.ts, db/queries.ts) —
// real bundled data in the real DuckDB-WASM Node engine, loaded through Vite's module runner (no
// build). Prints the median (min–max) of N runs per case; the one-off preparations once.
// Usage: node scripts/bench-programme-draw.mjs [--runs N] [--json]   (also a group of `npm run bench`: --only draw)
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';
import { runnerImport } from 'vite';

const args = process.argv.slice(2);
const RUNS = args.includes('--runs') ? Number(args[args.indexOf('--runs') + 1]) : 5;
const root = fileURLToPath(new URL('..', import.meta.url));
const log = (msg) => process.stderr.write(`${msg}\n`);
const load = async (path) => (await runnerImport(`${root}${path}`, { configFile: false, root, logLevel: 'error' })).module;

const [{ polygonMembers }, { zensusSurface }, { ValueCache }, { loadSiteData }, { setProgrammeAreas }, { levelValues }, catalog, engineHelper, { PROGRAMME_LEVEL }] = await Promise.all([
  load('src/lib/data/programme-weights.ts'),
  load('src/lib/state/programme-surface.ts'),
  load('src/lib/state/value-cache.ts'),
  load('src/lib/db/load.ts'),
  load('src/lib/db/programme-areas.ts'),
  load('src/lib/db/queries.ts'),
  load('src/lib/data/catalog.ts'),
  load('tests/unit/helpers/node-engine.ts'),
  load('src/lib/data/programme-areas.ts'),
]);

const gemeinden = catalog.findBundledSite('gemeinden');
const einwohner = catalog.findIndicator(gemeinden, 'einwohner');
const readGeometry = async (path) => JSON.parse(readFileSync(`${root}data/${path}`, 'utf8'));

/** A drawn-looking polygon: `n` vertices around a centre, radius alternating between r and 0.6 r (km). */
function drawn(lon, lat, radiusKm, n = 24) {
  const ring = [];
  for (let i = 0; i < n; i++) {
    const a = (2 * Math.PI * i) / n;
    const r = (i % 2 ? 0.6 : 1) * radiusKm;
    ring.push([lon + (r / (111.32 * Math.cos((lat * Math.PI) / 180))) * Math.cos(a), lat + (r / 110.57) * Math.sin(a)]);
  }
  ring.push(ring[0]);
  return { type: 'Polygon', coordinates: [ring] };
}

const rows = [];
async function once(name, fn) {
  const t0 = performance.now();
  const v = await fn();
  const ms = performance.now() - t0;
  rows.push({ case: name, runs: [ms], once: true });
  log(`${name}: ${ms.toFixed(0)} ms (once)`);
  return v;
}
async function repeat(name, fn) {
  const runs = [];
  let last;
  for (let i = 0; i < RUNS; i++) {
    const t0 = performance.now();
    last = await fn(i);
    runs.push(performance.now() - t0);
  }
  rows.push({ case: name, runs, members: last?.members });
  const s = [...runs].sort((a, b) => a - b);
  log(`${name}: median ${s[Math.floor(s.length / 2)].toFixed(1)} ms (${s[0].toFixed(1)}–${s[s.length - 1].toFixed(1)})${last?.members ? `, ${last.members} members` : ''}`);
}

const engine = await once('DuckDB: Gemeinden loaded (Node engine)', async () => {
  const e = await engineHelper.createNodeEngine();
  await engineHelper.loadBundledSite(e, gemeinden);
  return e;
});
const cache = new ValueCache(engine, (site) => loadSiteData(engine, site, engineHelper.readDataFile));
const surface = zensusSurface(gemeinden, catalog.bundledCatalog.sites, cache);

const verden = drawn(9.23, 52.92, 15);
const saxony = drawn(13.2, 51.05, 120, 48);
await once('Gemeinden: first polygon (prepares the 10,786 bases, area weights)', () => polygonMembers(gemeinden, verden, readGeometry));
await once('DuckDB: the Zensus grid loaded for the surface', () => cache.gridCells(catalog.findBundledSite('zensus-grid')));
await once('Gemeinden: first polygon with the grid surface (reads the 214,633 cells, prepares those over the cut Gemeinden)', () => polygonMembers(gemeinden, verden, readGeometry, surface));

/** The whole pipeline: weights, the area's rows in DuckDB, its residents 2023. */
async function pipeline(geometry, withSurface, i) {
  const found = await polygonMembers(gemeinden, geometry, readGeometry, withSurface ? surface : undefined);
  const area = { id: `pa-bench${i}`, site: 'gemeinden', name: 'Bench', programme: 'sozialraum', startYear: null, color: '#009e73', ...found };
  await setProgrammeAreas(engine, gemeinden, [area]);
  const [row] = await levelValues(engine, gemeinden, einwohner, PROGRAMME_LEVEL, 2022);
  if (!row || !(row.value > 0)) throw new Error('no value for the drawn area');
  return { members: found.members.length };
}
await repeat('Gemeinden, drawn r=15 km near Verden: weights only (grid surface)', async () => ({ members: (await polygonMembers(gemeinden, verden, readGeometry, surface)).members.length }));
await repeat('Gemeinden, drawn r=120 km over Saxony: weights only (grid surface)', async () => ({ members: (await polygonMembers(gemeinden, saxony, readGeometry, surface)).members.length }));
await repeat('Gemeinden, drawn r=15 km near Verden: weights + DuckDB write + query (area weights)', (i) => pipeline(verden, false, i));
await repeat('Gemeinden, drawn r=15 km near Verden: weights + DuckDB write + query (grid surface)', (i) => pipeline(verden, true, i));
await repeat('Gemeinden, drawn r=120 km over Saxony: weights + DuckDB write + query (grid surface)', (i) => pipeline(saxony, true, i));

const median = (r) => [...r.runs].sort((a, b) => a - b)[Math.floor(r.runs.length / 2)];
if (args.includes('--json')) process.stdout.write(`${JSON.stringify(rows, null, 2)}\n`);
else {
  process.stdout.write('| case | median ms | min–max | members |\n| --- | ---: | ---: | ---: |\n');
  for (const r of rows) {
    const s = [...r.runs].sort((a, b) => a - b);
    process.stdout.write(`| ${r.case} | ${median(r).toFixed(1)} | ${r.once ? 'once' : `${s[0].toFixed(1)}–${s[s.length - 1].toFixed(1)}`} | ${r.members ?? ''} |\n`);
  }
}
