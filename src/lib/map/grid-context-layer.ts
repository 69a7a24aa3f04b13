// A grid site's programme level (loaded with it): the cells as context beneath the programme
// areas — a second grid layer drawn into MapLibre's own canvas beneath the MapLibre layer
// `beforeId` (the areas' fill), so that the areas' fill, outline, hover and selection stay on top
// and clickable. The cells' level keeps its own layer on a canvas of its own (no cost added there).
import type { Map as MapLibreMap } from 'maplibre-gl';
import { GridLayer } from './grid-layer';

export class GridContextLayer {
  private layer: GridLayer | null = null;
  private beforeId = '';
  private cellsOf: string | null = null;
  private colors: Uint8Array | null = null;

  constructor(private readonly map: MapLibreMap) {}

  /** Draws the site's cells in `colors` beneath `beforeId`; resolves once drawn. */
  async show(siteId: string, beforeId: string, cells: { positions: Float32Array; count: number }, colors: Uint8Array): Promise<void> {
    if (this.layer && this.beforeId !== beforeId) {
      this.layer.destroy();
      this.layer = null;
    }
    if (!this.layer) {
      this.layer = new GridLayer(this.map, { interleaved: true, beforeId });
      this.beforeId = beforeId;
      this.cellsOf = null;
    }
    if (this.cellsOf !== siteId) {
      this.layer.setCells(cells.positions, cells.count);
      this.cellsOf = siteId;
      this.colors = null;
    }
    // The same colours again (a year or mode switch): no new texture.
    if (this.colors !== colors) this.layer.setColors(colors);
    this.colors = colors;
    this.layer.setVisible(true);
    await this.beneath(this.layer, beforeId);
    await this.layer.painted();
  }

  /**
   * Makes sure the cells are drawn beneath `beforeId`: @deck.gl/maplibre adds its layer group to
   * MapLibre's order only while the style is loaded (not while a new source loads) and otherwise
   * draws the layer on top of the map; so the layer is handed over again once the map is idle.
   */
  private async beneath(layer: GridLayer, beforeId: string): Promise<void> {
    const group = `deck-maplibre-layer-group-before:${beforeId}`;
    for (let i = 0; i < 3 && !this.map.getLayer(group) && this.layer === layer; i++) {
      // (At most 2 s: a map that never goes idle must not hold the view back.)
      if (!this.map.isStyleLoaded()) await Promise.race([this.map.once('idle'), new Promise((resolve) => setTimeout(resolve, 2000))]);
      layer.reattach();
    }
  }

  hide(): void {
    this.layer?.setVisible(false);
  }
}
