// Benchmark cases run in the browser by scripts/bench.mjs: ?case=csv&rows=N,
// ?case=grid&cells=N (synthetic cells on a 500 m EPSG:3035 lattice), ?case=frames (frame-floor.ts).
// The result is written to window.__benchResult and body[data-done].
import { createBrowserEngine } from '../lib/db/browser-engine';
import { GERMAN_EXCEL, importDelimited } from '../lib/db/import-csv';

declare global {
  interface Window {
    __benchResult?: Record<string, unknown>;
  }
}

/** A German Excel export: ";" separated, decimal comma, thousands dot, CRLF. */
function germanCsv(rows: number): Uint8Array {
  const lines = ['Gebiet;Jahr;Einwohner;Anteil'];
  for (let i = 0; i < rows; i++) {
    const pop = 1000 + ((i * 7919) % 90000);
    const share = ((i * 104729) % 1000) / 10;
    lines.push(`Gebiet ${i % 10000};${2000 + (i % 24)};${pop.toLocaleString('de-DE')};${share.toLocaleString('de-DE')}`);
  }
  return new TextEncoder().encode(lines.join('\r\n'));
}

async function csvCase(rows: number): Promise<Record<string, unknown>> {
  const engineStart = performance.now();
  const engine = await createBrowserEngine();
  const engineMs = performance.now() - engineStart;
  const bytes = germanCsv(rows);
  const start = performance.now();
  const imported = await importDelimited(engine, 'bench.csv', bytes, 'bench_import', { ...GERMAN_EXCEL, encoding: 'utf-8' });
  const importMs = performance.now() - start;
  const q = performance.now();
  await engine.query('SELECT Jahr, sum(Einwohner), avg(Anteil) FROM bench_import GROUP BY Jahr');
  return { rows: imported, megabytes: bytes.length / 1e6, engineMs, importMs, firstQueryMs: performance.now() - q };
}

/** N distinct random cells of a 500 m lattice over Germany's extent, drawn by the grid layer. */
async function gridCase(cells: number): Promise<Record<string, unknown>> {
  const { ChoroplethMap } = await import('../lib/map/choropleth-map');
  const { GridLayer, EPSG_3035 } = await import('../lib/map/grid-layer');
  const proj4 = (await import('proj4')).default;
  const container = document.getElementById('map')!;
  const map = new ChoroplethMap(container, { hover: () => {}, click: () => {} });
  map.fit([5.8, 47.2, 15.1, 55.1]);
  await map.ready();
  const size = 500;
  const cols = Math.floor((4_672_500 - 4_031_500) / size);
  const rows = Math.floor((3_551_500 - 2_684_500) / size);
  if (cells > cols * rows) throw new Error(`at most ${cols * rows} cells fit`);
  // A deterministic shuffle picks distinct lattice points.
  const order = new Uint32Array(cols * rows).map((_, i) => i);
  let seed = 42;
  const random = () => ((seed = (seed * 1_103_515_245 + 12_345) >>> 0) / 2 ** 32);
  for (let i = 0; i < cells; i++) {
    const j = i + Math.floor(random() * (order.length - i));
    [order[i], order[j]] = [order[j]!, order[i]!];
  }
  const toLonLat = proj4(EPSG_3035, 'EPSG:4326');
  const positions = new Float32Array(cells * 2);
  const colors = new Uint8Array(cells * 4);
  for (let i = 0; i < cells; i++) {
    const k = order[i]!;
    const [lon, lat] = toLonLat.forward([4_031_500 + (k % cols) * size + size / 2, 2_684_500 + Math.floor(k / cols) * size + size / 2]);
    positions[2 * i] = lon!;
    positions[2 * i + 1] = lat!;
    colors.set([(k * 37) % 255, 120, 200, 255], i * 4);
  }
  const start = performance.now();
  const layer = new GridLayer(map.map, { cellSize: size });
  layer.setCells(positions, cells);
  layer.setColors(colors);
  await layer.painted();
  const firstRenderMs = performance.now() - start;
  const heap = (performance as Performance & { memory?: { usedJSHeapSize: number } }).memory?.usedJSHeapSize ?? null;
  return { cells, firstRenderMs, heapMB: heap === null ? null : heap / 1024 / 1024 };
}

async function run(): Promise<void> {
  const params = new URLSearchParams(location.search);
  const which = params.get('case');
  try {
    if (which === 'csv') window.__benchResult = await csvCase(Number(params.get('rows') ?? 1_000_000));
    else if (which === 'grid') window.__benchResult = await gridCase(Number(params.get('cells') ?? 1_000_000));
    else if (which === 'frames') window.__benchResult = await (await import('./frame-floor')).frameFloorCase(params);
    else window.__benchResult = { error: `unknown case ${which}` };
  } catch (err) {
    window.__benchResult = { error: err instanceof Error ? err.message : String(err) };
  }
  document.body.dataset.done = 'true';
}

void run();
