// Benchmarks what users feel: builds the app, serves dist/ locally, drives
// headless Chromium (a fresh profile per cold start) and prints medians with
// min/max. `npm run bench -- --json` prints the same as JSON.
// Options: --runs N (cold starts, default 5), --switches N (default 50), --no-build,
// --only a,b (run only these groups: start, leipzig, trend, kreise, gemeinden, grid, million, years, csv, import, draw, catalog,
// frames — the frame floor of the Gemeinden alone (bench-frames.mjs; gemeinden measures it too), node — the Node benchmarks
// of NODE_BENCHES, printed after the table; scale — not in the default run, see bench-scale.mjs, --scale-areas N, default
// 100000; kepler — kepler.gl on the same data, not in the default run, see bench-kepler.mjs: with start and gemeinden in
// the same command it adds the ratio rows kepler.gl ÷ ours),
// --dist DIR (serve another build, e.g. an older commit's, with --no-build: two builds in one sitting).
import { execSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { chromium } from '@playwright/test';
import { runScaleGroup } from './bench-scale.mjs';
import { keplerRatios, runKeplerGroup } from './bench-kepler.mjs';
import { addFrameRows, addPartRows, frameFloor, installRasterProbe, mapSize, rasterTimes, switchParts } from './bench-frames.mjs';
import { assetSizes } from './lib/asset-sizes.mjs';
import { CHROMIUM, CHROMIUM_ARGS, stats, wireBytes, withFreshBrowser } from './lib/bench-browser.mjs';
import { startPreview } from './lib/preview-server.mjs';

const args = process.argv.slice(2);
const flag = (name) => args.includes(`--${name}`);
const option = (name, fallback) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? Number(args[i + 1]) : fallback;
};
const RUNS = option('runs', 5);
const DIST = args.includes('--dist') ? args[args.indexOf('--dist') + 1] : 'dist';
const ONLY = args.includes('--only') ? args[args.indexOf('--only') + 1].split(',') : null;
// `scale` builds its own copy of the app with a synthetic 100,000-area site, `kepler` installs and builds kepler.gl
// (bench-kepler.mjs): only when asked for.
const wanted = (group) => (!ONLY ? !['scale', 'kepler'].includes(group) : ONLY.includes(group));
const SWITCHES = option('switches', 50);
// --port N (or BENCH_PORT) when another bench runs beside this one (not one of the ports fetch() refuses: 4190 is).
const PORT = option('port', Number(process.env.BENCH_PORT ?? 4300));
const BASE = `http://127.0.0.1:${PORT}/`;
const log = (msg) => process.stderr.write(`${msg}\n`);
// The group `node`: benchmarks without a browser, run as child processes (json: the script knows --json).
const NODE_BENCHES = [
  { script: 'bench-programme-areas.mjs', json: true },
  { script: 'bench-formula.mjs', json: false },
  { script: 'bench-similar-areas.mjs', json: true },
  { script: 'bench-similar-cold.mjs', json: true },
  { script: 'bench-areal-weights.mjs', json: true },
];

const mark = (page, name) =>
  page.evaluate((n) => performance.getEntriesByName(n)[0]?.startTime ?? null, name);

async function coldStart(url, switchTo = null) {
  return withFreshBrowser(async (context) => {
    const page = context.pages()[0] ?? (await context.newPage());
    // Bytes on the wire of every request of the page and of its workers (MapLibre's worker fetches the
    // geometry, DuckDB's its files): Playwright reports both on the page, where a CDP session of the page
    // alone misses the workers' (counted by wireBytes, lib/bench-browser.mjs).
    const finished = [];
    page.on('requestfinished', (request) => finished.push(request));
    await page.goto(url);
    await page.waitForFunction(() => performance.getEntriesByName('atlas:first-map').length > 0, null, { timeout: 60_000 });
    // Requests that had ended when the mark was set (the polling above returns a little later: MapLibre's
    // chunk, loaded right after a first paint, must not count).
    const firstMapAt = await page.evaluate(() => performance.timeOrigin + performance.getEntriesByName('atlas:first-map')[0].startTime);
    const untilFirstMap = finished.filter((r) => {
      const t = r.timing();
      return t.responseEnd < 0 || t.startTime + t.responseEnd <= firstMapAt;
    });
    // Builds with a first paint mark MapLibre's own first frame too (older builds: not at all).
    await page.waitForFunction(() => ['atlas:first-maplibre-map', 'atlas:db-ready'].some((n) => performance.getEntriesByName(n).length > 0), null, { timeout: 60_000 });
    const maplibre = (await mark(page, 'atlas:first-maplibre-map')) !== null;
    await page.waitForFunction(() => performance.getEntriesByName('atlas:db-ready').length > 0, null, { timeout: 60_000 });
    const untilDbReady = finished.slice();
    const heap = await page.evaluate(() => performance.memory?.usedJSHeapSize ?? null);
    // The first switch to another indicator once DuckDB is ready (a site with value parts reads its file then).
    let firstSwitch = null;
    if (switchTo) {
      await page.waitForSelector('[data-testid="map"][data-view$="|db"]', { timeout: 60_000 });
      const t0 = Date.now();
      await page.getByTestId('indicator-select').selectOption(switchTo);
      await page.waitForFunction((ind) => new RegExp(`^[^|]+\\|[^|]+\\|${ind}\\|.*\\|db$`).test(document.querySelector('[data-testid="map"]')?.getAttribute('data-view') ?? ''), switchTo, { timeout: 60_000 });
      firstSwitch = Date.now() - t0;
    }
    return {
      firstMap: await mark(page, 'atlas:first-map'),
      firstMaplibreMap: maplibre ? await mark(page, 'atlas:first-maplibre-map') : null,
      dbReady: await mark(page, 'atlas:db-ready'),
      firstMapKB: (await wireBytes(untilFirstMap)) / 1024,
      dbReadyKB: (await wireBytes(untilDbReady)) / 1024,
      heapMB: heap === null ? null : heap / 1024 / 1024,
      firstSwitch,
    };
  });
}

/** Alternates indicator and year switches through the UI and reads the atlas:update measures. */
async function switches(url, indicators, years, count, { raster = false } = {}) {
  return withFreshBrowser(async (context) => {
    const page = context.pages()[0] ?? (await context.newPage());
    await page.goto(url);
    await page.waitForSelector('[data-testid="map"][data-view$="|db"]', { timeout: 60_000 });
    if (raster) await installRasterProbe(page);
    await page.evaluate(() => ['atlas:update', 'atlas:query', 'atlas:recolor', 'atlas:paint'].forEach((n) => performance.clearMeasures(n)));
    const started = Date.now();
    for (let i = 0; i < count; i++) {
      const view = await page.getByTestId('map').getAttribute('data-view');
      if (i % 2 === 0 || years.length < 2) {
        await page.getByTestId('indicator-select').selectOption(indicators[Math.floor(i / (years.length < 2 ? 1 : 2)) % indicators.length]);
      } else await page.getByTestId('year-input').fill(String(years[((i - 1) / 2) % years.length]));
      await page.waitForFunction(
        (before) => {
          const v = document.querySelector('[data-testid="map"]')?.getAttribute('data-view');
          return v && v !== before && v.endsWith('|db');
        },
        view,
        { timeout: 30_000 },
      );
    }
    const durations = await page.evaluate(() => performance.getEntriesByName('atlas:update').map((m) => m.duration));
    return { durations, perSwitchMs: (Date.now() - started) / count, parts: await switchParts(page), size: await mapSize(page), raster: raster ? await rasterTimes(page) : [] };
  });
}

/**
 * Cold start of the Zensus grid site, then ~5 s of panning and zooming with the
 * mouse; returns the time to the first painted grid and the longest main-thread
 * task during the interaction (PerformanceObserver 'longtask').
 */
async function gridInteraction() {
  return withFreshBrowser(async (context) => {
    const page = context.pages()[0] ?? (await context.newPage());
    await page.addInitScript(() => {
      window.__longtasks = [];
      new PerformanceObserver((list) => {
        for (const e of list.getEntries()) window.__longtasks.push({ start: e.startTime, duration: e.duration });
      }).observe({ type: 'longtask', buffered: true });
    });
    await page.goto(`${BASE}?site=zensus-grid&ind=auslaenderanteil`);
    await page.waitForSelector('[data-testid="map"][data-view$="|db"]', { timeout: 60_000 });
    const firstMap = await mark(page, 'atlas:first-map');
    await page.waitForTimeout(500);
    const from = await page.evaluate(() => performance.now());
    const box = await page.getByTestId('map').boundingBox();
    const cx = box.x + box.width / 2;
    const cy = box.y + box.height / 2;
    for (let round = 0; round < 3; round++) {
      await page.mouse.move(cx, cy);
      await page.mouse.down();
      for (let i = 1; i <= 20; i++) await page.mouse.move(cx + i * 12, cy + i * 6);
      await page.mouse.up();
      for (let i = 0; i < 4; i++) {
        await page.mouse.wheel(0, round % 2 === 0 ? -240 : 240);
        await page.waitForTimeout(120);
      }
    }
    await page.waitForTimeout(800);
    const stalls = await page.evaluate((t0) => window.__longtasks.filter((t) => t.start >= t0).map((t) => t.duration), from);
    return { firstMap, longestStall: stalls.length ? Math.max(...stalls) : 0 };
  });
}

/** Runs a case of src/bench.html in a fresh browser and returns its result. */
async function benchPage(query) {
  return withFreshBrowser(async (context) => {
    const page = context.pages()[0] ?? (await context.newPage());
    await page.goto(`${BASE}bench.html?${query}`);
    await page.waitForSelector('body[data-done="true"]', { state: 'attached', timeout: 180_000 });
    const result = await page.evaluate(() => window.__benchResult);
    if (result?.error) throw new Error(`bench case ${query}: ${result.error}`);
    return result;
  });
}

/** Year after year as fast as the map repaints (the year player's load): repaints per second. */
async function yearRun(url, years) {
  return withFreshBrowser(async (context) => {
    const page = context.pages()[0] ?? (await context.newPage());
    await page.goto(url);
    await page.waitForSelector('[data-testid="map"][data-view$="|db"]', { timeout: 60_000 });
    // Warm the cache for the indicator (the player would have it after the first pass).
    const started = await page.evaluate(async (ys) => {
      const input = document.querySelector('[data-testid="year-input"]');
      const map = document.querySelector('[data-testid="map"]');
      const setYear = (y) => {
        input.value = String(y);
        input.dispatchEvent(new Event('input', { bubbles: true }));
      };
      const painted = (y) =>
        new Promise((resolve) => {
          const check = () => (map.getAttribute('data-view').includes(`|${y}|`) ? resolve() : requestAnimationFrame(check));
          check();
        });
      const t0 = performance.now();
      for (const y of ys) {
        setYear(y);
        await painted(y);
      }
      return performance.now() - t0;
    }, years);
    return (years.length / started) * 1000;
  });
}

/**
 * A long table for every Gemeinde (AGS) and `years` years through the import dialog, as a user
 * would: time until the join summary shows (parsed off the main thread, recognised, joined), time
 * until the imported indicator is on the map, and the longest main-thread task of it all.
 */
async function dialogImport(years) {
  const ids = readFileSync(new URL('../data/gemeinden/areas.csv', import.meta.url), 'utf8')
    .split('\n')
    .slice(1)
    .filter((l) => l.includes(',gemeinde,'))
    .map((l) => l.split(',')[0]);
  const lines = ['AGS;Jahr;Wert je 1.000'];
  for (const id of ids) for (let y = 2022 - years + 1; y <= 2022; y++) lines.push(`${id};${y};${(id.charCodeAt(7) + y) % 97},${y % 10}`);
  const buffer = Buffer.from(lines.join('\r\n'), 'latin1');
  return withFreshBrowser(async (context) => {
    const page = context.pages()[0] ?? (await context.newPage());
    await page.goto(`${BASE}?site=gemeinden`);
    await page.waitForSelector('[data-testid="map"][data-view$="|db"]', { timeout: 90_000 });
    await page.click('[data-testid="import-open"]');
    // Timed from the input's change event: Playwright hands the file to the page in one task of
    // its own (decoding it from base64, ~1.7 s for 20 MB), which a dropped file does not cost.
    await page.evaluate(() => {
      window.__longest = 0;
      window.__changed = null;
      document.addEventListener('change', () => (window.__changed ??= performance.now()), { capture: true });
      new PerformanceObserver((list) => {
        for (const e of list.getEntries()) {
          const harness = window.__changed !== null && e.startTime <= window.__changed && window.__changed <= e.startTime + e.duration;
          if (!harness) window.__longest = Math.max(window.__longest, e.duration);
        }
      }).observe({ type: 'longtask' });
    });
    await page.setInputFiles('[data-testid="import-input"]', { name: 'gemeinden.csv', mimeType: 'text/csv', buffer });
    await page.waitForSelector('[data-testid="import-summary"][data-pending="false"][data-matched]:not([data-matched="0"])', { timeout: 300_000 });
    const summaryMs = await page.evaluate(() => performance.now() - window.__changed);
    const matched = Number(await page.getAttribute('[data-testid="import-summary"]', 'data-matched'));
    const t1 = Date.now();
    await page.click('[data-testid="import-confirm"]');
    await page.waitForSelector('[data-testid="map"][data-view*="wert_je_1_000"][data-view$="|db"]', { timeout: 300_000 });
    // From the file to the imported indicator on the map.
    const longest = await page.evaluate(() => window.__longest);
    return { rows: lines.length - 1, matched, summaryMs, longest, mapMs: Date.now() - t1 };
  });
}

/**
 * The area catalogue of Leipzig's 63 Ortsteile as a PDF, as a user makes it (Export & Teilen →
 * Gebietskatalog → Katalog erstellen): time from the click to the file (performance.measure
 * 'atlas:catalog') and the longest main-thread task meanwhile (the file is laid out in a worker).
 */
async function catalogPdf() {
  return withFreshBrowser(async (context) => {
    const page = context.pages()[0] ?? (await context.newPage());
    await page.goto(`${BASE}?site=leipzig&ind=auslaenderanteil&year=2023`);
    await page.waitForSelector('[data-testid="map"][data-view$="|db"]', { timeout: 60_000 });
    await page.click('[data-testid="export-open"]');
    await page.click('[data-testid="catalog-open"]');
    await page.waitForSelector('[data-testid="catalog-scope-all"]', { timeout: 30_000 });
    await page.evaluate(() => {
      window.__longest = 0;
      new PerformanceObserver((list) => {
        for (const e of list.getEntries()) window.__longest = Math.max(window.__longest, e.duration);
      }).observe({ type: 'longtask' });
    });
    await page.click('[data-testid="catalog-make"]');
    await page.waitForSelector('[data-testid="catalog-done"]', { timeout: 180_000 });
    return page.evaluate(() => ({ ms: performance.getEntriesByName('atlas:catalog')[0]?.duration ?? NaN, longest: window.__longest }));
  });
}

const fmt = (x, d = 0) => (x === null || x === undefined || !Number.isFinite(x) ? '–' : x.toFixed(d));

async function main() {
  if (!flag('no-build')) {
    log('building …');
    execSync('npx vite build', { stdio: ['ignore', 'ignore', 'inherit'] });
  }
  const sizes = assetSizes(DIST);
  const server = await startPreview(DIST, PORT);
  const results = { machine: {}, sizes, metrics: [] };
  try {
    const version = (await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS }).then(async (b) => {
      const v = b.version();
      await b.close();
      return v;
    }));
    results.machine = { node: process.version, chromium: version, cpus: (await import('node:os')).cpus().length };

    const add = (name, unit, values, goal) => results.metrics.push({ name, unit, goal, ...stats(values) });
    if (wanted('start')) {
      const starts = [];
      for (let i = 0; i < RUNS; i++) {
        log(`cold start ${i + 1}/${RUNS}`);
        starts.push(await coldStart(BASE));
      }
      add('Leipzig cold start → atlas:first-map', 'ms', starts.map((s) => s.firstMap), '≤ 1000');
      add('Leipzig cold start → atlas:first-maplibre-map (MapLibre drawn)', 'ms', starts.map((s) => s.firstMaplibreMap ?? s.firstMap), '');
      add('Leipzig cold start → atlas:db-ready', 'ms', starts.map((s) => s.dbReady), '≤ 3000');
      add('Data transferred until first map (page and workers)', 'KB', starts.map((s) => s.firstMapKB), '');
      add('JS heap after db-ready (Leipzig)', 'MB', starts.map((s) => s.heapMB), '');
    }
    if (wanted('leipzig')) {
      log(`${SWITCHES} switches, Leipzig`);
      const leipzig = await switches(`${BASE}?site=leipzig`, ['auslaenderanteil', 'arbeitslosenanteil', 'einwohner'], [2010, 2015, 2020, 2022], SWITCHES);
      add('Leipzig (63 areas) indicator/year switch → atlas:update', 'ms', leipzig.durations, 'p95 ≤ 16');
    }
    if (wanted('trend')) {
      log(`${SWITCHES} switches, Leipzig with trend arrows`);
      const trend = await switches(`${BASE}?site=leipzig&trend=1&from=2010&to=2022`, ['auslaenderanteil', 'arbeitslosenanteil', 'einwohner'], [2010, 2015, 2020, 2022], SWITCHES);
      add('Leipzig with trend arrows (trend=1) switch → atlas:update', 'ms', trend.durations, 'p95 ≤ 16');
    }
    if (wanted('kreise')) {
      log(`${SWITCHES} switches, Kreise`);
      const kreise = await switches(`${BASE}?site=kreise`, ['auslaenderanteil', 'arbeitslosenquote', 'anteil_65plus'], [2010, 2015, 2020], SWITCHES);
      add('Kreise (400 areas) indicator/year switch → atlas:update', 'ms', kreise.durations, '');
    }
    if (wanted('gemeinden')) {
      const starts = [];
      for (let i = 0; i < RUNS; i++) {
        log(`Gemeinden cold start ${i + 1}/${RUNS}`);
        starts.push(await coldStart(`${BASE}?site=gemeinden`, 'leerstandsquote'));
      }
      add('Gemeinden cold start → atlas:first-map', 'ms', starts.map((s) => s.firstMap), '');
      add('Gemeinden cold start → atlas:db-ready', 'ms', starts.map((s) => s.dbReady), '');
      add('Gemeinden: data transferred until first map', 'KB', starts.map((s) => s.firstMapKB), '≤ 1024');
      add('Gemeinden: data transferred until db-ready', 'KB', starts.map((s) => s.dbReadyKB), '');
      add('Gemeinden: first switch to another indicator after db-ready', 'ms', starts.map((s) => s.firstSwitch), '');
      log(`${SWITCHES} switches, Gemeinden`);
      const gemeinden = await switches(`${BASE}?site=gemeinden`, ['einwohner', 'leerstandsquote', 'auslaenderanteil'], [2022], SWITCHES);
      add('Gemeinden (10,786 areas) indicator switch → atlas:update', 'ms', gemeinden.durations, 'p95 ≤ 50');
      addPartRows(add, 'Gemeinden', gemeinden.parts);
      // A second page whose every switch also waits for the GPU (a one-pixel read-back): what the screen shows.
      log(`${SWITCHES} switches, Gemeinden, each until the frame is rasterised`);
      const rastered = await switches(`${BASE}?site=gemeinden`, ['einwohner', 'leerstandsquote', 'auslaenderanteil'], [2022], SWITCHES, { raster: true });
      add('Gemeinden: indicator switch → frame rasterised (GPU sync after atlas:update)', 'ms', rastered.raster, '');
      log('frame floor, Gemeinden (× 3)');
      addFrameRows(add, 'Gemeinden (10,786 areas)', await frameFloor(withFreshBrowser, BASE, { site: 'gemeinden', level: 'gemeinde', size: gemeinden.size, runs: Math.min(RUNS, 3) }));
    }
    if (ONLY?.includes('frames')) {
      // The frame floor alone (the group gemeinden measures it too), at the app's map size.
      const size = await withFreshBrowser(async (context) => {
        const page = context.pages()[0] ?? (await context.newPage());
        await page.goto(`${BASE}?site=gemeinden`);
        await page.waitForSelector('[data-testid="map"][data-view$="|db"]', { timeout: 60_000 });
        return mapSize(page);
      });
      log(`frame floor, Gemeinden (× ${Math.min(RUNS, 3)})`);
      addFrameRows(add, 'Gemeinden (10,786 areas)', await frameFloor(withFreshBrowser, BASE, { site: 'gemeinden', level: 'gemeinde', size, runs: Math.min(RUNS, 3) }));
    }
    if (wanted('grid')) {
      log('Zensus grid: cold start and 5 s of pan/zoom (× runs)');
      const grid = [];
      for (let i = 0; i < RUNS; i++) grid.push(await gridInteraction());
      add('Zensus grid (214,633 cells) cold start → first render', 'ms', grid.map((g) => g.firstMap), '≤ 3000');
      add('Zensus grid: longest main-thread task while panning/zooming', 'ms', grid.map((g) => g.longestStall), '≤ 100');
    }
    if (wanted('million')) {
      log('1,000,000 synthetic grid cells (× 3)');
      const million = [];
      for (let i = 0; i < Math.min(RUNS, 3); i++) million.push(await benchPage('case=grid&cells=1000000'));
      add('1,000,000 synthetic cells → first render', 'ms', million.map((m) => m.firstRenderMs), 'no crash');
      add('1,000,000 synthetic cells: JS heap after render', 'MB', million.map((m) => m.heapMB), '');
    }
    if (wanted('years')) {
      log('20 year switches in a row, Leipzig (× runs)');
      const years = Array.from({ length: 20 }, (_, i) => 2003 + i);
      const fps = [];
      for (let i = 0; i < RUNS; i++) fps.push(await yearRun(`${BASE}?site=leipzig&year=2002`, years));
      add('Leipzig 20 year switches in a row: repaints per second', 'fps', fps, '≥ 30');
    }
    if (wanted('csv')) {
      log('1,000,000-row German Excel CSV into DuckDB (× runs)');
      const csv = [];
      for (let i = 0; i < Math.min(RUNS, 3); i++) csv.push(await benchPage('case=csv&rows=1000000'));
      add('1,000,000-row CSV (;, decimal comma) → queryable in DuckDB', 'ms', csv.map((c) => c.importMs), '≤ 5000');
    }
    if (wanted('import')) {
      for (const years of [24, 93]) {
        log(`import dialog: Gemeinden × ${years} years (× 2)`);
        const runs = [];
        for (let i = 0; i < Math.min(RUNS, 2); i++) {
          // A failed run is reported, and the other measurements are still printed.
          try {
            runs.push(await dialogImport(years));
          } catch (err) {
            log(`  failed: ${String(err?.message ?? err).split('\n')[0]}`);
            results.failures = [...(results.failures ?? []), `import dialog × ${years} years: ${String(err?.message ?? err).split('\n')[0]}`];
          }
        }
        if (runs.length === 0) continue;
        const rows = runs[0].rows.toLocaleString('en');
        add(`Import dialog, ${rows}-row CSV → join summary`, 'ms', runs.map((r) => r.summaryMs), '');
        add(`Import dialog, ${rows}-row CSV: longest main-thread task`, 'ms', runs.map((r) => r.longest), '');
        add(`Import dialog, ${rows}-row CSV: confirm → on the map`, 'ms', runs.map((r) => r.mapMs), '');
        if (runs.some((r) => r.matched !== r.rows)) log(`  matched ${runs.map((r) => r.matched).join('/')} of ${runs[0].rows}`);
      }
    }
    if (wanted('catalog')) {
      log('area catalogue PDF, Leipzig 63 Ortsteile (× 3)');
      const runs = [];
      for (let i = 0; i < Math.min(RUNS, 3); i++) runs.push(await catalogPdf());
      add('Area catalogue PDF, Leipzig 63 Ortsteile: click → file', 'ms', runs.map((r) => r.ms), '≤ 30000');
      add('Area catalogue PDF: longest main-thread task', 'ms', runs.map((r) => r.longest), '≤ 200');
    }
    if (wanted('scale')) {
      await runScaleGroup({ add, withFreshBrowser, log, runs: Math.min(RUNS, 3), switches: Math.min(SWITCHES, 30), areas: option('scale-areas', 100_000), build: !flag('no-build') });
    }
    if (wanted('kepler')) {
      await runKeplerGroup({ add, withFreshBrowser, log, runs: RUNS, port: Number(process.env.KEPLER_PORT ?? PORT + 10) });
      results.metrics.push(...keplerRatios(results.metrics));
    }
  } finally {
    process.kill(-server.pid);
  }

  // Drawn programme areas over the 10,786 Gemeinden (Node, no browser: scripts/bench-programme-draw.mjs).
  if (wanted('draw')) {
    log('drawn programme areas over the Gemeinden (Node)');
    try {
      const rows = JSON.parse(execSync(`node scripts/bench-programme-draw.mjs --runs ${RUNS} --json`, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] }));
      for (const r of rows) results.metrics.push({ name: `Programme area: ${r.case}`, unit: 'ms', goal: r.case.includes('r=15 km') && r.case.includes('DuckDB') ? '≤ 1000' : '', ...stats(r.runs) });
    } catch (err) {
      results.failures = [...(results.failures ?? []), `drawn programme areas: ${String(err?.message ?? err).split('\n')[0]}`];
    }
  }

  // The Node benchmarks without a browser (real DuckDB-WASM in Node, or the pure analysis code), each a child
  // process with its own number of runs; their tables are printed after the browser rows, or kept in `node` of the JSON.
  if (wanted('node')) {
    results.node = [];
    for (const { script, json } of NODE_BENCHES) {
      log(`node ${script}`);
      try {
        const out = execSync(`node scripts/${script}${json && flag('json') ? ' --json' : ''}`, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
        results.node.push({ script, output: json && flag('json') ? JSON.parse(out) : out.trim() });
      } catch (err) {
        results.failures = [...(results.failures ?? []), `${script}: ${String(err?.message ?? err).split('\n')[0]}`];
      }
    }
  }

  if (flag('json')) {
    console.log(JSON.stringify(results, null, 2));
    return;
  }
  console.log(`Machine: Node ${results.machine.node}, Chromium ${results.machine.chromium}, ${results.machine.cpus} cores, headless, SwiftShader\n`);
  console.log('| metric | n | median | p95 | min | max | goal |');
  console.log('| --- | ---: | ---: | ---: | ---: | ---: | --- |');
  for (const m of results.metrics) {
    console.log(`| ${m.name} (${m.unit}) | ${m.n} | ${fmt(m.median, 1)} | ${fmt(m.p95, 1)} | ${fmt(m.min, 1)} | ${fmt(m.max, 1)} | ${m.goal} |`);
  }
  console.log(`| Initial JavaScript, gzipped (KB) | | ${fmt(sizes.initialJsGzipKB, 1)} | | | | ≤ 400 |`);
  console.log(`| DuckDB wasm (MB, gzipped) | | ${fmt(sizes.wasmMB, 1)} (${fmt(sizes.wasmGzipMB, 1)}) | | | | lazy |`);
  for (const { script, output } of results.node ?? []) console.log(`\nnode scripts/${script}\n\n${output}`);
  for (const f of results.failures ?? []) console.log(`\nFailed: ${f}`);
  if (results.failures?.length) process.exitCode = 1;
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
