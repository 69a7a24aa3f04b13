// The group `scale` of scripts/bench.mjs: the synthetic site of scripts/synthetic-scale.mjs (100,000 cells
// over Germany, 10 indicators × 20 years) opened through the app's normal site loading, exactly as a
// bundled site (geometry URL to MapLibre, values.csv into DuckDB, first-view.json painted first).
//
// The shipped app and data/ stay untouched: the build input is copied to dist-scale/src-N/ (src/ copied,
// data/'s folders linked, catalog.json with the synthetic site and its source added, the site's folder
// linked from dist-scale/data-N/) and built into dist-scale/app-N/, served by a preview server of its own.
import { execSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { VALUE_PARTS_MIN_AREAS, VALUE_PARTS_ROW_GROUPS } from '../src/lib/data/site-package.js';
import { startPreview } from './lib/preview-server.mjs';
import { addFrameRows, addPartRows, frameFloor, mapSize } from './bench-frames.mjs';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const SITE = 'synthetic-scale';
export const SCALE_PORT = Number(process.env.SCALE_PORT ?? 4301);

/** Generates the data (once per N) and builds the app copy with the synthetic site; returns the build's folder. */
export function prepareScaleBuild(n, { build = true, log = () => {} } = {}) {
  const base = join(ROOT, 'dist-scale');
  const data = join(base, `data-${n}`);
  const out = join(base, `app-${n}`);
  const entryFile = join(data, 'catalog-entry.json');
  // Data written before the value parts (more than VALUE_PARTS_MIN_AREAS cells: one Parquet file per indicator),
  // before their row group per year (VALUE_PARTS_ROW_GROUPS) or before the vector tiles are written again.
  const written = existsSync(entryFile) ? JSON.parse(readFileSync(entryFile, 'utf8')).site : null;
  const stale =
    written !== null &&
    n > VALUE_PARTS_MIN_AREAS &&
    (written.valueParts?.rowGroups !== VALUE_PARTS_ROW_GROUPS || !written.levels.some((l) => l.tiles));
  if (stale) rmSync(data, { recursive: true, force: true });
  if (!existsSync(entryFile)) {
    log(`generating ${n.toLocaleString('en')} synthetic cells …`);
    execSync(`node --max-old-space-size=6000 scripts/synthetic-scale.mjs --areas ${n} --out ${data}`, { cwd: ROOT, stdio: ['ignore', 'inherit', 'inherit'] });
  }
  if (!build && existsSync(join(out, 'index.html'))) return out;
  const src = join(base, `src-${n}`);
  rmSync(src, { recursive: true, force: true });
  mkdirSync(join(src, 'data'), { recursive: true });
  cpSync(join(ROOT, 'src'), join(src, 'src'), { recursive: true });
  for (const f of ['tsconfig.json', 'package.json']) cpSync(join(ROOT, f), join(src, f));
  // The offline precache refuses files over its limit (values.csv of 100,000 cells is ~130 MB): raised in the
  // copy only (the bench blocks the service worker anyway).
  const config = readFileSync(join(ROOT, 'vite.config.ts'), 'utf8');
  const limit = 'maximumFileSizeToCacheInBytes: 64 * 1024 * 1024';
  if (!config.includes(limit)) throw new Error(`vite.config.ts: "${limit}" not found`);
  writeFileSync(join(src, 'vite.config.ts'), config.replace(limit, 'maximumFileSizeToCacheInBytes: 2 * 1024 * 1024 * 1024'));
  for (const d of ['node_modules', 'public']) symlinkSync(resolve(ROOT, d), join(src, d));
  for (const d of readdirSync(join(ROOT, 'data'))) if (d !== 'catalog.json') symlinkSync(join(ROOT, 'data', d), join(src, 'data', d));
  symlinkSync(join(data, SITE), join(src, 'data', SITE));
  const catalog = JSON.parse(readFileSync(join(ROOT, 'data/catalog.json'), 'utf8'));
  const entry = JSON.parse(readFileSync(join(data, 'catalog-entry.json'), 'utf8'));
  catalog.sites = [...catalog.sites.filter((s) => s.id !== SITE), entry.site];
  catalog.sources[entry.sourceId] = entry.source;
  writeFileSync(join(src, 'data/catalog.json'), JSON.stringify(catalog, null, 2));
  log(`building the app with the synthetic site into ${out} …`);
  execSync(`npx vite build --outDir ${out}`, { cwd: src, stdio: ['ignore', 'ignore', 'inherit'] });
  return out;
}

export function startScaleServer(dist) {
  return startPreview(dist, SCALE_PORT, { cwd: ROOT, tries: 150 });
}

/**
 * Resident memory (MB) of the renderer processes of the bench's fresh Chromium (profile atlas-bench-*): the
 * page with its workers (MapLibre's, DuckDB's wasm memory), which performance.memory (main thread only) leaves out.
 */
function rendererMB() {
  const procs = execSync('ps -eo pid=,ppid=,rss=,args=', { encoding: 'utf8' })
    .split('\n')
    .map((l) => l.trim().match(/^(\d+)\s+(\d+)\s+(\d+)\s+(.*)$/))
    .filter(Boolean)
    .map(([, pid, ppid, rss, args]) => ({ pid: Number(pid), ppid: Number(ppid), rss: Number(rss), args }));
  const browser = procs.find((p) => p.args.includes('atlas-bench-') && !p.args.includes('--type='));
  if (!browser) return null;
  const tree = new Set([browser.pid]);
  for (let grew = true; grew; ) {
    grew = false;
    for (const p of procs) {
      if (!tree.has(p.pid) && tree.has(p.ppid)) {
        tree.add(p.pid);
        grew = true;
      }
    }
  }
  const kb = procs.filter((p) => tree.has(p.pid) && p.args.includes('--type=renderer')).reduce((s, p) => s + p.rss, 0);
  return kb / 1024;
}

const siteUrl = () => `http://127.0.0.1:${SCALE_PORT}/?site=${SITE}`;
const heapMB = (page) => page.evaluate(() => (performance.memory ? performance.memory.usedJSHeapSize / 1024 / 1024 : null));

/** Cold start: first coloured map, bytes and JS heap at that moment, then DuckDB ready. */
export async function scaleColdStart(withFreshBrowser) {
  return withFreshBrowser(async (context) => {
    const page = context.pages()[0] ?? (await context.newPage());
    // Playwright's request events include the workers' requests (MapLibre fetches the GeoJSON in its
    // worker), which a CDP session on the page does not see.
    const finished = [];
    page.on('requestfinished', (r) => finished.push(r));
    const kb = async (requests) => {
      const sizes = await Promise.all(requests.map((r) => r.sizes().catch(() => null)));
      return sizes.reduce((sum, s) => sum + (s ? s.responseBodySize + s.responseHeadersSize : 0), 0) / 1024;
    };
    await page.goto(siteUrl());
    await page.waitForFunction(() => performance.getEntriesByName('atlas:first-map').length > 0, null, { timeout: 300_000, polling: 50 });
    const untilFirstMap = finished.slice();
    const heapFirstMap = await heapMB(page);
    const rendererFirstMap = rendererMB();
    await page.waitForSelector('[data-testid="map"][data-view$="|db"]', { timeout: 600_000 });
    const marks = await page.evaluate(() => ({
      firstMap: performance.getEntriesByName('atlas:first-map')[0]?.startTime ?? null,
      dbReady: performance.getEntriesByName('atlas:db-ready')[0]?.startTime ?? null,
    }));
    const firstMapKB = await kb(untilFirstMap);
    const totalMB = (await kb(finished.slice())) / 1024;
    return { ...marks, firstMapKB, totalMB, heapFirstMap, rendererFirstMap, heapDbReady: await heapMB(page), rendererDbReady: rendererMB() };
  });
}

async function waitForView(page, before) {
  await page.waitForFunction(
    (b) => {
      const v = document.querySelector('[data-testid="map"]')?.getAttribute('data-view');
      return v && v !== b && v.endsWith('|db');
    },
    before,
    { timeout: 120_000 },
  );
}

/**
 * In one warm page: `count` indicator switches, then `count` year switches (atlas:update measures of
 * each kind), then `hovers` pointer moves onto cells (pointer event → tooltip in the DOM, next frame).
 */
export async function scaleInteraction(withFreshBrowser, { indicators, years, count, hovers }) {
  return withFreshBrowser(async (context) => {
    const page = context.pages()[0] ?? (await context.newPage());
    await page.goto(siteUrl());
    await page.waitForSelector('[data-testid="map"][data-view$="|db"]', { timeout: 600_000 });
    // Each switch's update and its parts (the last measures once its view is painted).
    const NAMES = ['atlas:update', 'atlas:query', 'atlas:recolor', 'atlas:paint'];
    const measure = async (step) => {
      const runs = [];
      for (let i = 0; i < count; i++) {
        await page.evaluate((names) => names.forEach((n) => performance.clearMeasures(n)), NAMES);
        const view = await page.getByTestId('map').getAttribute('data-view');
        await step(i);
        await waitForView(page, view);
        runs.push(await page.evaluate((names) => Object.fromEntries(names.map((n) => [n.slice(6), performance.getEntriesByName(n).at(-1)?.duration ?? NaN])), NAMES));
      }
      return runs;
    };
    // Start from an indicator other than the default, so that the first switch is a real change. A switch to an
    // indicator not shown before in the page reads its values first (value parts); later ones find them loaded.
    const seen = new Set([await page.getByTestId('indicator-select').inputValue()]);
    const firstRead = [];
    const indicatorRuns = await measure((i) => {
      const ind = indicators[(i + 1) % indicators.length];
      firstRead[i] = !seen.has(ind);
      seen.add(ind);
      return page.getByTestId('indicator-select').selectOption(ind);
    });
    const indicator = indicatorRuns.map((r) => r.update);
    const loaded = indicatorRuns.filter((_, i) => !firstRead[i]);
    const indicatorFirst = indicatorRuns.filter((_, i) => firstRead[i]).map((r) => r.update);
    // Likewise the years: the first switch to a year reads it (unless idle time read it before), later ones find it.
    const yearsSeen = new Set([await page.getByTestId('year-input').inputValue()]);
    const yearFirst = [];
    const yearRuns = await measure((i) => {
      const y = String(years[i % years.length]);
      yearFirst[i] = !yearsSeen.has(y);
      yearsSeen.add(y);
      return page.getByTestId('year-input').fill(y);
    });
    const year = yearRuns.map((r) => r.update);
    const partsOf = (runs) => ({ query: runs.map((r) => r.query), recolor: runs.map((r) => r.recolor), paint: runs.map((r) => r.paint) });
    const size = await mapSize(page);

    const box = await page.getByTestId('map').boundingBox();
    await page.evaluate(() => {
      window.__hover = { start: null, end: null };
      document.addEventListener('pointermove', (e) => (window.__hover.start ??= e.timeStamp), { capture: true });
      new MutationObserver(() => {
        if (window.__hover.start !== null && window.__hover.end === null && document.querySelector('[data-testid="tooltip"]')) {
          requestAnimationFrame(() => (window.__hover.end ??= performance.now()));
        }
      }).observe(document.body, { childList: true, subtree: true });
    });
    const hover = [];
    for (let i = 0; i < hovers; i++) {
      // Off the map (tooltip gone), then onto a cell near the centre.
      await page.mouse.move(box.x + 2, box.y + 2);
      await page.waitForFunction(() => !document.querySelector('[data-testid="tooltip"]'), null, { timeout: 10_000 });
      await page.waitForTimeout(100);
      await page.evaluate(() => (window.__hover = { start: null, end: null }));
      await page.mouse.move(box.x + box.width * (0.4 + 0.02 * i), box.y + box.height * (0.45 + 0.01 * i));
      try {
        await page.waitForFunction(() => window.__hover.end !== null, null, { timeout: 10_000, polling: 'raf' });
        hover.push(await page.evaluate(() => window.__hover.end - window.__hover.start));
      } catch {
        /* no cell under the pointer (a hole): not counted */
      }
    }
    return {
      indicator, indicatorFirst, indicatorLoaded: loaded.map((r) => r.update), loadedParts: partsOf(loaded),
      year, yearParts: partsOf(yearRuns), yearFirst: yearRuns.filter((_, i) => yearFirst[i]).map((r) => r.update), yearAgain: yearRuns.filter((_, i) => !yearFirst[i]).map((r) => r.update),
      hover, size,
    };
  });
}

/**
 * The group: `runs` cold starts, then `switches` indicator and `switches` year switches and 15 hovers in
 * one warm page; `add(name, unit, values, goal)` records a row (bench.mjs).
 */
export async function runScaleGroup({ add, withFreshBrowser, log, runs, switches, areas, build }) {
  const label = `${areas.toLocaleString('en')} synthetic areas`;
  const server = await startScaleServer(prepareScaleBuild(areas, { build, log }));
  try {
    const starts = [];
    for (let i = 0; i < runs; i++) {
      log(`${label}: cold start ${i + 1}/${runs}`);
      starts.push(await scaleColdStart(withFreshBrowser));
    }
    add(`${label}: cold start → atlas:first-map`, 'ms', starts.map((s) => s.firstMap), '≤ 2000');
    add(`${label}: cold start → atlas:db-ready`, 'ms', starts.map((s) => s.dbReady), '');
    add(`${label}: data transferred until first map`, 'KB', starts.map((s) => s.firstMapKB), '');
    add(`${label}: data transferred until db-ready`, 'MB', starts.map((s) => s.totalMB), '');
    add(`${label}: JS heap at first map`, 'MB', starts.map((s) => s.heapFirstMap), '≤ 300');
    add(`${label}: JS heap at db-ready`, 'MB', starts.map((s) => s.heapDbReady), '≤ 300');
    add(`${label}: renderer memory (RSS, page + workers) at first map`, 'MB', starts.map((s) => s.rendererFirstMap), '');
    add(`${label}: renderer memory (RSS, page + workers) at db-ready`, 'MB', starts.map((s) => s.rendererDbReady), '');
    log(`${label}: ${switches} indicator + ${switches} year switches, 15 hovers`);
    // 2022 down to 2004, then 2023: every switch a change, starting from the default year 2023.
    const years = [...Array.from({ length: 19 }, (_, i) => 2022 - i), 2023];
    const indicators = ['auslaenderanteil', 'einwohner', 'arbeitslosenquote', 'leerstandsquote', 'anteil_65plus'];
    const run = await scaleInteraction(withFreshBrowser, { indicators, years, count: switches, hovers: 15 });
    add(`${label}: indicator switch → atlas:update`, 'ms', run.indicator, 'p95 ≤ 100');
    add(`${label}: indicator switch, first read of the indicator`, 'ms', run.indicatorFirst, '');
    add(`${label}: indicator switch, indicator read before (second visit)`, 'ms', run.indicatorLoaded, 'p95 ≤ 100');
    addPartRows(add, `${label}, second-visit indicator switches`, run.loadedParts);
    add(`${label}: year switch → atlas:update`, 'ms', run.year, 'p95 ≤ 100');
    add(`${label}: year switch, first switch to the year`, 'ms', run.yearFirst, '');
    add(`${label}: year switch, year shown before (second visit)`, 'ms', run.yearAgain, '');
    addPartRows(add, `${label}, year switches`, run.yearParts);
    add(`${label}: hover, pointer move → tooltip painted`, 'ms', run.hover, '');
    log(`${label}: frame floor (× ${runs})`);
    addFrameRows(add, label, await frameFloor(withFreshBrowser, `http://127.0.0.1:${SCALE_PORT}/`, { site: SITE, level: 'zelle', size: run.size, runs, repeats: 5 }));
  } finally {
    process.kill(-server.pid);
  }
}
