// Rows of scripts/bench.mjs for the frame floor and the parts of a switch (issue 19): what a frame costs on
// this machine beside what an update costs, so that a missed budget can say what limits it.
// - frameFloor: bench.html?case=frames (src/bench/frame-floor.ts) at the app's map size: the background alone,
//   a repaint with nothing changed, a recolour of every area (writes, then the frame), and two diagnostics.
// - switchParts: the measures that split an update (atlas:query, atlas:recolor, atlas:paint) of a page.

/** The app's map box in a page (the frame case draws at the same size). */
export async function mapSize(page) {
  const box = await page.getByTestId('map').boundingBox();
  return box ? { w: Math.round(box.width), h: Math.round(box.height) } : null;
}

/** Runs the frame case `runs` times in fresh browsers at `base` (an app build's origin, bench.html beside it). */
export async function frameFloor(withFreshBrowser, base, { site, level, size, runs = 3, repeats = 15 }) {
  const results = [];
  for (let i = 0; i < runs; i++) {
    results.push(
      await withFreshBrowser(async (context) => {
        const page = context.pages()[0] ?? (await context.newPage());
        const q = new URLSearchParams({ case: 'frames', site, level, repeats: String(repeats), ...(size ? { w: String(size.w), h: String(size.h) } : {}) });
        await page.goto(`${base}bench.html?${q}`);
        await page.waitForSelector('body[data-done="true"]', { state: 'attached', timeout: 300_000 });
        const result = await page.evaluate(() => window.__benchResult);
        if (result?.error) throw new Error(`frame case ${site}/${level}: ${result.error}`);
        return result;
      }).catch((err) => {
        // A build from before the frame case (--dist an older commit's): no rows.
        if (String(err?.message).includes('unknown case')) return null;
        throw err;
      }),
    );
  }
  return results.filter(Boolean);
}

/** Adds the frame rows of `frameFloor`'s results under `label` ("Gemeinden (10,786 areas)"). */
export function addFrameRows(add, label, results) {
  if (results.length === 0) return;
  const r0 = results[0];
  const size = r0 ? ` at ${r0.width} × ${r0.height}` : '';
  const row = (name, key) => add(`${label}: ${name}`, 'ms', results.map((r) => r[key]), '');
  row(`frame floor, background only, draw + GPU sync${size}`, 'backgroundMs');
  row('frame floor, background only, ms per frame repainting continuously', 'backgroundIntervalMs');
  row('repaint with nothing changed, draw + GPU sync', 'repaintMs');
  row('repaint with nothing changed, ms per frame repainting continuously', 'repaintIntervalMs');
  row(`recolour of every area in view (${r0?.areas ?? '?'}): feature-state writes`, 'recolorWritesMs');
  row('recolour of every area in view: the frame that applies it, draw + GPU sync', 'recolorFrameMs');
  row('  diagnostic: that frame without the outline layer', 'withoutOutlineFrameMs');
  row('  diagnostic: that frame without the outline, constant fill opacity', 'constantOpacityFrameMs');
}

/** The parts of every update in the page since the last clear: query, recolour, paint (ms). */
export function switchParts(page) {
  return page.evaluate(() => Object.fromEntries(['atlas:query', 'atlas:recolor', 'atlas:paint'].map((n) => [n.slice(6), performance.getEntriesByName(n).map((m) => m.duration)])));
}

/** Rows of the parts of `label`'s switches (`parts` as from switchParts; several pages concatenated). */
export function addPartRows(add, label, parts) {
  for (const [part, name] of [['query', 'query (values from the cache or DuckDB)'], ['recolor', 'recolour (classes, colours, feature-state writes)'], ['paint', 'paint (until MapLibre is idle)']]) {
    add(`${label}: switch part, ${name}`, 'ms', parts[part] ?? [], '');
  }
}

/**
 * From now on, each time the map's view is painted (its data-view attribute changes) the page reads one pixel
 * back from the map's WebGL context, which waits until SwiftShader has drawn every frame queued: the time from
 * the start of the last atlas:update to then is kept (rasterTimes). atlas:update itself ends at MapLibre's
 * `idle`, when the frame has been handed to the GPU process, not when it has been drawn.
 */
export function installRasterProbe(page) {
  return page.evaluate(() => {
    window.__raster = [];
    const map = document.querySelector('[data-testid="map"]');
    const canvas = map?.querySelector('canvas');
    const gl = canvas?.getContext('webgl2') ?? canvas?.getContext('webgl');
    if (!map || !gl) return;
    const pixel = new Uint8Array(4);
    new MutationObserver(() => {
      if (!map.getAttribute('data-view')?.endsWith('|db')) return;
      gl.readPixels(0, 0, 1, 1, gl.RGBA, gl.UNSIGNED_BYTE, pixel);
      const last = performance.getEntriesByName('atlas:update').at(-1);
      if (last) window.__raster.push(performance.now() - last.startTime);
    }).observe(map, { attributes: true, attributeFilter: ['data-view'] });
  });
}

export function rasterTimes(page) {
  return page.evaluate(() => window.__raster ?? []);
}
