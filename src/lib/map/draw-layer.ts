// Drawing a polygon on the screen map (programme areas, issue 17): a click adds a
// vertex, the outline so far follows the pointer, a double click or Enter
// finishes, Escape cancels; the vertices are handles that can be dragged (while
// drawing, after finishing, and when a drawn area is edited). Loaded on first use.
// While it lives, map clicks do not select areas (ChoroplethMap.takeClicks).
import type { Feature, Position } from 'geojson';
import type { GeoJSONSource, LayerSpecification, MapMouseEvent } from 'maplibre-gl';
import type { ChoroplethMap } from './choropleth-map';

export interface DrawEvents {
  /** The vertices changed (added, removed, moved). */
  change(vertices: readonly Position[]): void;
  /** Double click or Enter while adding vertices. */
  finish(): void;
  /** Escape. */
  cancel(): void;
}

const SOURCE = 'draw';
/** Screen pixels around a vertex that grab its handle (the circle's radius and its stroke). */
const HANDLE_RADIUS = 9;
// Okabe–Ito vermilion on a white casing: visible over every sequential palette of the choropleth.
const COLOR = '#d55e00';
const LAYERS: LayerSpecification[] = [
  { id: 'draw:fill', type: 'fill', source: SOURCE, filter: ['==', ['geometry-type'], 'Polygon'], paint: { 'fill-color': COLOR, 'fill-opacity': 0.18 } },
  { id: 'draw:casing', type: 'line', source: SOURCE, filter: ['==', ['geometry-type'], 'LineString'], paint: { 'line-color': '#ffffff', 'line-width': 5.5 } },
  { id: 'draw:line', type: 'line', source: SOURCE, filter: ['==', ['geometry-type'], 'LineString'], paint: { 'line-color': COLOR, 'line-width': 2.5 } },
  {
    id: 'draw:vertices',
    type: 'circle',
    source: SOURCE,
    filter: ['==', ['geometry-type'], 'Point'],
    paint: { 'circle-radius': 6, 'circle-color': '#ffffff', 'circle-stroke-color': COLOR, 'circle-stroke-width': 2.5 },
  },
];

/** Whether a key press belongs to a form field (typing a name must not finish the polygon). */
function inField(target: EventTarget | null): boolean {
  const el = target as HTMLElement | null;
  return !!el && (el.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(el.tagName));
}

export class PolygonDrawing {
  private points: Position[];
  private adding: boolean;
  private cursor: Position | null = null;
  private dragging: number | null = null;
  private readonly releaseClicks: () => void;
  private readonly offs: (() => void)[] = [];
  private ready = false;

  constructor(
    private readonly areas: ChoroplethMap,
    private readonly events: DrawEvents,
    initial: readonly Position[] = [],
    adding = initial.length === 0,
  ) {
    this.points = initial.map((p) => [p[0]!, p[1]!]);
    this.adding = adding;
    const map = areas.map;
    const near = (a: Position, b: Position, px: number) => {
      const p = map.project([a[0]!, a[1]!]);
      const q = map.project([b[0]!, b[1]!]);
      return Math.hypot(p.x - q.x, p.y - q.y) < px;
    };
    this.releaseClicks = areas.takeClicks((_id, lngLat) => {
      if (!this.adding) return;
      // A click on the first vertex closes the outline.
      if (this.points.length >= 3 && near(this.points[0]!, lngLat, 8)) {
        this.events.finish();
        return;
      }
      this.points.push(lngLat);
      this.changed();
    });
    const on = (type: 'dblclick' | 'mousemove' | 'mousedown' | 'mouseup', fn: (e: MapMouseEvent) => void) => {
      map.on(type, fn);
      this.offs.push(() => map.off(type, fn));
    };
    on('dblclick', (e) => {
      e.preventDefault();
      if (!this.adding) return;
      // The double click's second click set its vertex again.
      const n = this.points.length;
      if (n >= 2 && near(this.points[n - 1]!, this.points[n - 2]!, 5)) {
        this.points.pop();
        this.changed();
      }
      this.events.finish();
    });
    on('mousemove', (e) => {
      const here: Position = [e.lngLat.lng, e.lngLat.lat];
      if (this.dragging !== null) {
        this.points[this.dragging] = here;
        this.render();
      } else if (this.adding) {
        this.cursor = here;
        this.render();
      }
    });
    on('mousedown', (e) => {
      // The handle under the pointer from the vertices themselves, not from the rendered handles: right after a
      // change MapLibre's worker may not have drawn them yet, and a drag there panned the map instead.
      const i = this.ready ? this.handleAt(e.point) : -1;
      if (i < 0) return;
      e.preventDefault();
      this.dragging = i;
      map.dragPan.disable();
    });
    on('mouseup', () => {
      if (this.dragging === null) return;
      this.dragging = null;
      map.dragPan.enable();
      this.changed();
    });
    const keys = (e: KeyboardEvent) => {
      if (inField(e.target)) return;
      if (e.key === 'Enter' && this.adding) {
        e.preventDefault();
        this.events.finish();
      } else if (e.key === 'Escape') {
        e.preventDefault();
        this.events.cancel();
      }
    };
    document.addEventListener('keydown', keys);
    this.offs.push(() => document.removeEventListener('keydown', keys));
    this.setAdding(adding);
    void areas.ready().then(() => {
      if (this.destroyed) return;
      if (!map.getSource(SOURCE)) map.addSource(SOURCE, { type: 'geojson', data: { type: 'FeatureCollection', features: [] } });
      for (const layer of LAYERS) if (!map.getLayer(layer.id)) map.addLayer(layer);
      this.ready = true;
      this.render();
    });
  }

  private destroyed = false;

  /** The vertex whose handle is under a screen point (the nearest within the handle's radius), or -1. */
  private handleAt(point: { x: number; y: number }): number {
    let best = -1;
    let bestDistance = HANDLE_RADIUS;
    this.points.forEach((p, i) => {
      const q = this.areas.map.project([p[0]!, p[1]!]);
      const d = Math.hypot(q.x - point.x, q.y - point.y);
      if (d <= bestDistance) [best, bestDistance] = [i, d];
    });
    return best;
  }

  /** The vertices so far (lon/lat). */
  get vertices(): Position[] {
    return this.points.map((p) => [p[0]!, p[1]!]);
  }

  /** Whether clicks add vertices (false after finishing: the handles can still be dragged). */
  get isAdding(): boolean {
    return this.adding;
  }

  setAdding(on: boolean): void {
    this.adding = on;
    this.cursor = null;
    const map = this.areas.map;
    if (on) map.doubleClickZoom.disable();
    else map.doubleClickZoom.enable();
    map.getCanvas().style.cursor = on ? 'crosshair' : '';
    this.render();
  }

  /** Removes the last vertex. */
  undo(): void {
    if (this.points.pop() !== undefined) this.changed();
  }

  /** Starts again with no vertices, adding. */
  restart(): void {
    this.points = [];
    this.setAdding(true);
    this.changed();
  }

  /** Removes the outline and its handles; clicks select areas again. */
  destroy(): void {
    this.destroyed = true;
    this.releaseClicks();
    for (const off of this.offs.splice(0)) off();
    const map = this.areas.map;
    map.doubleClickZoom.enable();
    map.dragPan.enable();
    map.getCanvas().style.cursor = '';
    for (const layer of LAYERS) if (map.getLayer(layer.id)) map.removeLayer(layer.id);
    if (map.getSource(SOURCE)) map.removeSource(SOURCE);
  }

  private changed(): void {
    this.render();
    this.events.change(this.vertices);
  }

  private render(): void {
    if (!this.ready || this.destroyed) return;
    const map = this.areas.map;
    const pts = this.points;
    const features: Feature[] = [];
    if (pts.length >= 3) features.push({ type: 'Feature', properties: {}, geometry: { type: 'Polygon', coordinates: [[...pts, pts[0]!]] } });
    const line = this.adding ? [...pts, ...(this.cursor ? [this.cursor] : [])] : pts.length >= 3 ? [...pts, pts[0]!] : pts;
    if (line.length >= 2) features.push({ type: 'Feature', properties: {}, geometry: { type: 'LineString', coordinates: line } });
    pts.forEach((p, i) => features.push({ type: 'Feature', properties: { i }, geometry: { type: 'Point', coordinates: p } }));
    (map.getSource(SOURCE) as GeoJSONSource | undefined)?.setData({ type: 'FeatureCollection', features });
    // Above every level shown meanwhile.
    const top = map.getStyle().layers.at(-1)?.id;
    if (top !== 'draw:vertices') for (const layer of LAYERS) if (map.getLayer(layer.id)) map.moveLayer(layer.id);
  }
}
