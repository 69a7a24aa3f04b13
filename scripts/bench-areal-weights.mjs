// Benchmark of the areal weighting of drawn programme areas (issue 17: "a drawn
// polygon over the 10,786 Gemeinden or the 214,633 grid cells in ≤ 1 s").
// Loads src/lib/analysis/areal-weights.ts through Vite's module runner (no
// build), the real bundled boundaries and the Zensus grid, and prints the
// median of 5 runs (min–max) per case. Usage: node scripts/bench-areal-weights.mjs [--runs N] [--json]
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';
import { runnerImport } from 'vite';
import { tableFromIPC } from 'apache-arrow';
import proj4 from 'proj4';

const args = process.argv.slice(2);
const RUNS = args.includes('--runs') ? Number(args[args.indexOf('--runs') + 1]) : 5;
const root = fileURLToPath(new URL('..', import.meta.url));
const log = (msg) => process.stderr.write(`${msg}\n`);

const { module: aw } = await runnerImport(`${root}src/lib/analysis/areal-weights.ts`, { configFile: false, root, logLevel: 'error' });
const { arealWeights, prepareBases, prepareSurface } = aw;

const readJson = (path) => JSON.parse(readFileSync(`${root}data/${path}`, 'utf8'));
const basesOf = (fc) => fc.features.map((f) => ({ id: String(f.properties.id), geometry: f.geometry }));

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

function time(fn) {
  const t = [];
  let result;
  for (let i = 0; i < RUNS; i++) {
    const t0 = performance.now();
    result = fn();
    t.push(performance.now() - t0);
  }
  t.sort((a, b) => a - b);
  return { median: t[Math.floor(t.length / 2)], min: t[0], max: t[t.length - 1], result };
}

// The Zensus grid: 1 km squares around the EPSG:3035 centres, corners reprojected (as the map draws them).
const EPSG_3035 = '+proj=laea +lat_0=52 +lon_0=10 +x_0=4321000 +y_0=3210000 +ellps=GRS80 +towgs84=0,0,0,0,0,0,0 +units=m +no_defs';
const toLonLat = proj4(EPSG_3035, 'EPSG:4326');
let t0 = performance.now();
const grid = tableFromIPC(readFileSync(`${root}data/zensus-grid/cells.arrow`));
const xs = grid.getChild('x').toArray();
const ys = grid.getChild('y').toArray();
const pops = grid.getChild('einwohner').toArray();
const gridCells = [];
for (let i = 0; i < xs.length; i++) {
  const x = xs[i];
  const y = ys[i];
  const ring = [
    [x - 500, y - 500],
    [x + 500, y - 500],
    [x + 500, y + 500],
    [x - 500, y + 500],
    [x - 500, y - 500],
  ].map((p) => toLonLat.forward(p));
  gridCells.push({ id: `${x},${y}`, geometry: { type: 'Polygon', coordinates: [ring] }, population: pops[i] });
}
log(`grid: ${gridCells.length} cells built in ${(performance.now() - t0).toFixed(0)} ms`);

const rows = [];
function row(name, fn) {
  const r = time(fn);
  const ws = r.result;
  const whole = ws.filter((w) => w.whole).length;
  rows.push({ case: name, medianMs: +r.median.toFixed(1), minMs: +r.min.toFixed(1), maxMs: +r.max.toFixed(1), bases: ws.length, whole, cut: ws.length - whole });
  log(`${name}: ${r.median.toFixed(1)} ms (${r.min.toFixed(1)}–${r.max.toFixed(1)}), ${ws.length} bases (${whole} whole, ${ws.length - whole} cut)`);
}
function prep(name, fn) {
  const t = performance.now();
  const v = fn();
  const ms = performance.now() - t;
  rows.push({ case: name, medianMs: +ms.toFixed(1), minMs: +ms.toFixed(1), maxMs: +ms.toFixed(1) });
  log(`${name}: ${ms.toFixed(0)} ms (once)`);
  return v;
}

// Gemeinden: a Sozialraum-sized polygon near Verden (r = 15 km), and a large one over Saxony (r = 120 km).
const gemeinden = basesOf(readJson('gemeinden/gemeinde.geojson'));
const verden = drawn(9.23, 52.92, 15);
const saxony = drawn(13.2, 51.05, 120, 48);
const gemeindenPrepared = prep('Gemeinden: prepareBases (10,786), once per site', () => prepareBases(gemeinden));
row('Gemeinden, drawn r=15 km near Verden, unprepared bases', () => arealWeights(verden, gemeinden));
row('Gemeinden, drawn r=15 km near Verden, prepared bases', () => arealWeights(verden, gemeindenPrepared));
row('Gemeinden, drawn r=120 km over Saxony, prepared bases', () => arealWeights(saxony, gemeindenPrepared));
const surface = prep('Zensus grid as population surface: prepareSurface (214,633 cells), once', () => prepareSurface({ cells: gridCells }));
row('Gemeinden + grid surface, drawn r=15 km near Verden', () => arealWeights(verden, gemeindenPrepared, surface));
row('Gemeinden + grid surface, drawn r=120 km over Saxony', () => arealWeights(saxony, gemeindenPrepared, surface));

// The grid as base areas: a ThINKA neighbourhood in Leipzig (r = 1.5 km) and a large polygon (r = 40 km).
const gridPrepared = prep('Grid: prepareBases (214,633 cells), once per site', () => prepareBases(gridCells));
const neighbourhood = drawn(12.41, 51.33, 1.5);
const region = drawn(12.37, 51.34, 40, 48);
row('Grid, drawn r=1.5 km in Leipzig, prepared bases', () => arealWeights(neighbourhood, gridPrepared));
row('Grid, drawn r=40 km around Leipzig, prepared bases', () => arealWeights(region, gridPrepared));
row('Grid, drawn r=1.5 km in Leipzig, unprepared bases', () => arealWeights(neighbourhood, gridCells));

// Leipzig Ortsteile, with the grid as surface: the drawn ThINKA neighbourhood.
const ortsteile = prepareBases(basesOf(readJson('leipzig/ortsteil.geojson')));
row('Leipzig Ortsteile + grid surface, drawn r=1.5 km', () => arealWeights(neighbourhood, ortsteile, surface));

if (args.includes('--json')) process.stdout.write(`${JSON.stringify(rows, null, 2)}\n`);
else {
  process.stdout.write('| case | median ms | min–max | bases (whole / cut) |\n| --- | ---: | ---: | ---: |\n');
  for (const r of rows) process.stdout.write(`| ${r.case} | ${r.medianMs} | ${r.minMs}–${r.maxMs} | ${r.bases === undefined ? '' : `${r.bases} (${r.whole} / ${r.cut})`} |\n`);
}
