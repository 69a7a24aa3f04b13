// Benchmark rows of issue 17 (programme areas) that need no browser: "a union of 500 Gemeinden:
// write + figures" (goal ≤ 100 ms) and "the cross-site overview of 50 programme areas" (goal
// ≤ 500 ms), in real DuckDB-WASM (Node's blocking bindings, as the unit tests use) with the
// real bundled data. Loads the app's modules through Vite's module runner (no build) and prints
// the rows as `npm run bench` does (median, p95, min, max); also the rest of each area ("übrige Stadt").
// Usage: node scripts/bench-programme-areas.mjs [--runs N] [--json]
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';
import { closeModules, loadModule } from './lib/module-loader.mjs';

const args = process.argv.slice(2);
const RUNS = args.includes('--runs') ? Number(args[args.indexOf('--runs') + 1]) : 15;
const root = fileURLToPath(new URL('..', import.meta.url));
const log = (msg) => process.stderr.write(`${msg}\n`);
const load = (path) => loadModule(root, path);

const { createNodeEngine, loadBundledSite } = await load('tests/unit/helpers/node-engine.ts');
const { findBundledSite, findIndicator } = await load('src/lib/data/catalog.ts');
const { levelSeries, levelAreas } = await load('src/lib/db/queries.ts');
const { setProgrammeAreas } = await load('src/lib/db/programme-areas.ts');
const { PROGRAMME_LEVEL } = await load('src/lib/data/programme-areas.ts');
const { ValueCache } = await load('src/lib/state/value-cache.ts');
const { programmeOverview } = await load('src/lib/state/programme-overview.ts');

const leipzig = findBundledSite('leipzig');
const gemeinden = findBundledSite('gemeinden');
let t0 = performance.now();
const engine = await createNodeEngine();
// Every value (the Gemeinden's value parts too), as after every indicator was shown.
for (const site of [leipzig, gemeinden]) await loadBundledSite(engine, site);
log(`engine with Leipzig and the Gemeinden: ${(performance.now() - t0).toFixed(0)} ms`);

/** A seeded random generator (mulberry32), so every run benchmarks the same areas. */
function random(seed) {
  let a = seed;
  return () => {
    a |= 0;
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function stats(times) {
  const t = [...times].sort((a, b) => a - b);
  const at = (q) => t[Math.min(t.length - 1, Math.ceil(q * t.length) - 1)];
  return { n: t.length, median: t[Math.floor(t.length / 2)], p95: at(0.95), min: t[0], max: t[t.length - 1] };
}

async function timeRuns(fn, runs = RUNS) {
  await fn(); // warm-up (JIT, DuckDB's first plan)
  const times = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    await fn();
    times.push(performance.now() - t);
  }
  return stats(times);
}

const area = (id, site, members, programme = 'sozialraum') => ({ id, site, name: id, programme, startYear: 2015, color: '#e69f00', members });
const rows = [];

// 1. A union of 500 Gemeinden (the first 500 by AGS: Schleswig-Holstein's), written and then its
//    residents and foreigner share (all years) asked, as an edit in the app does.
const gemeindeIds = (await levelAreas(engine, gemeinden, 'gemeinde')).map((a) => a.id).sort();
const union500 = area('pa-bench500', 'gemeinden', gemeindeIds.slice(0, 500));
const einwohnerG = findIndicator(gemeinden, 'einwohner');
const anteilG = findIndicator(gemeinden, 'auslaenderanteil');
let check = null;
const write = await timeRuns(async () => {
  await setProgrammeAreas(engine, gemeinden, [union500]);
  const [a, b] = await Promise.all([levelSeries(engine, gemeinden, einwohnerG, PROGRAMME_LEVEL), levelSeries(engine, gemeinden, anteilG, PROGRAMME_LEVEL)]);
  check = { residents: a[0]?.value, share: b[0]?.value };
});
log(`union of 500 Gemeinden: ${JSON.stringify(check)}`);
rows.push({ name: 'Union of 500 Gemeinden: write + figures (residents, foreigner share) (ms)', ...write, goal: '≤ 100' });

// 2. The overview of 50 programme areas: 25 Leipzig unions of 2–8 Ortsteile and 25 unions of
//    3–12 Gemeinden of one Kreis each, every answer asked anew (a fresh value cache per run).
const rnd = random(17);
const ortsteile = (await levelAreas(engine, leipzig, 'ortsteil')).map((a) => a.id);
const byKreis = new Map();
for (const g of await levelAreas(engine, gemeinden, 'gemeinde')) byKreis.set(g.parent, [...(byKreis.get(g.parent) ?? []), g.id]);
const kreise = [...byKreis.keys()].filter((k) => byKreis.get(k).length >= 12).sort();
const pick = (list, n) => [...list].sort(() => rnd() - 0.5).slice(0, n);
const fifty = [];
for (let i = 0; i < 25; i++) fifty.push(area(`pa-bl${i}`, 'leipzig', pick(ortsteile, 2 + Math.floor(rnd() * 7)), i % 2 ? 'esf-plus' : 'soziale-stadt'));
for (let i = 0; i < 25; i++) fifty.push(area(`pa-bg${i}`, 'gemeinden', pick(byKreis.get(kreise[Math.floor(rnd() * kreise.length)]), 3 + Math.floor(rnd() * 10))));
await setProgrammeAreas(engine, leipzig, fifty);
await setProgrammeAreas(engine, gemeinden, fifty);
const sites = { find: (id) => [leipzig, gemeinden].find((s) => s.id === id) };
let overviewRows = [];
const cold = await timeRuns(async () => {
  overviewRows = await programmeOverview(new ValueCache(engine, async () => undefined), sites, fifty, 'auslaenderanteil');
});
const withValue = overviewRows.filter((r) => r.value !== null).length;
log(`overview: ${overviewRows.length} rows, ${withValue} with a value, references ${[...new Set(overviewRows.map((r) => r.refLevel))].join(', ')}`);
rows.push({ name: 'Overview of 50 programme areas (2 sites), every answer from DuckDB (ms)', ...cold, goal: '≤ 500' });
const cache = new ValueCache(engine, async () => undefined);
await programmeOverview(cache, sites, fifty, 'auslaenderanteil');
const warm = await timeRuns(() => programmeOverview(cache, sites, fifty, 'einwohner'));
rows.push({ name: 'Overview of 50 programme areas from cached answers (JS only) (ms)', ...warm, goal: '' });

// 3. The rest of each of the 50 ("übrige Stadt": the site without the area, from counts), the foreigner share in
//    every year: one DuckDB query per site, as the trend chart, compare table and profile ask the value cache.
const { programmeRestSeries } = await load('src/lib/db/programme-rest.ts');
let restRows = 0;
const rest = await timeRuns(async () => {
  const answers = await Promise.all([leipzig, gemeinden].map((site) => programmeRestSeries(engine, site, findIndicator(site, 'auslaenderanteil'))));
  restRows = answers.reduce((n, a) => n + a.length, 0);
});
log(`rest of 50 programme areas: ${restRows} rows (area × year)`);
rows.push({ name: 'Rest of 50 programme areas ("übrige Stadt"), every year, Leipzig + Gemeinden from DuckDB (ms)', ...rest, goal: '' });

const fmt = (v) => v.toFixed(1);
if (args.includes('--json')) process.stdout.write(`${JSON.stringify(rows, null, 2)}\n`);
else {
  process.stdout.write('| metric | n | median | p95 | min | max | goal |\n| --- | ---: | ---: | ---: | ---: | ---: | --- |\n');
  for (const r of rows) process.stdout.write(`| ${r.name} | ${r.n} | ${fmt(r.median)} | ${fmt(r.p95)} | ${fmt(r.min)} | ${fmt(r.max)} | ${r.goal} |\n`);
}
await closeModules();
process.exit(0);
