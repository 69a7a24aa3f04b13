// kepler.gl in the same sitting: the peer of issue 19's budgets (Leipzig first coloured map ≥ 4× faster than
// kepler.gl, Gemeinden ≥ 5×), measured with the same Chromium, flags, viewport and fresh profiles as bench.mjs.
//
// scripts/kepler/ is a minimal kepler.gl 3.2.6 app (React 18, pinned in its own package.json + package-lock.json).
// This script copies it to $KEPLER_DIR (default /tmp/quartiersatlas-kepler), runs `npm ci` there when the lock
// changed (downloads kepler.gl from the npm registry, ~700 MB of node_modules: why the group is not in bench.mjs's
// default run), builds it with Vite into dist-kepler/ (git-ignored), writes the input files (make-input.mjs: the
// GeoJSON of our first map's level with the default indicator's value of the default year) into dist-kepler/data/,
// serves the build with the same `vite preview` as our app and runs N cold starts per dataset: navigation → the
// first frame in which the polygons are drawn coloured (`kepler:first-coloured`, see scripts/kepler/src/main.js:
// deck.gl's onAfterRender plus one read-back of the drawing buffer per frame until at least 3 of the 5 class
// colours are on it), bytes on the wire until then, JS heap then. Requests to any other origin are aborted and
// counted (there should be none).
//
//   node scripts/bench-kepler.mjs [--runs N] [--data leipzig,gemeinden] [--json] [--screenshot DIR]
//   npm run bench -- --only start,gemeinden,kepler …   (adds the ratio rows kepler.gl ÷ ours)
// KEPLER_PORT (default: the bench port + 10, standalone 4310) serves the kepler build.
import { createHash } from 'node:crypto';
import { execSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { withFreshBrowser as freshBrowser, stats, wireBytes } from './lib/bench-browser.mjs';
import { startPreview } from './lib/preview-server.mjs';
import { KEPLER_DATASETS, writeKeplerInputs } from './kepler/make-input.mjs';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const APP = join(ROOT, 'scripts/kepler');
export const KEPLER_DIR = process.env.KEPLER_DIR ?? '/tmp/quartiersatlas-kepler';
export const KEPLER_DIST = join(ROOT, 'dist-kepler');
const APP_FILES = ['package.json', 'package-lock.json', '.npmrc', 'index.html', 'vite.config.js', 'src', 'public'];
const LABELS = { leipzig: 'Leipzig (63 Ortsteile)', gemeinden: 'Gemeinden (10,786 areas)' };

/** A hash of the app's files (sources and lock): the build is redone when it changes. */
function appHash() {
  const hash = createHash('sha256');
  const add = (path) => {
    if (statSync(path).isDirectory()) for (const f of readdirSync(path).sort()) add(join(path, f));
    else hash.update(path.slice(APP.length)).update(readFileSync(path));
  };
  for (const f of APP_FILES) add(join(APP, f));
  return hash.digest('hex');
}

/** Installs (npm ci, cached while the lock is the same), builds (cached while the app is the same) and writes the inputs. */
export function prepareKepler({ log = () => {} } = {}) {
  mkdirSync(KEPLER_DIR, { recursive: true });
  for (const f of APP_FILES) {
    rmSync(join(KEPLER_DIR, f), { recursive: true, force: true });
    cpSync(join(APP, f), join(KEPLER_DIR, f), { recursive: true });
  }
  const lock = readFileSync(join(APP, 'package-lock.json'));
  const lockStamp = join(KEPLER_DIR, 'node_modules', '.quartiersatlas-lock');
  const lockHash = createHash('sha256').update(lock).digest('hex');
  if (!existsSync(lockStamp) || readFileSync(lockStamp, 'utf8') !== lockHash) {
    log(`installing kepler.gl into ${KEPLER_DIR} (npm ci, a few minutes) …`);
    execSync('npm ci --no-audit --no-fund --ignore-scripts', { cwd: KEPLER_DIR, stdio: ['ignore', 'ignore', 'inherit'] });
    writeFileSync(lockStamp, lockHash);
  }
  const buildStamp = join(KEPLER_DIST, '.quartiersatlas-build');
  const hash = appHash();
  if (!existsSync(buildStamp) || readFileSync(buildStamp, 'utf8') !== hash || !existsSync(join(KEPLER_DIST, 'index.html'))) {
    log(`building the kepler.gl app into ${KEPLER_DIST} …`);
    execSync('npx vite build', { cwd: KEPLER_DIR, env: { ...process.env, KEPLER_OUT: KEPLER_DIST }, stdio: ['ignore', 'ignore', 'inherit'] });
    writeFileSync(buildStamp, hash);
  }
  writeKeplerInputs(join(KEPLER_DIST, 'data'));
  return KEPLER_DIST;
}

/** One cold start of the kepler app with `?data=name` in a fresh profile. */
async function keplerColdStart(withFreshBrowser, base, name, screenshot = null) {
  return withFreshBrowser(async (context) => {
    // Anything outside the served build is aborted and counted (the app should request nothing else).
    const external = [];
    await context.route(
      (url) => !url.href.startsWith(base) && !url.protocol.startsWith('data') && !url.protocol.startsWith('blob'),
      (route) => {
        external.push(route.request().url());
        return route.abort();
      },
    );
    const page = context.pages()[0] ?? (await context.newPage());
    const finished = [];
    page.on('requestfinished', (request) => finished.push(request));
    await page.goto(`${base}?data=${name}`);
    await page.waitForFunction(() => window.__keplerError || performance.getEntriesByName('kepler:first-coloured').length > 0, null, {
      timeout: 180_000,
      polling: 50,
    });
    const error = await page.evaluate(() => window.__keplerError ?? null);
    if (error) throw new Error(`kepler.gl app: ${error}`);
    const heap = await page.evaluate(() => performance.memory?.usedJSHeapSize ?? null);
    if (screenshot) {
      mkdirSync(screenshot, { recursive: true });
      await page.screenshot({ path: join(screenshot, `kepler-${name}.png`) });
    }
    const marks = await page.evaluate(() => ({
      firstColoured: performance.getEntriesByName('kepler:first-coloured')[0].startTime,
      at: performance.timeOrigin + performance.getEntriesByName('kepler:first-coloured')[0].startTime,
      fetched: performance.getEntriesByName('kepler:data-fetched')[0]?.startTime ?? null,
      added: performance.getEntriesByName('kepler:data-added')[0]?.startTime ?? null,
      detail: window.__keplerFirst,
    }));
    const until = finished.filter((r) => {
      const t = r.timing();
      return t.responseEnd < 0 || t.startTime + t.responseEnd <= marks.at;
    });
    return { ...marks, kb: (await wireBytes(until)) / 1024, heapMB: heap === null ? null : heap / 1024 / 1024, external };
  });
}

/**
 * The group `kepler` of bench.mjs (or this script alone): adds a row per dataset and measure through `add`.
 * @returns {Promise<{ name: string, runs: object[] }[]>}
 */
export async function runKeplerGroup({ add, withFreshBrowser = freshBrowser, log = () => {}, runs = 5, port, datasets = Object.keys(KEPLER_DATASETS), screenshot = null }) {
  const dist = prepareKepler({ log });
  const server = await startPreview(dist, port, { cwd: ROOT });
  const base = `http://127.0.0.1:${port}/`;
  const results = [];
  try {
    for (const name of datasets) {
      const list = [];
      for (let i = 0; i < runs; i++) {
        log(`kepler.gl ${name} cold start ${i + 1}/${runs}`);
        list.push(await keplerColdStart(withFreshBrowser, base, name, i === 0 ? screenshot : null));
      }
      const external = [...new Set(list.flatMap((r) => r.external))];
      if (external.length) log(`  kepler.gl asked for other origins (aborted): ${external.slice(0, 5).join(', ')}`);
      const label = `kepler.gl ${LABELS[name] ?? name}`;
      add(`${label} cold start → first coloured frame`, 'ms', list.map((r) => r.firstColoured), '');
      add(`${label} cold start → its GeoJSON fetched and parsed`, 'ms', list.map((r) => r.fetched), '');
      add(`${label}: data transferred until first coloured frame`, 'KB', list.map((r) => r.kb), '');
      add(`${label}: JS heap at first coloured frame`, 'MB', list.map((r) => r.heapMB), '');
      add(`${label} cold start → that frame's pixels finished (mark + first read-back)`, 'ms', list.map((r) => r.firstColoured + (r.detail?.readBackMs ?? NaN)), '');
      results.push({ name, runs: list });
    }
  } finally {
    process.kill(-server.pid);
  }
  return results;
}

/** Ratio rows, kepler.gl ÷ ours (medians), for what ran in the same command; none when a side is missing. */
export function keplerRatios(metrics) {
  const find = (name) => metrics.find((m) => m.name === name);
  const pairs = [
    ['Leipzig first coloured map: kepler.gl ÷ Quartiersatlas (atlas:first-map)', 'kepler.gl Leipzig (63 Ortsteile) cold start → first coloured frame', 'Leipzig cold start → atlas:first-map', '≥ 4'],
    ['Leipzig: kepler.gl ÷ Quartiersatlas (MapLibre drawn)', 'kepler.gl Leipzig (63 Ortsteile) cold start → first coloured frame', 'Leipzig cold start → atlas:first-maplibre-map (MapLibre drawn)', ''],
    ['Gemeinden first coloured map: kepler.gl ÷ Quartiersatlas (atlas:first-map)', 'kepler.gl Gemeinden (10,786 areas) cold start → first coloured frame', 'Gemeinden cold start → atlas:first-map', '≥ 5'],
  ];
  const rows = [];
  for (const [name, peer, ours, goal] of pairs) {
    const [a, b] = [find(peer), find(ours)];
    if (Number.isFinite(a?.median) && Number.isFinite(b?.median) && b.median > 0) {
      rows.push({ name, unit: '× (medians)', goal, n: Math.min(a.n, b.n), median: a.median / b.median, p95: null, min: null, max: null });
    }
  }
  return rows;
}

async function main() {
  const args = process.argv.slice(2);
  const value = (name, fallback) => (args.includes(`--${name}`) ? args[args.indexOf(`--${name}`) + 1] : fallback);
  const metrics = [];
  const add = (name, unit, values, goal) => metrics.push({ name, unit, goal, ...stats(values) });
  const results = await runKeplerGroup({
    add,
    log: (msg) => process.stderr.write(`${msg}\n`),
    runs: Number(value('runs', 5)),
    port: Number(process.env.KEPLER_PORT ?? 4310),
    datasets: value('data', Object.keys(KEPLER_DATASETS).join(',')).split(','),
    screenshot: value('screenshot', null),
  });
  if (args.includes('--json')) {
    console.log(JSON.stringify({ metrics, runs: results }, null, 2));
    return;
  }
  const fmt = (x) => (Number.isFinite(x) ? x.toFixed(1) : '–');
  console.log('| metric | n | median | p95 | min | max |');
  console.log('| --- | ---: | ---: | ---: | ---: | ---: |');
  for (const m of metrics) console.log(`| ${m.name} (${m.unit}) | ${m.n} | ${fmt(m.median)} | ${fmt(m.p95)} | ${fmt(m.min)} | ${fmt(m.max)} |`);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  main().catch((err) => {
    console.error(err);
    process.exit(1);
  });
}
