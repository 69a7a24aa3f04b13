import * as maplibregl from 'maplibre-gl';
import workerUrl from 'maplibre-gl/dist/maplibre-gl-worker.mjs?url';
import 'maplibre-gl/dist/maplibre-gl.css';
import { baseStyle, choroplethLayers, dimmedColor, fillOpacity, HATCH_IMAGE, hatchImage, MISSING_STATE, outlineSourceId, pointLayer, sourceId } from './layers';
import { softwareRendering } from './gpu';
import { pmtilesProtocol, pmtilesTemplate } from './pmtiles-protocol';
import { linkCameras } from './linked-cameras';
import { MapAttribution } from './map-attribution';
import type { LevelTiles } from '../data/catalog-types';

maplibregl.setWorkerUrl(workerUrl);

export interface MapEvents {
  hover(area: { id: string; name: string } | null, x: number, y: number): void;
  click(id: string | null): void;
}

/**
 * MapLibre wrapper for the choropleth. Each site × level's geometry becomes a
 * GeoJSON source once (fetched and tiled by MapLibre's worker, off the main
 * thread), or a vector source of its pre-built tiles (levels with many areas:
 * only the tiles in view are read); switching level only toggles layer
 * visibility and a view change only writes the feature-state that changed.
 */
export class ChoroplethMap {
  readonly map: maplibregl.Map;
  /** Per source: each area's colour last written (null = missing), before any dimming by the brush. */
  private readonly colors = new Map<string, Map<string, string | null>>();
  /** The geometry URL of each source (a level whose areas are edited, the programme areas, gets a new one). */
  private readonly urls = new Map<string, string>();
  /** The vector layer of each tiled source (feature-state of a vector source names it); none for GeoJSON. */
  private readonly sourceLayers = new Map<string, string | undefined>();
  /** The outline's own source of each tiled source (layers.ts, outlineSourceId); none for GeoJSON. */
  private readonly outlineSources = new Map<string, string>();
  private active: string | null = null;
  private hovered: string | null = null;
  private selected = new Set<string>();
  /** Areas marked besides the selection (similar areas), outlined in their own colour. */
  private marked = new Set<string>();
  private brushed: Set<string> | null = null;
  private readonly loaded: Promise<void>;
  private readonly attribution: MapAttribution;

  /** `pixelRatio` and `interactive: false` serve image exports (a hidden map drawn at print resolution). */
  constructor(container: HTMLElement, events: MapEvents, options: { pixelRatio?: number; interactive?: boolean } = {}) {
    const interactive = options.interactive ?? true;
    this.map = new maplibregl.Map({
      container,
      interactive,
      ...(options.pixelRatio ? { pixelRatio: options.pixelRatio } : {}),
      style: baseStyle,
      center: [10.4, 51.1],
      zoom: 5,
      attributionControl: false,
      // Keeps the drawing buffer for image export of the canvas.
      canvasContextAttributes: { preserveDrawingBuffer: true, antialias: !softwareRendering() },
      dragRotate: false,
      pitchWithRotate: false,
      fadeDuration: 0,
    });
    this.attribution = new MapAttribution(this.map);
    this.loaded = new Promise((resolve) =>
      this.map.once('load', () => {
        // For scripts/trace-start.mjs: where the cold start's time goes.
        performance.mark('atlas:maplibre-load');
        resolve();
      }),
    );
    this.map.touchZoomRotate.disableRotation();
    if (interactive) this.map.addControl(new maplibregl.NavigationControl({ showCompass: false }), 'top-right');
    this.map.on('mousemove', (e) => {
      const area = this.featureAt(e.point);
      this.setHover(area?.id ?? null);
      events.hover(area, e.point.x, e.point.y);
    });
    this.map.on('mouseout', () => {
      this.setHover(null);
      events.hover(null, 0, 0);
    });
    this.map.on('click', (e) => {
      const id = this.featureAt(e.point)?.id ?? null;
      if (this.clickTaker) this.clickTaker(id, [e.lngLat.lng, e.lngLat.lat]);
      else events.click(id);
    });
  }

  private clickTaker: ((id: string | null, lngLat: [number, number]) => void) | null = null;

  /**
   * Map clicks go to `taker` (the area clicked, if any, and the position) instead of selecting areas —
   * while a polygon is drawn or members are picked — until the returned function is called.
   */
  takeClicks(taker: (id: string | null, lngLat: [number, number]) => void): () => void {
    this.clickTaker = taker;
    return () => {
      if (this.clickTaker === taker) this.clickTaker = null;
    };
  }

  /**
   * Resolves once the style can take sources. Not `isStyleLoaded()`: that is
   * false whenever a source is still loading, and 'load' fires only once, so a
   * later call could wait forever (seen when switching level and indicator
   * quickly with a point layer loading).
   */
  ready(): Promise<void> {
    return this.loaded;
  }

  /**
   * Shows one site × level, adding its geometry the first time: its pre-built vector tiles when given
   * (`tiles.url` resolved to the archive's URL), else the GeoJSON at `url`.
   */
  async show(site: string, level: string, url: string, areaCount: number, tiles?: LevelTiles): Promise<boolean> {
    await this.ready();
    if (tiles) await pmtilesProtocol();
    const source = sourceId(site, level);
    if (!this.map.hasImage(HATCH_IMAGE)) this.map.addImage(HATCH_IMAGE, hatchImage(), { pixelRatio: 2 });
    const href = new URL(url, location.href).href;
    if (this.colors.has(source) && this.urls.get(source) !== href && !this.sourceLayers.get(source)) {
      // New boundaries for the same level (programme areas edited): the source reads them, colours are written again.
      (this.map.getSource(source) as maplibregl.GeoJSONSource | undefined)?.setData(href);
      this.urls.set(source, href);
      this.colors.set(source, new Map());
    }
    if (!this.colors.has(source)) {
      this.colors.set(source, new Map());
      this.urls.set(source, href);
      this.sourceLayers.set(source, tiles?.layer);
      if (tiles) {
        // Range requests for the tiles in view; features carry `id` and `name` like the GeoJSON's.
        const archive = new URL(tiles.url, location.href).href;
        const spec: maplibregl.VectorSourceSpecification = { type: 'vector', tiles: [pmtilesTemplate(archive)], minzoom: tiles.minzoom, maxzoom: tiles.maxzoom, promoteId: 'id' };
        this.map.addSource(source, spec);
        // The outlines read the same tiles (fetched once: pmtiles-protocol.ts) with a feature-state of their own.
        this.map.addSource(outlineSourceId(source), spec);
        this.outlineSources.set(source, outlineSourceId(source));
      } else {
        this.map.addSource(source, {
          type: 'geojson',
          // A URL, not an object: the worker fetches and parses it, and nothing
          // big is copied between threads.
          data: href,
          promoteId: 'id',
          tolerance: 0.3,
          buffer: 64,
          maxzoom: 12,
        });
      }
      for (const layer of choroplethLayers(source, areaCount, this.basemapOn, tiles?.layer, this.outlineSources.get(source))) this.map.addLayer(layer);
    }
    if (this.active === source) return false;
    // Only touch layout when the level changes: setting a layout property makes
    // MapLibre re-tile the source, which would cost every update ~0.1–0.5 s.
    for (const known of this.colors.keys()) {
      const visibility = known === source ? 'visible' : 'none';
      for (const layer of choroplethLayers(known, 0)) {
        if (this.map.getLayoutProperty(layer.id, 'visibility') !== visibility) {
          this.map.setLayoutProperty(layer.id, 'visibility', visibility);
        }
      }
    }
    const previous = this.active;
    if (previous) {
      for (const id of this.selected) this.setOutline(previous, id, { selected: false });
      for (const id of this.marked) this.setOutline(previous, id, { marked: false });
      // The brush's dimmed areas get their own colours back (the level keeps them while hidden).
      this.writeDimmed(previous, this.brushed, null, 1);
      if (this.hovered !== null) this.setOutline(previous, this.hovered, { hover: false });
    }
    this.hovered = null;
    this.brushed = null;
    this.active = source;
    this.applySelection();
    return true;
  }

  /** Hides every area layer (a grid site is shown instead). */
  hideAreas(): void {
    for (const known of this.colors.keys()) {
      for (const layer of choroplethLayers(known, 0)) {
        if (this.map.getLayoutProperty(layer.id, 'visibility') !== 'none') {
          this.map.setLayoutProperty(layer.id, 'visibility', 'none');
        }
      }
    }
    this.active = null;
    this.hovered = null;
  }

  fit(bounds: [number, number, number, number], animate = false): void {
    this.map.fitBounds(bounds, { padding: 24, animate });
  }

  /** Writes each area's colour (null = missing; one left out becomes missing) where it changed; dimmed outside a brush. */
  recolor(colors: ReadonlyMap<string, string | null>): void {
    const source = this.active;
    const last = source ? this.colors.get(source) : undefined;
    if (!source || !last) return;
    const brushed = this.brushed;
    const opacity = brushed ? this.fillOpacityOf(source) : 1;
    const known = last.size;
    let seen = 0;
    for (const [id, color] of colors) {
      const before = last.get(id); // undefined: never written
      if (before !== undefined) seen++;
      if (before === color) continue;
      last.set(id, color);
      this.setColor(source, id, color, brushed !== null && !brushed.has(id), opacity);
    }
    // Areas written before and left out now (none when every known area was in `colors`).
    if (seen < known) {
      for (const [id, color] of last) {
        if (color === null || colors.has(id)) continue;
        last.set(id, null);
        this.setColor(source, id, null, brushed !== null && !brushed.has(id), opacity);
      }
    }
    this.map.triggerRepaint();
  }

  setSelected(ids: readonly string[]): void {
    const next = new Set(ids);
    const source = this.active;
    if (source) {
      for (const id of this.selected) if (!next.has(id)) this.setOutline(source, id, { selected: false });
      for (const id of next) if (!this.selected.has(id)) this.setOutline(source, id, { selected: true });
    }
    this.selected = next;
  }

  /** Marks areas besides the selection (similar areas); only changed areas are written. */
  setMarked(ids: readonly string[]): void {
    if (ids.length === 0 && this.marked.size === 0) return;
    const next = new Set(ids);
    const source = this.active;
    if (source) {
      for (const id of this.marked) if (!next.has(id)) this.setOutline(source, id, { marked: false });
      for (const id of next) if (!this.marked.has(id)) this.setOutline(source, id, { marked: true });
    }
    this.marked = next;
  }

  /** Brushed areas (scatter): the others are dimmed (layers.ts, dimmedColor); null clears the brush. Writes only changes. */
  setBrushed(ids: readonly string[] | null): void {
    if (ids === null && this.brushed === null) return; // every refresh calls this: nothing to do without a brush
    const next = ids === null ? null : new Set(ids);
    if (this.active) this.writeDimmed(this.active, this.brushed, next, this.fillOpacityOf(this.active));
    this.brushed = next;
  }

  /** Writes the colours of `source`'s areas dimmed by the brush `next` and not by `was`, or the other way round (null: no brush). */
  private writeDimmed(source: string, was: ReadonlySet<string> | null, next: ReadonlySet<string> | null, opacity: number): void {
    if (was === null && next === null) return;
    for (const [id, color] of this.colors.get(source) ?? []) {
      const dim = next !== null && !next.has(id);
      if (dim !== (was !== null && !was.has(id))) this.setColor(source, id, color, dim, opacity);
    }
  }

  /** The fill opacity of `source`'s areas (over the basemap or a grid's cells: translucent). */
  private fillOpacityOf(source: string): number {
    const value: unknown = this.map.getLayer(`${source}:fill`) ? this.map.getPaintProperty(`${source}:fill`, 'fill-opacity') : undefined;
    return typeof value === 'number' ? value : 1;
  }

  /** Sets the fill opacity of `source`'s areas (over the basemap, a grid's cells: grid-context.ts); the brush's dimmed colours follow. */
  setFillOpacity(source: string, opacity: number): void {
    if (!this.map.getLayer(`${source}:fill`) || this.fillOpacityOf(source) === opacity) return;
    this.map.setPaintProperty(`${source}:fill`, 'fill-opacity', opacity);
    if (source === this.active) this.writeDimmed(source, null, this.brushed, opacity);
  }

  /**
   * Keeps another map's camera equal to this one's, both ways (swipe view).
   * Returns a function that ends the link.
   */
  linkCamera(other: ChoroplethMap): () => void {
    return linkCameras(this.map, other.map);
  }

  /**
   * Shows or hides a point layer (GeoJSON at `url`, loaded the first time it is
   * shown); points stay above the areas.
   */
  async showPoints(id: string, url: string, categories: readonly { id: string; color: string }[], visible: boolean): Promise<void> {
    await this.ready();
    const source = `points:${id}`;
    if (!this.map.getSource(source)) {
      if (!visible) return;
      this.map.addSource(source, { type: 'geojson', data: new URL(url, location.href).href });
      this.map.addLayer(pointLayer(source, categories));
    }
    const layer = `${source}:circles`;
    this.map.setLayoutProperty(layer, 'visibility', visible ? 'visible' : 'none');
    // Above the areas of a level shown later as well.
    if (visible) this.map.moveLayer(layer);
  }

  /** The camera (for saved views): centre, zoom, bearing. */
  getCamera(): { center: [number, number]; zoom: number; bearing: number; bounds: [number, number, number, number] } {
    const c = this.map.getCenter();
    return { center: [c.lng, c.lat], zoom: this.map.getZoom(), bearing: this.map.getBearing(), bounds: this.getBounds() };
  }

  /**
   * Moves to a saved camera: a smooth flight for presentations, a jump otherwise. With the bounds it was
   * saved with, the same area is fitted into the map's present box (a projector, the presentation's
   * frame); without, its center and zoom.
   */
  setCamera(
    camera: { center: [number, number]; zoom: number; bearing?: number; bounds?: [number, number, number, number] },
    { animate = false }: { animate?: boolean } = {},
  ): void {
    const bearing = camera.bearing ?? 0;
    if (camera.bounds) {
      this.map.resize(); // the box may have just changed (presentation mode)
      const [w, s, e, n] = camera.bounds;
      this.map.fitBounds([[w, s], [e, n]], { bearing, padding: 8, ...(animate ? { duration: 1200, essential: true } : { animate: false }) });
      return;
    }
    const options = { center: camera.center, zoom: camera.zoom, bearing };
    if (animate) this.map.flyTo({ ...options, duration: 1200, essential: true });
    else this.map.jumpTo(options);
  }

  /** The visible area [west, south, east, north]. */
  getBounds(): [number, number, number, number] {
    const b = this.map.getBounds();
    return [b.getWest(), b.getSouth(), b.getEast(), b.getNorth()];
  }

  /** The WebGL canvas (its drawing buffer is preserved). */
  canvas(): HTMLCanvasElement {
    return this.map.getCanvas();
  }

  /**
   * Shows or removes the online basemap under the areas (whose fill then lets it show through).
   * Its layers go right above the background.
   */
  async setBasemap(parts: import('./basemap').BasemapParts | null): Promise<void> {
    await this.ready();
    const style = this.map.getStyle();
    const prefix = 'basemap:';
    for (const l of style.layers.filter((x) => x.id.startsWith(prefix))) this.map.removeLayer(l.id);
    for (const id of Object.keys(style.sources).filter((x) => x.startsWith(prefix))) this.map.removeSource(id);
    const firstOwn = this.map.getStyle().layers.find((l) => l.id !== 'background')?.id;
    if (parts) {
      if (parts.glyphs) this.map.setGlyphs(parts.glyphs);
      for (const [id, src] of Object.entries(parts.sources)) this.map.addSource(id, src);
      for (const layer of parts.layers) this.map.addLayer(layer, firstOwn);
    }
    this.basemapOn = parts !== null;
    for (const source of this.colors.keys()) this.setFillOpacity(source, fillOpacity(this.basemapOn));
  }

  private basemapOn = false;

  /** Removes a point layer and its data (a deleted import). */
  removePoints(id: string): void {
    const source = `points:${id}`;
    if (this.map.getLayer(`${source}:circles`)) this.map.removeLayer(`${source}:circles`);
    if (this.map.getSource(source)) this.map.removeSource(source);
  }

  /** Zooms to a bounding box [west, south, east, north]. */
  zoomTo(bounds: [number, number, number, number]): void {
    this.map.resize(); // the box may have just changed (presentation mode)
    this.map.fitBounds(bounds, { padding: 60, maxZoom: 13, animate: false });
  }

  /** The sources of what the map shows, behind a compact toggle ("Quellen"): map-attribution.ts. */
  setAttribution(html: string, label: { text: string; toggle: string }): void {
    this.attribution.set(html, label);
  }

  /**
   * Draws the map and resolves once it is idle. When the map has all it needs (style and
   * tiles loaded: a recolour, a new selection) it draws now rather than in the next animation frame: the
   * new colours are then drawn in the same task as the trend arrows (deck.gl draws at once too), so
   * both reach the screen in the same frame, and the update does not wait up to a frame for its turn.
   */
  painted(): Promise<void> {
    return new Promise((resolve) => {
      this.map.once('idle', () => resolve());
      if (this.map.isStyleLoaded() && this.map.areTilesLoaded()) this.map.redraw();
      else this.map.triggerRepaint();
    });
  }

  destroy(): void {
    this.map.remove();
  }

  private featureAt(point: maplibregl.PointLike): { id: string; name: string } | null {
    if (!this.active) return null;
    const [feature] = this.map.queryRenderedFeatures(point, { layers: [`${this.active}:fill`] });
    const id = feature?.properties?.id;
    if (id === undefined || id === null) return null;
    return { id: String(id), name: String(feature?.properties?.name ?? id) };
  }

  /** Writes an area's colour, the fill's one feature-state key: MISSING_STATE if missing (hatched), dimmed for `opacity` where `dim`. */
  private setColor(source: string, id: string, color: string | null, dim: boolean, opacity: number): void {
    // One target and one state object for all writes (100,000 per recolour at the largest level): MapLibre
    // copies the state's keys (SourceFeatureState.updateState) and keeps neither object.
    const target = this.colorTarget;
    target.source = source;
    target.sourceLayer = this.sourceLayers.get(source);
    target.id = id;
    this.colorState.color = dim ? dimmedColor(color, opacity) : (color ?? MISSING_STATE);
    this.map.setFeatureState(target, this.colorState);
  }

  private readonly colorTarget: { source: string; sourceLayer: string | undefined; id: string } = { source: '', sourceLayer: undefined, id: '' };
  private readonly colorState = { color: '' };

  /** Writes an area's outline state (selected, hover, marked): on the outline's own source where the level has one. */
  private setOutline(source: string, id: string, state: Record<string, boolean>): void {
    this.map.setFeatureState({ source: this.outlineSources.get(source) ?? source, sourceLayer: this.sourceLayers.get(source), id }, state);
  }

  /** Marks one area as hovered (from the map itself or from a linked chart). */
  setHover(id: string | null): void {
    const source = this.active;
    if (!source || id === this.hovered) return;
    if (this.hovered !== null) this.setOutline(source, this.hovered, { hover: false });
    if (id !== null) this.setOutline(source, id, { hover: true });
    this.hovered = id;
  }

  /** After a level switch: marks the selection on the newly shown source. */
  private applySelection(): void {
    const source = this.active;
    if (!source) return;
    for (const id of this.selected) this.setOutline(source, id, { selected: true });
    for (const id of this.marked) this.setOutline(source, id, { marked: true });
  }
}
