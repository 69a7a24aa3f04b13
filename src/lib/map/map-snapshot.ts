// A picture of the map for exports (PNG, PPTX): a hidden second map of the
// wanted size, drawn at the wanted resolution, showing the same areas, colours,
// point layers and visible extent as the map on screen. The screen map is not
// touched (no flicker, no resize).
import { ChoroplethMap } from './choropleth-map';
import type { TrendGlyph } from './trend-layer';
import type { LevelTiles } from '../data/catalog-types';

export interface SnapshotInput {
  /** Size of the picture in CSS pixels; the canvas has width × pixelRatio pixels. */
  width: number;
  height: number;
  pixelRatio: number;
  site: string;
  level: string;
  geometryUrl: string;
  areaCount: number;
  /** The level's pre-built tiles (URL resolved), drawn instead of the GeoJSON. */
  tiles?: LevelTiles;
  colors: ReadonlyMap<string, string | null>;
  selected: readonly string[];
  bounds: [number, number, number, number];
  points: { id: string; url: string; categories: readonly { id: string; color: string }[] }[];
  /** The trend arrows shown on the map (trend=1), or null. */
  trend: TrendGlyph[] | null;
}

export async function renderMapImage(input: SnapshotInput): Promise<HTMLCanvasElement> {
  const container = document.createElement('div');
  container.setAttribute('aria-hidden', 'true');
  Object.assign(container.style, { position: 'fixed', left: '-100000px', top: '0', width: `${input.width}px`, height: `${input.height}px` });
  document.body.append(container);
  const map = new ChoroplethMap(container, { hover: () => {}, click: () => {} }, { pixelRatio: input.pixelRatio, interactive: false });
  try {
    await map.ready();
    map.fit(input.bounds);
    await map.show(input.site, input.level, input.geometryUrl, input.areaCount, input.tiles);
    map.recolor(input.colors);
    map.setSelected(input.selected);
    for (const p of input.points) await map.showPoints(p.id, p.url, p.categories, true);
    if (input.trend) {
      // deck.gl draws into the map's canvas here, so the copy below holds the arrows.
      const { TrendLayer } = await import('./trend-layer');
      const arrows = new TrendLayer(map.map, { interleaved: true });
      arrows.setGlyphs(input.trend);
      await arrows.painted();
    }
    await map.painted();
    // A copy: the map's own canvas goes away with it.
    const src = map.canvas();
    const out = document.createElement('canvas');
    out.width = src.width;
    out.height = src.height;
    out.getContext('2d')!.drawImage(src, 0, 0);
    return out;
  } finally {
    map.destroy();
    container.remove();
  }
}
