// The Zensus 1 km grid as a deck.gl layer over a MapLibre map. Load this module
// lazily (dynamic import when the grid site is shown): deck.gl and proj4 are
// large and only the grid needs them.
//
// Without a GPU (Chromium's SwiftShader, 1280 × 800) instanced deck.gl layers
// cost seconds per frame at 214,633 cells — measured per redraw: ColumnLayer
// (4 vertices, flat) ~2.1 s, ScatterplotLayer ~2.4 s, GridCellLayer ~3.9 s,
// plus ~1.1 s per hover pick — because every frame runs the vertex shader for
// every cell. So the cells are drawn as one raster: one RGBA texel per
// EPSG:3035 cell, on a mesh whose vertices are reprojected from EPSG:3035 every
// 10 cells. A frame then costs about what filling the covered pixels costs
// (~50 ms, MapLibre's background alone ~38 ms), whatever the number of cells;
// the squares keep their true EPSG:3035 shape and orientation (turned by up to
// ~4° against the meridians at Germany's edges; the piecewise-linear mesh is
// off by < 6 m), and recolouring uploads one texture (2.3 MB), nothing else.
import { BitmapLayer } from '@deck.gl/layers';
import { MapLibreOverlay } from '@deck.gl/maplibre';
import { dropDefaultWidgets } from './deck-widgets';
import type { Map as MapLibreMap, MapMouseEvent } from 'maplibre-gl';
import proj4 from 'proj4';

export type GridPickHandler = (index: number | null, x: number, y: number) => void;

export interface GridLayerOptions {
  /** Draw into MapLibre's own WebGL context (one canvas) instead of a canvas on top. */
  interleaved?: boolean;
  /** Cell edge in metres (the EPSG:3035 grid: cell centres at multiples of cellSize plus cellSize / 2). */
  cellSize?: number;
  /** Interleaved only: the MapLibre layer the cells are drawn beneath (e.g. programme areas over the cells). */
  beforeId?: string;
}

/** ETRS89-LAEA, the CRS of the INSPIRE / Zensus grids. */
export const EPSG_3035 =
  '+proj=laea +lat_0=52 +lon_0=10 +x_0=4321000 +y_0=3210000 +ellps=GRS80 +towgs84=0,0,0,0,0,0,0 +units=m +no_defs';

const LAYER_ID = 'zensus-grid-cells';
/** Mesh vertices every this many cells: the piecewise-linear mesh is then off by < 6 m at 1 km cells. */
const MESH_STEP = 10;
/**
 * Largest texture edge used (WebGL2 guarantees 2048, practically every device has
 * at least 4096, SwiftShader 8192). Germany at 1 km needs 650 × 870.
 */
const MAX_TEXTURE = 4096;

interface Mesh {
  vertexCount: number;
  positions: Float64Array<ArrayBuffer>;
  indices: Uint32Array<ArrayBuffer>;
  texCoords: Float32Array<ArrayBuffer>;
}

/** The raster of cells: grid geometry and, per cell, its texel. */
interface Raster {
  count: number;
  /** Column and row (from the north) of the first texel, in cells from the CRS origin. */
  col0: number;
  row0: number;
  width: number;
  height: number;
  /** Texel of each cell (row * width + col). */
  texel: Uint32Array;
  /** Cell at each texel, -1 for none. */
  cellAt: Int32Array;
  mesh: Mesh;
  /** Changes with every setCells, so that the layer rebuilds its mesh then and only then. */
  bounds: [number, number, number, number];
}

/** A BitmapLayer drawn on a given mesh (positions in lon/lat, texture coordinates per vertex). */
class GridRasterLayer extends BitmapLayer<{ mesh: Mesh | null }> {
  static override layerName = 'GridRasterLayer';
  static override defaultProps = { ...BitmapLayer.defaultProps, mesh: { type: 'object', value: null, compare: false } };

  protected override _createMesh(): Mesh {
    return this.props.mesh ?? super._createMesh();
  }
}

export class GridLayer {
  private readonly map: MapLibreMap;
  private readonly overlay: MapLibreOverlay;
  private readonly cellSize: number;
  private readonly beforeId: string | undefined;
  private readonly toGrid = proj4('EPSG:4326', EPSG_3035);
  private readonly toLonLat = proj4(EPSG_3035, 'EPSG:4326');
  private raster: Raster | null = null;
  private positions: Float32Array | null = null;
  private image: ImageData | null = null;
  private visible = true;
  private hover: GridPickHandler | null = null;
  private click: GridPickHandler | null = null;
  private hasLayer = false;
  // Set when props change, cleared by the next drawn frame.
  private dirty = true;
  private waiting: (() => void)[] = [];
  private destroyed = false;
  private widgetsDropped = false;

  constructor(map: MapLibreMap, options: GridLayerOptions = {}) {
    this.map = map;
    this.cellSize = options.cellSize ?? 1000;
    this.beforeId = options.interleaved ? options.beforeId : undefined;
    this.overlay = new MapLibreOverlay({
      interleaved: options.interleaved ?? false,
      layers: [],
      onAfterRender: () => this.afterRender(),
    });
    map.addControl(this.overlay);
    // Picking without the GPU: the cell under the pointer follows from its
    // coordinate (a reprojection and an array lookup). deck.gl's picking would
    // render a picking pass and read it back, stalling the main thread until
    // SwiftShader has finished the frame.
    map.on('mousemove', this.onMouseMove);
    map.on('mouseout', this.onMouseOut);
    map.on('click', this.onMapClick);
  }

  /**
   * Sets the cell centres (lon, lat interleaved, EPSG:4326), which must lie on the
   * EPSG:3035 grid. Nothing is drawn until setColors.
   */
  setCells(positions: Float32Array, count: number): void {
    if (positions.length < count * 2) throw new Error(`positions hold ${positions.length / 2} cells, not ${count}`);
    this.raster = count > 0 ? this.buildRaster(positions, count) : null;
    this.positions = positions;
    this.image = null;
    this.update();
  }

  /** INSPIRE id of a cell (lower-left corner in EPSG:3035), e.g. CRS3035RES1000mN3139000E4486000. */
  cellId(index: number): string | null {
    const p = this.positions;
    if (!p || index < 0 || 2 * index + 1 >= p.length) return null;
    const [x, y] = this.toGrid.forward([p[2 * index]!, p[2 * index + 1]!]);
    const s = this.cellSize;
    return `CRS3035RES${s}mN${Math.floor(y! / s) * s}E${Math.floor(x! / s) * s}`;
  }

  /** Sets the RGBA colour of every cell (4 bytes per cell, in the order of the positions). */
  setColors(colors: Uint8Array): void {
    const raster = this.raster;
    if (!raster) throw new Error('setColors before setCells');
    if (colors.length < raster.count * 4) throw new Error(`colors hold ${colors.length / 4} cells, not ${raster.count}`);
    // A new image object makes deck.gl upload a new texture; mesh and bounds stay.
    const data = new Uint8ClampedArray(raster.width * raster.height * 4);
    const texel = raster.texel;
    for (let i = 0; i < raster.count; i++) {
      const t = texel[i]! * 4;
      const c = i * 4;
      data[t] = colors[c]!;
      data[t + 1] = colors[c + 1]!;
      data[t + 2] = colors[c + 2]!;
      data[t + 3] = colors[c + 3]!;
    }
    // ImageData, not {width, height, data}: deck.gl 9.4 reads the size of a plain
    // object from `data`, finds none and creates a texture without levels.
    this.image = new ImageData(data, raster.width, raster.height);
    this.update();
  }

  /**
   * Hands the layer to deck.gl again. Interleaved with a `beforeId`, @deck.gl/maplibre places it in
   * MapLibre's layer order only while the style is loaded; given earlier, it draws on top instead.
   */
  reattach(): void {
    this.hasLayer = true;
    this.update();
  }

  setVisible(visible: boolean): void {
    if (visible === this.visible) return;
    this.visible = visible;
    this.update();
  }

  /** Called with the cell index under the pointer (null when none) and the pointer's map position. */
  onHover(cb: GridPickHandler): void {
    this.hover = cb;
  }

  onClick(cb: GridPickHandler): void {
    this.click = cb;
  }

  /** Resolves once deck.gl has drawn the current cells, colours and visibility. */
  painted(): Promise<void> {
    if (!this.dirty || this.destroyed) return Promise.resolve();
    return new Promise((resolve) => {
      this.waiting.push(resolve);
      this.map.triggerRepaint();
    });
  }

  destroy(): void {
    if (this.destroyed) return;
    this.destroyed = true;
    this.map.off('mousemove', this.onMouseMove);
    this.map.off('mouseout', this.onMouseOut);
    this.map.off('click', this.onMapClick);
    this.map.removeControl(this.overlay);
    this.raster = null;
    this.image = null;
    this.releaseWaiting();
  }

  private buildRaster(positions: Float32Array, count: number): Raster {
    const size = this.cellSize;
    const cols = new Int32Array(count);
    const rows = new Int32Array(count);
    let colMin = Infinity, colMax = -Infinity, rowMin = Infinity, rowMax = -Infinity; // prettier-ignore
    for (let i = 0; i < count; i++) {
      const [x, y] = this.toGrid.forward([positions[2 * i]!, positions[2 * i + 1]!]);
      const col = Math.floor(x! / size);
      // Rows count from the north, as texture rows do.
      const row = -Math.floor(y! / size);
      cols[i] = col;
      rows[i] = row;
      if (col < colMin) colMin = col;
      if (col > colMax) colMax = col;
      if (row < rowMin) rowMin = row;
      if (row > rowMax) rowMax = row;
    }
    // Whole mesh steps, so that every mesh vertex is a cell corner.
    const widthSteps = Math.ceil((colMax - colMin + 1) / MESH_STEP);
    const heightSteps = Math.ceil((rowMax - rowMin + 1) / MESH_STEP);
    const width = widthSteps * MESH_STEP;
    const height = heightSteps * MESH_STEP;
    if (width > MAX_TEXTURE || height > MAX_TEXTURE) {
      throw new Error(`grid of ${width} × ${height} cells is larger than a texture (${MAX_TEXTURE})`);
    }
    const texel = new Uint32Array(count);
    const cellAt = new Int32Array(width * height).fill(-1);
    for (let i = 0; i < count; i++) {
      const t = (rows[i]! - rowMin) * width + (cols[i]! - colMin);
      texel[i] = t;
      cellAt[t] = i;
    }
    const mesh = this.buildMesh(colMin, rowMin, widthSteps, heightSteps);
    let w = Infinity, s = Infinity, e = -Infinity, n = -Infinity; // prettier-ignore
    for (let k = 0; k < mesh.positions.length; k += 3) {
      w = Math.min(w, mesh.positions[k]!);
      e = Math.max(e, mesh.positions[k]!);
      s = Math.min(s, mesh.positions[k + 1]!);
      n = Math.max(n, mesh.positions[k + 1]!);
    }
    return { count, col0: colMin, row0: rowMin, width, height, texel, cellAt, mesh, bounds: [w, s, e, n] };
  }

  /** Vertices every MESH_STEP cells, reprojected to lon/lat; texture coordinates from the grid. */
  private buildMesh(col0: number, row0: number, widthSteps: number, heightSteps: number): Mesh {
    const size = this.cellSize;
    const nu = widthSteps + 1;
    const nv = heightSteps + 1;
    const positions = new Float64Array(nu * nv * 3);
    const texCoords = new Float32Array(nu * nv * 2);
    for (let v = 0; v < nv; v++) {
      for (let u = 0; u < nu; u++) {
        const k = v * nu + u;
        const x = (col0 + u * MESH_STEP) * size;
        const y = -(row0 + v * MESH_STEP) * size + size; // top edge of row `row0 + v * MESH_STEP`
        const [lon, lat] = this.toLonLat.forward([x, y]);
        positions[k * 3] = lon!;
        positions[k * 3 + 1] = lat!;
        texCoords[k * 2] = u / widthSteps;
        texCoords[k * 2 + 1] = v / heightSteps;
      }
    }
    const indices = new Uint32Array(widthSteps * heightSteps * 6);
    let i = 0;
    for (let v = 0; v < heightSteps; v++) {
      for (let u = 0; u < widthSteps; u++) {
        const a = v * nu + u;
        const b = a + 1;
        const c = a + nu;
        const d = c + 1;
        indices.set([a, c, b, b, c, d], i);
        i += 6;
      }
    }
    return { vertexCount: indices.length, positions, indices, texCoords };
  }

  private readonly onMouseMove = (e: MapMouseEvent): void => {
    this.hover?.(this.cellAt(e.lngLat.lng, e.lngLat.lat), e.point.x, e.point.y);
  };

  private readonly onMouseOut = (): void => {
    this.hover?.(null, 0, 0);
  };

  private readonly onMapClick = (e: MapMouseEvent): void => {
    this.click?.(this.cellAt(e.lngLat.lng, e.lngLat.lat), e.point.x, e.point.y);
  };

  /** The cell at a coordinate, or null where there is none (or the grid is hidden). */
  cellAt(lon: number, lat: number): number | null {
    const raster = this.raster;
    if (!raster || !this.image || !this.visible || this.destroyed) return null;
    const [x, y] = this.toGrid.forward([lon, lat]);
    const col = Math.floor(x! / this.cellSize) - raster.col0;
    const row = -Math.floor(y! / this.cellSize) - raster.row0;
    if (col < 0 || row < 0 || col >= raster.width || row >= raster.height) return null;
    const cell = raster.cellAt[row * raster.width + col]!;
    return cell >= 0 ? cell : null;
  }

  private update(): void {
    if (this.destroyed) return;
    const layers = this.layers();
    // No layer before and after: deck.gl has nothing to redraw.
    if (layers.length === 0 && !this.hasLayer) return;
    this.hasLayer = layers.length > 0;
    this.dirty = true;
    this.overlay.setProps({ layers });
  }

  private layers(): GridRasterLayer[] {
    const { raster, image } = this;
    if (!raster || !image) return [];
    return [
      new GridRasterLayer({
        id: LAYER_ID,
        mesh: raster.mesh,
        bounds: raster.bounds,
        image,
        // One texel per cell, never blended with its neighbours.
        textureParameters: { minFilter: 'nearest', magFilter: 'nearest', mipmapFilter: 'none' },
        visible: this.visible,
        // Beneath a MapLibre layer (interleaved; `beforeId` is read by @deck.gl/maplibre, not part of the
        // layer's own props type): no depth written, or MapLibre's later layers (their depth test
        // passes only in front of what is drawn) would vanish wherever a cell lies.
        ...(this.beforeId ? ({ beforeId: this.beforeId, parameters: { depthWriteEnabled: false, depthCompare: 'always' } } as object) : {}),
      }),
    ];
  }

  private afterRender(): void {
    this.widgetsDropped ||= dropDefaultWidgets(this.overlay);
    this.dirty = false;
    this.releaseWaiting();
  }

  private releaseWaiting(): void {
    const waiting = this.waiting;
    this.waiting = [];
    for (const resolve of waiting) resolve();
  }
}
