import * as maplibregl from 'maplibre-gl';
import workerUrl from 'maplibre-gl/dist/maplibre-gl-worker.mjs?url';
import 'maplibre-gl/dist/maplibre-gl.css';
import type { FeatureCollection } from 'geojson';
import { baseStyle, choroplethLayers, HATCH_IMAGE, hatchImage, sourceId } from './layers';

maplibregl.setWorkerUrl(workerUrl);

export interface MapEvents {
  hover(id: string | null, x: number, y: number): void;
  click(id: string | null): void;
}

/**
 * MapLibre wrapper for the choropleth. Each site × level's geometry becomes a
 * GeoJSON source once; switching level only toggles layer visibility and a
 * view change only writes feature-state.
 */
export class ChoroplethMap {
  readonly map: maplibregl.Map;
  private readonly ids = new Map<string, string[]>();
  private active: string | null = null;
  private hovered: string | null = null;
  private selected = new Set<string>();
  private attribution: maplibregl.AttributionControl | null = null;

  constructor(container: HTMLElement, events: MapEvents) {
    this.map = new maplibregl.Map({
      container,
      style: baseStyle,
      center: [10.4, 51.1],
      zoom: 5,
      attributionControl: false,
      // Keeps the drawing buffer for image export of the canvas.
      canvasContextAttributes: { preserveDrawingBuffer: true, antialias: true },
      dragRotate: false,
      pitchWithRotate: false,
      fadeDuration: 0,
    });
    this.map.touchZoomRotate.disableRotation();
    this.map.addControl(new maplibregl.NavigationControl({ showCompass: false }), 'top-right');
    this.map.on('mousemove', (e) => {
      const id = this.featureAt(e.point);
      this.setHover(id);
      events.hover(id, e.point.x, e.point.y);
    });
    this.map.on('mouseout', () => {
      this.setHover(null);
      events.hover(null, 0, 0);
    });
    this.map.on('click', (e) => events.click(this.featureAt(e.point)));
  }

  /** Resolves once the style can take sources. */
  ready(): Promise<void> {
    if (this.map.isStyleLoaded()) return Promise.resolve();
    return new Promise((resolve) => this.map.once('load', () => resolve()));
  }

  /** Shows one site × level, adding its geometry the first time. */
  async show(site: string, level: string, load: () => Promise<FeatureCollection>): Promise<boolean> {
    await this.ready();
    const source = sourceId(site, level);
    if (!this.map.hasImage(HATCH_IMAGE)) this.map.addImage(HATCH_IMAGE, hatchImage(), { pixelRatio: 2 });
    if (!this.ids.has(source)) {
      const geojson = await load();
      if (this.ids.has(source)) return false;
      this.ids.set(source, geojson.features.map((f) => String(f.properties?.id)));
      this.map.addSource(source, { type: 'geojson', data: geojson, promoteId: 'id', tolerance: 0.3 });
      for (const layer of choroplethLayers(source)) this.map.addLayer(layer);
    }
    if (this.active === source) return false;
    // Only touch layout when the level changes: setting a layout property makes
    // MapLibre re-tile the source, which would cost every update ~0.1–0.5 s.
    for (const known of this.ids.keys()) {
      const visibility = known === source ? 'visible' : 'none';
      for (const layer of choroplethLayers(known)) {
        if (this.map.getLayoutProperty(layer.id, 'visibility') !== visibility) {
          this.map.setLayoutProperty(layer.id, 'visibility', visibility);
        }
      }
    }
    this.hovered = null;
    this.active = source;
    this.applySelection();
    return true;
  }

  fit(bounds: [number, number, number, number], animate = false): void {
    this.map.fitBounds(bounds, { padding: 24, animate });
  }

  /** Writes each area's colour (null = missing) into feature-state. */
  recolor(colors: ReadonlyMap<string, string | null>): void {
    const source = this.active;
    if (!source) return;
    for (const id of this.ids.get(source) ?? []) {
      const color = colors.get(id) ?? null;
      this.map.setFeatureState({ source, id }, { color, missing: color === null });
    }
    this.map.triggerRepaint();
  }

  setSelected(ids: readonly string[]): void {
    this.selected = new Set(ids);
    this.applySelection();
  }

  setAttribution(html: string): void {
    if (this.attribution) this.map.removeControl(this.attribution);
    this.attribution = new maplibregl.AttributionControl({ compact: false, customAttribution: html });
    this.map.addControl(this.attribution, 'bottom-right');
  }

  /** Resolves after the next frame has been drawn and the map is idle. */
  painted(): Promise<void> {
    return new Promise((resolve) => {
      this.map.once('idle', () => resolve());
      this.map.triggerRepaint();
    });
  }

  destroy(): void {
    this.map.remove();
  }

  private featureAt(point: maplibregl.PointLike): string | null {
    if (!this.active) return null;
    const [feature] = this.map.queryRenderedFeatures(point, { layers: [`${this.active}:fill`] });
    const id = feature?.properties?.id;
    return id === undefined || id === null ? null : String(id);
  }

  private setHover(id: string | null): void {
    const source = this.active;
    if (!source || id === this.hovered) return;
    if (this.hovered !== null) this.map.setFeatureState({ source, id: this.hovered }, { hover: false });
    if (id !== null) this.map.setFeatureState({ source, id }, { hover: true });
    this.hovered = id;
  }

  private applySelection(): void {
    const source = this.active;
    if (!source) return;
    for (const id of this.ids.get(source) ?? []) {
      this.map.setFeatureState({ source, id }, { selected: this.selected.has(id) });
    }
  }
}
