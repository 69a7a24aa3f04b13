// Benchmark of similar areas (issue 18: "similar areas over the 10,786 Gemeinden in ≤ 300 ms").
// Loads src/lib/analysis/similar-areas.ts through Vite's module runner (no build) and the bundled
// Gemeinden values (Zensus 2022), and prints the median of N runs (min–max) for one Gemeinde
// (Leipzig, 14713000) by six indicators, k = 10. Not a timed test.
// Usage: node scripts/bench-similar-areas.mjs [--runs N] [--json]
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';
import { runnerImport } from 'vite';
import { csvParse } from 'd3-dsv';

const args = process.argv.slice(2);
const RUNS = args.includes('--runs') ? Number(args[args.indexOf('--runs') + 1]) : 21;
const root = fileURLToPath(new URL('..', import.meta.url));

const { module: sa } = await runnerImport(`${root}src/lib/analysis/similar-areas.ts`, { configFile: false, root, logLevel: 'error' });
const IDS = ['auslaenderanteil', 'einwanderungsgeschichte_anteil', 'haushaltsgroesse', 'leerstandsquote', 'nettokaltmiete_qm', 'eigentuemerquote'];
const table = csvParse(readFileSync(`${root}data/gemeinden/values/all.csv`, 'utf8'));
const num = (s) => (s === undefined || s === '' ? null : Number(s));
const rows = table.map((r) => ({ id: r.area_id, values: IDS.map((id) => num(r[id])) }));

const times = [];
let result;
for (let i = 0; i < RUNS; i++) {
  const t0 = performance.now();
  result = sa.similarAreas('14713000', IDS, rows, { k: 10 });
  times.push(performance.now() - t0);
}
times.sort((a, b) => a - b);
const median = times[Math.floor(times.length / 2)];
const out = {
  case: `similar areas, ${rows.length} Gemeinden × ${IDS.length} indicators, k = 10`,
  runs: RUNS,
  median: +median.toFixed(2),
  min: +times[0].toFixed(2),
  max: +times.at(-1).toFixed(2),
  compared: result.compared,
  excluded: result.excluded,
  top: result.areas.slice(0, 3).map((a) => `${a.id} ${a.distance.toFixed(3)}`),
};
if (args.includes('--json')) console.log(JSON.stringify(out));
else console.log(`${out.case}: median ${out.median} ms (${out.min}–${out.max}, ${RUNS} runs); compared ${out.compared}, excluded ${out.excluded}; top ${out.top.join(', ')}`);
