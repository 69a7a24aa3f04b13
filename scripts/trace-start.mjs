// Where Leipzig's cold start spends its time, from navigation to `atlas:first-map`: a Chromium
// performance trace (CDP Tracing) of each cold start, read per thread, with the app's own marks.
// Same browser, flags and fresh profile as scripts/bench.mjs's `start` group (service worker blocked).
//   node scripts/trace-start.mjs [--dist DIR] [--runs N] [--port P] [--json] [--url QUERY]
// Prints medians (and min–max) of: script parse/compile and evaluation on the main thread, main-thread
// long tasks, MapLibre's worker (start, busy time), fetches of style/glyphs/geometry, the frames drawn,
// the service worker's registration, and the app's marks (atlas:*).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from '@playwright/test';
import { startPreview } from './lib/preview-server.mjs';

const args = process.argv.slice(2);
const opt = (name, fallback) => (args.includes(`--${name}`) ? args[args.indexOf(`--${name}`) + 1] : fallback);
const DIST = opt('dist', 'dist');
const RUNS = Number(opt('runs', 5));
const PORT = Number(opt('port', 4203));
const QUERY = opt('url', '');
const BASE = `http://127.0.0.1:${PORT}/`;
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const CHROMIUM_ARGS = [
  '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
];
const CATEGORIES = [
  'devtools.timeline', 'v8', 'v8.execute', 'blink.user_timing', 'loading', 'toplevel', 'netlog',
  'disabled-by-default-devtools.timeline', 'disabled-by-default-devtools.timeline.frame', 'gpu',
].join(',');
const log = (msg) => process.stderr.write(`${msg}\n`);

/** One cold start with tracing on; returns the trace's events and the page's marks. */
async function tracedStart() {
  const profile = mkdtempSync(join(tmpdir(), 'atlas-trace-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    args: CHROMIUM_ARGS,
    viewport: { width: 1280, height: 800 },
    serviceWorkers: 'block',
  });
  try {
    const page = context.pages()[0] ?? (await context.newPage());
    const cdp = await context.newCDPSession(page);
    const events = [];
    cdp.on('Tracing.dataCollected', (e) => events.push(...e.value));
    const complete = new Promise((r) => cdp.once('Tracing.tracingComplete', r));
    await cdp.send('Tracing.start', { categories: CATEGORIES, transferMode: 'ReportEvents' });
    await page.goto(`${BASE}${QUERY}`);
    await page.waitForFunction(() => performance.getEntriesByName('atlas:first-map').length > 0, null, { timeout: 60_000 });
    // The MapLibre frame that takes over (builds that mark it; older builds: until DuckDB is ready).
    await page
      .waitForFunction(() => ['atlas:first-maplibre-map', 'atlas:db-ready'].some((n) => performance.getEntriesByName(n).length > 0), null, { timeout: 30_000 })
      .catch(() => undefined);
    const marks = await page.evaluate(() =>
      Object.fromEntries(performance.getEntriesByType('mark').filter((m) => m.name.startsWith('atlas:')).map((m) => [m.name, m.startTime])),
    );
    await cdp.send('Tracing.end');
    await complete;
    return { events, marks };
  } finally {
    await context.close();
    rmSync(profile, { recursive: true, force: true });
  }
}

const PARSE = new Set(['v8.compile', 'v8.compileModule', 'V8.CompileCode', 'v8.parseOnBackground', 'v8.produceCache', 'v8.produceModuleCache', 'CompileScript', 'v8.compileLazy']);
const EVAL = new Set(['EvaluateScript', 'v8.evaluateModule', 'v8.run']);

/** Sums the wall time of the outermost events (of `names`) on one thread up to `end` (µs), nested ones not counted twice. */
function sumOutermost(events, names, end) {
  const list = events.filter((e) => e.ph === 'X' && names.has(e.name) && e.ts < end).sort((a, b) => a.ts - b.ts);
  let total = 0;
  let reach = -Infinity;
  for (const e of list) {
    const from = Math.max(e.ts, reach);
    const to = Math.min(e.ts + (e.dur ?? 0), end);
    if (to > from) total += to - from;
    reach = Math.max(reach, e.ts + (e.dur ?? 0));
  }
  return total / 1000;
}

/** Reads one trace: the breakdown in ms from navigation. */
function analyse({ events, marks }) {
  const firstMapMark = events.find((e) => e.name === 'atlas:first-map' && (e.ph === 'R' || e.ph === 'I' || e.ph === 'n' || e.ph === 'b'));
  if (!firstMapMark) throw new Error('no atlas:first-map in the trace');
  const pid = firstMapMark.pid;
  const t0 = firstMapMark.ts - marks['atlas:first-map'] * 1000; // the page's time origin, in trace µs
  const end = firstMapMark.ts;
  const ms = (ts) => (ts - t0) / 1000;
  const names = new Map();
  for (const e of events) if (e.ph === 'M' && e.name === 'thread_name') names.set(`${e.pid}:${e.tid}`, e.args.name);
  const own = events.filter((e) => e.pid === pid);
  const byThread = new Map();
  for (const e of own) {
    const key = names.get(`${e.pid}:${e.tid}`) ?? 'other';
    if (!byThread.has(e.tid)) byThread.set(e.tid, { name: key, events: [] });
    byThread.get(e.tid).events.push(e);
  }
  const main = [...byThread.values()].find((t) => t.name === 'CrRendererMain');
  const workers = [...byThread.values()].filter((t) => /Worker thread/i.test(t.name) && t.events.some((e) => e.ts < end));
  const tasks = main.events.filter((e) => e.ph === 'X' && e.name === 'RunTask' && e.ts >= t0 && e.ts < end);
  const long = tasks.filter((e) => e.dur >= 50_000);
  const busy = (thread, upTo) => sumOutermost(thread.events.filter((e) => e.ts >= t0), new Set(['RunTask', 'ThreadControllerImpl::RunTask']), upTo);
  const requests = events.filter((e) => e.name === 'ResourceSendRequest' && e.args?.data?.url);
  const finish = new Map(events.filter((e) => e.name === 'ResourceFinish').map((e) => [e.args.data.requestId, e]));
  const fetchOf = (re) =>
    requests
      .filter((e) => re.test(e.args.data.url))
      .map((e) => ({ url: e.args.data.url.replace(/^.*\//, ''), start: ms(e.ts), end: finish.has(e.args.data.requestId) ? ms(finish.get(e.args.data.requestId).ts) : null }));
  const frames = own.filter((e) => (e.name === 'DrawFrame' || e.name === 'Commit') && e.ts >= t0 && e.ts <= end + 2_000_000);
  const maplibreWorkers = workers.map((w) => {
    const first = Math.min(...w.events.filter((e) => e.ts >= t0).map((e) => e.ts));
    return { start: ms(first), busy: busy(w, end + 5_000_000), busyBeforeFirstMap: busy(w, end) };
  });
  if (process.env.TRACE_DUMP) {
    for (const t of long) {
      const kids = main.events.filter((e) => e.ph === 'X' && e.ts >= t.ts && e.ts < t.ts + t.dur && e !== t && e.dur > 5000);
      log(`task at ${ms(t.ts).toFixed(0)} for ${(t.dur / 1000).toFixed(0)} ms: ` + kids.slice(0, 12).map((k) => `${k.name}${k.args?.data?.url ? '(' + k.args.data.url.replace(/^.*\//, '') + ')' : k.args?.data?.functionName ? '(' + k.args.data.functionName + ')' : ''} ${(k.dur / 1000).toFixed(0)}`).join(', '));
    }
  }
  const sw = events.find((e) => /ServiceWorker.*Register|RegisterServiceWorker/i.test(e.name));
  return {
    firstMap: ms(end),
    mainBusy: busy(main, end),
    parseCompile: sumOutermost(main.events.filter((e) => e.ts >= t0), PARSE, end),
    evaluate: sumOutermost(main.events.filter((e) => e.ts >= t0), EVAL, end),
    longTasks: long.length,
    longTaskMs: long.reduce((s, e) => s + e.dur / 1000, 0),
    longest: tasks.reduce((m, e) => Math.max(m, e.dur / 1000), 0),
    workers: maplibreWorkers.length,
    workerFirstStart: maplibreWorkers.length ? Math.min(...maplibreWorkers.map((w) => w.start)) : null,
    workerBusyBeforeFirstMap: maplibreWorkers.reduce((s, w) => s + w.busyBeforeFirstMap, 0),
    geometry: fetchOf(/\.geojson/),
    firstView: fetchOf(/first-view/),
    glyphsOrStyle: fetchOf(/glyph|\.pbf|style\.json|sprite/),
    framesBeforeFirstMap: frames.filter((e) => e.name === 'DrawFrame' && e.ts <= end).length,
    serviceWorker: sw ? ms(sw.ts) : null,
    marks,
  };
}

function median(values) {
  const v = values.filter((x) => typeof x === 'number' && Number.isFinite(x)).sort((a, b) => a - b);
  if (v.length === 0) return null;
  return { median: v[Math.floor((v.length - 1) / 2)], min: v[0], max: v[v.length - 1], n: v.length };
}

async function main() {
  const server = await startPreview(DIST, PORT);
  const runs = [];
  try {
    for (let i = 0; i < RUNS; i++) {
      log(`traced cold start ${i + 1}/${RUNS}`);
      runs.push(analyse(await tracedStart()));
    }
  } finally {
    try {
      process.kill(-server.pid);
    } catch {
      /* gone */
    }
  }
  const rows = [
    ['navigation → atlas:first-map', (r) => r.firstMap],
    ['main thread busy until then', (r) => r.mainBusy],
    ['  script parse/compile (main thread)', (r) => r.parseCompile],
    ['  script evaluation (main thread)', (r) => r.evaluate],
    ['  long tasks (≥ 50 ms), their sum', (r) => r.longTaskMs],
    ['  long tasks (≥ 50 ms), count', (r) => r.longTasks],
    ['  longest task', (r) => r.longest],
    ['workers running before the first map', (r) => r.workers],
    ['  first worker starts at', (r) => r.workerFirstStart],
    ['  workers busy before the first map', (r) => r.workerBusyBeforeFirstMap],
    ['first-view.json fetched by', (r) => r.firstView[0]?.end ?? null],
    ['geometry (.geojson) requested at', (r) => r.geometry[0]?.start ?? null],
    ['geometry (.geojson) fetched by', (r) => r.geometry[0]?.end ?? null],
    ['style/glyph/sprite requests', (r) => r.glyphsOrStyle.length],
    ['frames drawn before the first map', (r) => r.framesBeforeFirstMap],
    ['service worker registered at', (r) => r.serviceWorker],
  ];
  const markNames = [...new Set(runs.flatMap((r) => Object.keys(r.marks)))].sort((a, b) => (median(runs.map((r) => r.marks[a]))?.median ?? 0) - (median(runs.map((r) => r.marks[b]))?.median ?? 0));
  for (const m of markNames) rows.push([`mark ${m}`, (r) => r.marks[m] ?? null]);
  const table = rows.map(([name, f]) => ({ name, ...median(runs.map(f)) }));
  if (args.includes('--json')) {
    console.log(JSON.stringify({ dist: DIST, runs: RUNS, table, raw: runs }, null, 2));
    return;
  }
  const fmt = (x) => (x === undefined || x === null ? '–' : Number.isInteger(x) ? String(x) : x.toFixed(0));
  console.log(`${DIST}, ${RUNS} traced cold starts (ms from navigation; medians, min–max)`);
  console.log('| what | median | min | max |\n| --- | ---: | ---: | ---: |');
  for (const r of table) console.log(`| ${r.name} | ${fmt(r.median)} | ${fmt(r.min)} | ${fmt(r.max)} |`);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
