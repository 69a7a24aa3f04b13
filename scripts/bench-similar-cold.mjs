// Benchmark of similar areas when nothing is in the value cache (issue 18: "similar areas over the
// 10,786 Gemeinden in ≤ 300 ms"): the real DuckDB engine (Node bindings) with the bundled Gemeinden,
// a fresh ValueCache per run, Leipzig (14713000) by six indicators in 2022, k = 10.
//   per-indicator: one all-years answer per indicator (cache.get, run concurrently), then similarAreas
//   per-indicator-year: one one-year answer per indicator (levelValues, run concurrently), then similarAreas
//   one-query:     buildSimilar as the app runs it (cache.yearValues: the six indicators for the one year in one query)
// The two paths alternate; prints the median of N runs each (min–max). Not a timed test.
// Usage: node scripts/bench-similar-cold.mjs [--runs N] [--json]
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';
import { runnerImport } from 'vite';

const args = process.argv.slice(2);
const RUNS = args.includes('--runs') ? Number(args[args.indexOf('--runs') + 1]) : 9;
const root = fileURLToPath(new URL('..', import.meta.url));
const load = async (path) => (await runnerImport(`${root}${path}`, { configFile: false, root, logLevel: 'error' })).module;

const { createNodeEngine, loadBundledSite } = await load('tests/unit/helpers/node-engine.ts');
const { findBundledSite } = await load('src/lib/data/catalog.ts');
const { ValueCache } = await load('src/lib/state/value-cache.ts');
const { buildSimilar } = await load('src/lib/state/similar-did.ts');
const { similarAreas } = await load('src/lib/analysis/similar-areas.ts');
const { valueOrMidpoint } = await load('src/lib/analysis/below.ts');
const { parseViewState } = await load('src/lib/state/url.ts');
const { levelValues } = await load('src/lib/db/queries.ts');

const site = findBundledSite('gemeinden');
const engine = await createNodeEngine();
// Every value (the Gemeinden's value parts too): the cold case measured is the similar-areas view, not the reading of parts.
await loadBundledSite(engine, site);
const IDS = ['auslaenderanteil', 'einwanderungsgeschichte_anteil', 'haushaltsgroesse', 'leerstandsquote', 'nettokaltmiete_qm', 'eigentuemerquote'];
const view = parseViewState(`?site=gemeinden&level=gemeinde&mode=similar&year=2022&sel=14713000&sim=${IDS.join(',')}`, [site], 'gemeinden').state;
const inds = IDS.map((id) => site.indicators.find((i) => i.id === id));

async function perIndicator() {
  const cache = new ValueCache(engine, async () => {});
  const datas = await Promise.all(inds.map((ind) => cache.get(site, 'gemeinde', ind)));
  const columns = datas.map((d) => new Map((d.byYear.get(2022) ?? []).map((r) => [r.id, valueOrMidpoint(r)])));
  const ids = new Set();
  for (const d of datas) for (const id of d.byArea.keys()) ids.add(id);
  const rows = [...ids].map((id) => ({ id, values: columns.map((c) => c.get(id) ?? null) }));
  return similarAreas('14713000', IDS, rows, { k: 10 });
}
async function perIndicatorYear() {
  const answers = await Promise.all(inds.map((ind) => levelValues(engine, site, ind, 'gemeinde', 2022)));
  const columns = answers.map((rows) => new Map(rows.map((r) => [r.id, valueOrMidpoint(r)])));
  const ids = new Set();
  for (const c of columns) for (const id of c.keys()) ids.add(id);
  const rows = [...ids].map((id) => ({ id, values: columns.map((c) => c.get(id) ?? null) }));
  return similarAreas('14713000', IDS, rows, { k: 10 });
}
async function oneQuery() {
  const cache = new ValueCache(engine, async () => {});
  return (await buildSimilar(cache, site, view)).result;
}

const paths = { 'per-indicator': perIndicator, 'per-indicator-year': perIndicatorYear, 'one-query': oneQuery };
const times = Object.fromEntries(Object.keys(paths).map((k) => [k, []]));
const results = {};
await perIndicator(); // warm-up (DuckDB's first query plans)
await perIndicatorYear();
await oneQuery();
for (let i = 0; i < RUNS; i++) {
  for (const [name, run] of Object.entries(paths)) {
    const t0 = performance.now();
    results[name] = await run();
    times[name].push(performance.now() - t0);
  }
}
const same = Object.values(results).every((r) => JSON.stringify(r) === JSON.stringify(results['per-indicator']));
const out = Object.entries(times).map(([name, ts]) => {
  ts.sort((a, b) => a - b);
  return { path: name, runs: RUNS, median: +ts[Math.floor(ts.length / 2)].toFixed(1), min: +ts[0].toFixed(1), max: +ts.at(-1).toFixed(1) };
});
const load1 = (await import('node:os')).loadavg()[0].toFixed(1);
if (args.includes('--json')) console.log(JSON.stringify({ same, load: load1, out }));
else {
  for (const o of out) console.log(`${o.path}: median ${o.median} ms (${o.min}–${o.max}, ${o.runs} runs)`);
  console.log(`identical results: ${same}; load average ${load1} on ${(await import('node:os')).cpus().length} cores`);
}
