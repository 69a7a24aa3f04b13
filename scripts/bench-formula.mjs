// Benchmark of formula indicators (issue 18: "a formula indicator over all Gemeinden and years in
// ≤ 1 s"). Loads the real DuckDB engine (Node bindings, tests/unit/helpers/node-engine.ts) and the
// bundled sites through Vite's module runner (no build), then per case: writing the formula's rows
// into observations (db/formula-indicators.ts), the app's level query (queries.ts levelSeries, all
// years) at the base and the top level on the written rows, and — for comparison — computing the
// formula in the query instead (the same pivot aggregated per area and year without writing).
// Prints the median of N runs (min–max). Usage: node scripts/bench-formula.mjs [--runs N]
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';
import { runnerImport } from 'vite';

const args = process.argv.slice(2);
const RUNS = args.includes('--runs') ? Number(args[args.indexOf('--runs') + 1]) : 7;
const root = fileURLToPath(new URL('..', import.meta.url));
const load = async (path) => (await runnerImport(`${root}${path}`, { configFile: false, root, logLevel: 'error' })).module;

const { createNodeEngine, loadBundledSite } = await load('tests/unit/helpers/node-engine.ts');
const { bundledCatalog, findBundledSite } = await load('src/lib/data/catalog.ts');
const { levelSeries } = await load('src/lib/db/queries.ts');
const { writeFormulaIndicators, formulaRowsSql } = await load('src/lib/db/formula-indicators.ts');
const { formulaIndicatorEntry } = await load('src/lib/data/formula-indicator-entry.ts');

const engine = await createNodeEngine();
const source = (key) => bundledCatalog.sources[key];

async function time(fn) {
  const t = [];
  for (let i = 0; i < RUNS; i++) {
    const t0 = performance.now();
    await fn();
    t.push(performance.now() - t0);
  }
  t.sort((a, b) => a - b);
  return `${t[Math.floor(t.length / 2)].toFixed(1)} ms (${t[0].toFixed(1)}–${t[t.length - 1].toFixed(1)})`;
}

const cases = [
  ['gemeinden', 'wohnungen / einwohner * 1000', 'gemeinde', 'bund'],
  ['gemeinden', '(einwohner - wohnungen) / einwohner * 100', 'gemeinde', 'land'],
  ['kreise', 'einwohner / flaeche_km2', 'kreis', 'bund'],
  ['leipzig', 'auslaender / einwohner * 1000', 'ortsteil', 'stadtbezirk'],
];
for (const [siteId, formula, base, top] of cases) {
  const bundled = findBundledSite(siteId);
  await loadBundledSite(engine, bundled);
  const entry = formulaIndicatorEntry(bundled, { id: 'f-bench', site: siteId, name: 'Bench', formula, unit: 'per1000', direction: 'neutral' }, source);
  if (!entry.ok) throw new Error(entry.reason);
  const site = { ...bundled, indicators: [...bundled.indicators, entry.indicator] };
  const [{ n }] = (await engine.query(`SELECT CAST(count(*) AS DOUBLE) AS n FROM areas WHERE site = '${siteId}' AND level = '${base}'`)).toArray().map((r) => r.toJSON());
  console.log(`${siteId} (${n} ${base}, ${entry.indicator.years.length} years): ${formula} [${entry.parts.kind}]`);
  console.log(`  write rows into observations:        ${await time(() => writeFormulaIndicators(engine, site, source))}`);
  const rows = (await engine.query(`SELECT CAST(count(*) AS DOUBLE) AS n FROM observations WHERE site = '${siteId}' AND ind = 'f-bench'`)).toArray()[0].toJSON().n;
  console.log(`    (${rows} rows)`);
  console.log(`  level query, ${base}, all years:     ${await time(() => levelSeries(engine, site, entry.indicator, base))}`);
  console.log(`  level query, ${top}, all years:      ${await time(() => levelSeries(engine, site, entry.indicator, top))}`);
  console.log(`  write + both queries:               ${await time(async () => {
    await writeFormulaIndicators(engine, site, source);
    await levelSeries(engine, site, entry.indicator, base);
    await levelSeries(engine, site, entry.indicator, top);
  })}`);
  // The alternative: the formula computed inside every query (the pivot, then aggregated), no rows written.
  const select = formulaRowsSql(site, entry).replace(/^INSERT INTO observations \([^)]*\)\s*/, '');
  console.log(`  in the query instead (${top}):        ${await time(() => engine.query(`SELECT b.area_id, f.year, sum(b.weight * f.num) / NULLIF(sum(b.weight * f.den), 0) AS v
      FROM area_base b JOIN (${select}) f ON f.area_id = b.base_id WHERE b.site = '${siteId}' AND b.level = '${top}' GROUP BY b.area_id, f.year`))}`);
}
