// The screen map as the rest of the app sees it: its camera (saved views, the
// presentation), the optional basemap, zooming to an area, and pictures of the
// map as shown (PNG and PPTX exports). The map component creates the controller.
import type { LassoEvents } from '../map/lasso-select';
import { findLevel } from '../data/catalog';
import type { SiteRegistry } from '../data/site-registry.svelte';
import { dataUrl } from '../data/urls';
import { levelTiles } from '../data/level-tiles';
import { basemapWanted, loadBasemap, rememberBasemap } from '../map/basemap';
import type { MapController } from '../map/map-controller';
import type { DrawEvents, PolygonDrawing } from '../map/draw-layer';
import type { ViewPipeline } from './view-pipeline.svelte';
import type { ViewStore } from './view-store.svelte';

export type Camera = { center: [number, number]; zoom: number; bearing: number };

export class MapSession {
  controller = $state.raw<MapController | null>(null);
  /** The optional online basemap (off by default; the user's choice is kept in this browser only). */
  basemap = $state(basemapWanted());
  basemapError = $state<string | null>(null);

  constructor(
    private readonly store: ViewStore,
    private readonly registry: SiteRegistry,
    private readonly pipeline: ViewPipeline,
  ) {}

  async setBasemap(on: boolean): Promise<void> {
    rememberBasemap(on);
    this.basemap = on;
    await this.applyBasemap();
  }

  async applyBasemap(): Promise<void> {
    const map = this.controller?.areas;
    if (!map) return;
    try {
      await map.setBasemap(this.basemap ? await loadBasemap() : null);
      this.basemapError = null;
    } catch (err) {
      // Offline or blocked: the map stays as it is, without the basemap.
      this.basemapError = err instanceof Error ? err.message : String(err);
      this.basemap = false;
      await map.setBasemap(null);
    }
  }

  /** The map's camera (saved with a view), or null before the map exists. */
  camera(): Camera | null {
    return this.controller?.areas.getCamera() ?? null;
  }

  moveCamera(camera: { center: [number, number]; zoom: number; bearing?: number; bounds?: [number, number, number, number] }, options: { animate?: boolean } = {}): void {
    this.controller?.areas.setCamera(camera, options);
  }

  /** Fits a box [west, south, east, north] into the map (a site's bounds). */
  fitBounds(bounds: [number, number, number, number]): void {
    this.controller?.areas.zoomTo(bounds);
  }

  /**
   * Zooms to an area of the shown site. A level drawn from pre-built tiles has its boxes computed from
   * its GeoJSON in a worker (the map never holds the whole geometry); others from the GeoJSON as loaded.
   */
  async zoomToArea(level: string, id: string): Promise<void> {
    const found = findLevel(this.store.site, level);
    if (found.tiles) {
      const { levelAreaBounds } = await import('../data/area-bounds');
      const bounds = (await levelAreaBounds(found.geometry)).get(id);
      if (bounds) this.controller?.areas.zoomTo(bounds);
      return;
    }
    const { areaBounds, levelGeometry } = await import('../data/geometry');
    const fc = await levelGeometry(found.geometry);
    const bounds = areaBounds(fc, id);
    if (bounds) this.controller?.areas.zoomTo(bounds);
  }

  /**
   * Starts drawing a polygon on the map (the draw layer is loaded on first use): from `initial`
   * vertices (a drawn area edited: its handles can be dragged) or from none (clicks add vertices).
   * Until the drawing is destroyed, map clicks do not select areas. Null before the map exists.
   */
  async drawPolygon(events: DrawEvents, initial: readonly [number, number][] = []): Promise<PolygonDrawing | null> {
    const map = this.controller?.areas;
    if (!map) return null;
    const { PolygonDrawing } = await import('../map/draw-layer');
    return new PolygonDrawing(map, events, initial);
  }

  /** Map clicks on an area go to `pick` instead of selecting it (members of a programme area edited); returns the end. */
  pickAreas(pick: (id: string) => void): () => void {
    const map = this.controller?.areas;
    if (!map) return () => undefined;
    return map.takeClicks((id) => {
      if (id !== null) pick(id);
    });
  }

  /** Shift-drag on the map reports a box [west, south, east, north] (instead of zooming to it) until the returned end. */
  async selectBox(onBox: (bounds: [number, number, number, number]) => void): Promise<() => void> {
    const map = this.controller?.areas;
    if (!map) return () => undefined;
    const { boxSelect } = await import('../map/box-select');
    return boxSelect(map, onBox);
  }

  /** Arms the lasso: one free shape dragged on the map is reported in lon/lat (Alt: remove); Escape cancels. Returns the end. */
  async lasso(events: LassoEvents): Promise<() => void> {
    const map = this.controller?.areas;
    if (!map) return () => undefined;
    const { lassoSelect } = await import('../map/lasso-select');
    return lassoSelect(map, events);
  }

  /**
   * The map as shown (areas, colours, selection, point layers, extent), drawn by a hidden map of
   * `width` × `height` CSS pixels at `pixelRatio`: for PNG and PPTX exports.
   */
  async mapImage(width: number, height: number, pixelRatio: number): Promise<HTMLCanvasElement> {
    const map = this.controller?.areas;
    if (!map) throw new Error('map not ready');
    const [{ renderMapImage }] = await Promise.all([import('../map/map-snapshot'), this.pipeline.whenViewPainted()]);
    const view = this.store.view;
    const level = this.store.level;
    const points = this.registry.pointLayers
      .filter((l) => l.site === view.site && view.pts.includes(l.id))
      .map((l) => ({ id: l.id, url: dataUrl(l.file), categories: l.categories }));
    return renderMapImage({
      width,
      height,
      pixelRatio,
      site: view.site,
      level: level.id,
      geometryUrl: dataUrl(level.geometry),
      areaCount: level.count,
      tiles: levelTiles(level),
      colors: this.pipeline.shownColors,
      selected: view.sel,
      bounds: map.getBounds(),
      points,
      trend: this.pipeline.trendGlyphs,
    });
  }
}
