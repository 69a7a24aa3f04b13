// Benchmark case ?case=frames&site=S&level=L&w=W&h=H&repeats=N (scripts/bench-frames.mjs): the frame floor of this
// machine for one level, drawn by the app's own ChoroplethMap at the app's map size — what a frame costs
// with nothing but the background, a repaint of the coloured level with nothing changed, and a recolour of
// every area (its feature-state writes, then the frame that applies them). Two diagnostic variants say what
// limits the recolour: without the outline layer, and with a constant fill opacity.
import { findBundledSite, findLevel } from '../lib/data/catalog';
import { dataUrl } from '../lib/data/urls';
import { levelTiles } from '../lib/data/level-tiles';
import { paletteColors } from '../lib/map/palette';
import type { ChoroplethMap } from '../lib/map/choropleth-map';

/** Frames per measure (`repeats`): fewer at 100,000 areas, where a frame takes seconds. */
let REPEATS = 15;

function median(values: number[]): number {
  const v = [...values].sort((a, b) => a - b);
  return v[Math.floor((v.length - 1) / 2)]!;
}

/** Draws now and waits until the GPU (SwiftShader here) has finished: a one-pixel read-back. */
function syncFrame(map: ChoroplethMap): number {
  const canvas = map.canvas();
  const gl = (canvas.getContext('webgl2') ?? canvas.getContext('webgl')) as WebGLRenderingContext;
  const pixel = new Uint8Array(4);
  const t0 = performance.now();
  map.map.redraw();
  gl.readPixels(0, 0, 1, 1, gl.RGBA, gl.UNSIGNED_BYTE, pixel);
  return performance.now() - t0;
}

/** Milliseconds per frame while MapLibre repaints continuously (display frames, compositing included). */
function frameInterval(map: ChoroplethMap, ms = 1500): Promise<number> {
  return new Promise((resolve) => {
    let frames = 0;
    let t0 = 0;
    const onRender = () => {
      if (frames === 0) t0 = performance.now();
      frames++;
      const elapsed = performance.now() - t0;
      if (elapsed >= ms && frames > 2) {
        map.map.off('render', onRender);
        resolve(elapsed / (frames - 1));
      } else map.map.triggerRepaint();
    };
    map.map.on('render', onRender);
    map.map.triggerRepaint();
  });
}

const idle = (map: ChoroplethMap) => new Promise<void>((resolve) => (map.map.loaded() && map.map.areTilesLoaded() ? resolve() : map.map.once('idle', () => resolve())));

export async function frameFloorCase(params: URLSearchParams): Promise<Record<string, unknown>> {
  REPEATS = Number(params.get('repeats') ?? 15);
  const container = document.getElementById('map')!;
  const w = Number(params.get('w') ?? 0);
  const h = Number(params.get('h') ?? 0);
  if (w > 0 && h > 0) Object.assign(container.style, { inset: 'auto', left: '0', top: '0', width: `${w}px`, height: `${h}px` });
  const site = findBundledSite(params.get('site') ?? 'gemeinden');
  const level = findLevel(site, params.get('level') ?? site.levels[0]!.id);
  const { ChoroplethMap } = await import('../lib/map/choropleth-map');
  const map = new ChoroplethMap(container, { hover: () => {}, click: () => {} });
  map.fit(site.bounds);
  await map.ready();
  await idle(map);
  const background = Array.from({ length: REPEATS }, () => syncFrame(map));
  const backgroundInterval = await frameInterval(map);

  await map.show(site.id, level.id, dataUrl(level.geometry), level.count, levelTiles(level));
  await idle(map);
  // The areas of the tiles in view (every area of a GeoJSON source), coloured like a classed map.
  const fill = map.map.getStyle().layers.find((l) => l.id.endsWith(':fill') && l.id.startsWith('areas:'));
  if (!fill || !('source' in fill)) throw new Error('no fill layer');
  const sourceLayer = 'source-layer' in fill ? fill['source-layer'] : undefined;
  const ids = [...new Set(map.map.querySourceFeatures(fill.source, sourceLayer ? { sourceLayer } : {}).map((f) => String(f.properties?.id)))];
  const palette = paletteColors(7, 'higher-worse');
  const colorsWith = (shift: number) => new Map(ids.map((id, i) => [id, palette[(i * 7919 + shift) % palette.length]!] as const));
  let shift = 0;
  map.recolor(colorsWith(shift));
  await map.painted();

  const repaint = Array.from({ length: REPEATS }, () => syncFrame(map));
  const repaintInterval = await frameInterval(map);
  /** Recolours every area (each gets another colour) and draws it: JS of the writes, then the frame. */
  const recolorAll = () => {
    const writes: number[] = [];
    const frames: number[] = [];
    for (let i = 0; i < REPEATS; i++) {
      const colors = colorsWith(++shift);
      const t0 = performance.now();
      map.recolor(colors);
      writes.push(performance.now() - t0);
      frames.push(syncFrame(map));
    }
    return { writes: median(writes), frame: median(frames) };
  };
  const recolor = recolorAll();
  // Diagnostics: what the recolour frame costs without the outline layer, and with the dimming off.
  const outline = map.map.getStyle().layers.find((l) => l.id === fill.id.replace(/:fill$/, ':outline'));
  if (outline) map.map.removeLayer(outline.id);
  await map.painted();
  const withoutOutline = recolorAll();
  map.map.setPaintProperty(fill.id, 'fill-opacity', 1);
  await idle(map);
  await map.painted();
  const constantOpacity = recolorAll();
  map.destroy();
  return {
    areas: ids.length,
    width: container.clientWidth,
    height: container.clientHeight,
    backgroundMs: median(background),
    backgroundIntervalMs: backgroundInterval,
    repaintMs: median(repaint),
    repaintIntervalMs: repaintInterval,
    recolorWritesMs: recolor.writes,
    recolorFrameMs: recolor.frame,
    withoutOutlineFrameMs: withoutOutline.frame,
    constantOpacityFrameMs: constantOpacity.frame,
  };
}
