// The map controller: owns the screen map's drawing parts — the choropleth
// (MapLibre), the grid layer and the trend arrows (deck.gl, each loaded on first
// use) — and the point layers shown. The view pipeline tells it what to draw;
// it holds no view state of its own.
import { ChoroplethMap, type MapEvents } from './choropleth-map';
import type { GridLayer } from './grid-layer';
import type { GridContextLayer } from './grid-context-layer';
import type { TrendGlyph, TrendLayer } from './trend-layer';

export type GridHover = { index: number; name: string; x: number; y: number } | null;

export class MapController {
  /** The choropleth: areas, selection, hover, camera, points, basemap. */
  readonly areas: ChoroplethMap;
  private gridLayer: Promise<GridLayer> | null = null;
  private trendLayer: Promise<TrendLayer> | null = null;
  private gridCellsOf: string | null = null;
  /** A grid site's programme level: the cells muted beneath the areas (map/grid-context-layer.ts). */
  private contextLayer: Promise<GridContextLayer> | null = null;
  private readonly pointIds = new Set<string>();

  constructor(
    container: HTMLElement,
    events: MapEvents,
    private readonly onGridHover: (hover: GridHover) => void,
  ) {
    this.areas = new ChoroplethMap(container, events);
  }

  /** Areas are shown: the grid layer (if any) is hidden. */
  hideGrid(): void {
    void this.gridLayer?.then((layer) => layer.setVisible(false));
  }

  /** A grid site is shown: areas and trend arrows are hidden. */
  hideAreas(): void {
    this.hideGridContext();
    this.areas.hideAreas();
    void this.trendLayer?.then((layer) => layer.setVisible(false));
  }

  /** The grid layer (loaded on first use) with the site's cells (set once per site). */
  async showGrid(siteId: string, cells: () => Promise<{ positions: Float32Array; count: number }>): Promise<GridLayer> {
    const [layer, grid] = await Promise.all([this.ensureGridLayer(), cells()]);
    if (this.gridCellsOf !== siteId) {
      layer.setCells(grid.positions, grid.count);
      this.gridCellsOf = siteId;
    }
    return layer;
  }

  /** The cells of a grid site as context beneath its programme areas (loaded on first use). */
  gridContext(): Promise<GridContextLayer> {
    this.contextLayer ??= import('./grid-context-layer').then(({ GridContextLayer }) => new GridContextLayer(this.areas.map));
    return this.contextLayer;
  }

  /** The grid context beneath programme areas is hidden (another level or site). */
  hideGridContext(): void {
    void this.contextLayer?.then((layer) => layer.hide());
  }

  /** Trend arrows (null: none); resolves once deck.gl has drawn them. */
  async showTrend(glyphs: TrendGlyph[] | null): Promise<void> {
    if (!glyphs) {
      if (this.trendLayer) (await this.trendLayer).setVisible(false);
      return;
    }
    this.trendLayer ??= import('./trend-layer').then(({ TrendLayer }) => new TrendLayer(this.areas.map));
    const layer = await this.trendLayer;
    layer.setGlyphs(glyphs);
    layer.setVisible(true);
    await layer.painted();
  }

  /** Shows or hides a point layer (its source is added on first use). */
  showPoints(id: string, url: string, categories: readonly { id: string; color: string }[], visible: boolean): Promise<void> {
    this.pointIds.add(id);
    return this.areas.showPoints(id, url, categories, visible);
  }

  /** Removes the point layers that no longer exist (deleted imports). */
  prunePoints(existing: ReadonlySet<string>): void {
    for (const id of [...this.pointIds]) {
      if (existing.has(id)) continue;
      this.areas.removePoints(id);
      this.pointIds.delete(id);
    }
  }

  destroy(): void {
    this.areas.destroy();
  }

  private ensureGridLayer(): Promise<GridLayer> {
    this.gridLayer ??= import('./grid-layer').then(({ GridLayer }) => {
      const layer = new GridLayer(this.areas.map);
      layer.onHover((index, x, y) => {
        const name = index === null ? null : layer.cellId(index);
        this.onGridHover(index === null || name === null ? null : { index, name, x, y });
      });
      return layer;
    });
    return this.gridLayer;
  }
}
