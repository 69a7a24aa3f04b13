// Pre-built vector tiles of a level's areas: the level's GeoJSON → Mapbox vector tiles (geojson-vt cuts
// and simplifies per zoom, vt-pbf encodes) → one PMTiles v3 archive (./pmtiles-writer.mjs). The app reads
// it through MapLibre's pmtiles protocol with `promoteId: 'id'`, so recolouring stays feature-state only.
// Each feature keeps two properties: `id` (the area id, a string) and `name`.
import fs from 'node:fs';
import path from 'node:path';
import GeoJSONVT from 'geojson-vt';
import vtpbf from 'vt-pbf';
import { TILE_TYPE_MVT, writePmtiles } from './pmtiles-writer.mjs';

/** Levels with more areas than this get pre-built tiles (smaller ones stay a GeoJSON source). */
export const TILED_ABOVE = 1000;
export const DEFAULT_MAXZOOM = 10;
const EXTENT = 4096;

/** Bounding box [w, s, e, n] of every coordinate of a FeatureCollection. */
export function collectionBounds(fc) {
  const b = [Infinity, Infinity, -Infinity, -Infinity];
  const visit = (c) => {
    if (typeof c[0] === 'number') {
      b[0] = Math.min(b[0], c[0]);
      b[1] = Math.min(b[1], c[1]);
      b[2] = Math.max(b[2], c[0]);
      b[3] = Math.max(b[3], c[1]);
    } else for (const x of c) visit(x);
  };
  for (const f of fc.features) if (f.geometry) visit(f.geometry.coordinates);
  return b;
}

/** The zoom at which `bounds` fills about one 512-pixel tile (the archive's centre zoom). */
function fitZoom([w, s, e, n], minzoom, maxzoom) {
  const y = (lat) => Math.log(Math.tan(Math.PI / 4 + (lat * Math.PI) / 360));
  const span = Math.max((e - w) / 360, (y(n) - y(s)) / (2 * Math.PI));
  return Math.min(maxzoom, Math.max(minzoom, Math.floor(Math.log2(1 / span))));
}

/**
 * The PMTiles archive (bytes) of a level's areas: MVT tiles z`minzoom`..z`maxzoom` of one layer `layer`,
 * simplified per zoom (geojson-vt's `tolerance`, in tile pixels of 4096; none at the highest zoom).
 */
export function buildAreaTiles(fc, { layer, minzoom = 0, maxzoom = DEFAULT_MAXZOOM, tolerance = 3, buffer = 64, name = layer }) {
  const features = fc.features.map((f) => {
    const id = f.properties?.id;
    if (id === undefined || id === null) throw new Error('a feature without properties.id');
    return { type: 'Feature', properties: { id: String(id), name: String(f.properties.name ?? id) }, geometry: f.geometry };
  });
  const index = new GeoJSONVT({ type: 'FeatureCollection', features }, { maxZoom: maxzoom, indexMaxZoom: 0, indexMaxPoints: 0, tolerance, extent: EXTENT, buffer });
  const tiles = [];
  // Depth first from the world tile: where geojson-vt has no tile, no child has features. A tile can be
  // empty while its children are not (areas below the tolerance of a low zoom): it is left out, its children not.
  const visit = (z, x, y) => {
    const tile = index.getTile(z, x, y);
    if (!tile) return;
    if (z >= minzoom && tile.features.length > 0) tiles.push({ z, x, y, data: vtpbf.fromGeojsonVt({ [layer]: tile }, { version: 2, extent: EXTENT }) });
    if (z < maxzoom) for (const [dx, dy] of [[0, 0], [1, 0], [0, 1], [1, 1]]) visit(z + 1, 2 * x + dx, 2 * y + dy);
  };
  visit(0, 0, 0);
  const bounds = collectionBounds(fc).map((v) => Math.round(v * 1e7) / 1e7);
  const center = [(bounds[0] + bounds[2]) / 2, (bounds[1] + bounds[3]) / 2, fitZoom(bounds, minzoom, maxzoom)];
  const metadata = {
    name,
    format: 'pbf',
    generator: 'quartiersatlas scripts/tiles',
    vector_layers: [{ id: layer, fields: { id: 'String', name: 'String' }, minzoom, maxzoom }],
  };
  return { bytes: writePmtiles({ tiles, metadata, tileType: TILE_TYPE_MVT, minzoom, maxzoom, bounds, center }), tileCount: tiles.length };
}

/**
 * Writes `<geometry without .geojson>.pmtiles` beside a level's GeoJSON (paths relative to `dataDir`, as in the
 * catalog) and returns the level's `tiles` entry for the catalog, with the archive's size.
 */
export function writeLevelTiles(dataDir, geometry, { minzoom = 0, maxzoom = DEFAULT_MAXZOOM } = {}) {
  const layer = path.basename(geometry, '.geojson');
  const url = geometry.replace(/\.geojson$/, '.pmtiles');
  if (url === geometry) throw new Error(`${geometry}: not a .geojson file`);
  const fc = JSON.parse(fs.readFileSync(path.join(dataDir, geometry), 'utf8'));
  const { bytes, tileCount } = buildAreaTiles(fc, { layer, minzoom, maxzoom });
  fs.writeFileSync(path.join(dataDir, url), bytes);
  return { tiles: { url, layer, minzoom, maxzoom }, bytes: bytes.length, tileCount };
}

/**
 * Adds pre-built tiles to every level of an area site (not a grid) with more than `TILED_ABOVE` areas:
 * writes each level's archive once (levels shared between sites name the same file) and sets its `tiles`
 * entry in `catalog` (changed in place). Returns what was written: path, bytes, tiles.
 */
export function addLevelTiles(catalog, dataDir, options = {}) {
  const done = new Map();
  for (const site of catalog.sites) {
    if (site.kind === 'grid') continue;
    for (const level of site.levels) {
      if (level.count <= TILED_ABOVE || !level.geometry.endsWith('.geojson')) continue;
      if (!done.has(level.geometry)) done.set(level.geometry, writeLevelTiles(dataDir, level.geometry, options));
      level.tiles = done.get(level.geometry).tiles;
    }
  }
  return [...done.values()].map((r) => ({ path: r.tiles.url, bytes: r.bytes, tiles: r.tileCount }));
}
