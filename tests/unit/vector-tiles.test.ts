// The pre-built vector tiles (scripts/tiles/): the committed Gemeinden archive read back with the `pmtiles`
// reader the app uses (header, metadata, tiles decoded as Mapbox vector tiles), rebuilt byte for byte from
// the committed GeoJSON, and the writer's tile ids, runs and leaf directories against the same reader.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { csvParse } from 'd3-dsv';
import { PMTiles, zxyToTileId as readerTileId, type Source } from 'pmtiles';
import { VectorTile } from '@mapbox/vector-tile';
import { PbfReader } from 'pbf';
import type { FeatureCollection } from 'geojson';
import { buildAreaTiles, collectionBounds, TILED_ABOVE } from '../../scripts/tiles/vector-tiles.mjs';
import { writePmtiles, zxyToTileId } from '../../scripts/tiles/pmtiles-writer.mjs';
import type { Catalog } from '../../src/lib/data/catalog-types';
import { generateScale } from '../../scripts/synthetic-scale.mjs';

const data = (rel: string) => new URL(`../../data/${rel}`, import.meta.url);
const catalog = JSON.parse(readFileSync(data('catalog.json'), 'utf8')) as Catalog;
const level = catalog.sites.find((s) => s.id === 'gemeinden')!.levels.find((l) => l.id === 'gemeinde')!;
const archive = readFileSync(data(level.tiles!.url));
const geojson = JSON.parse(readFileSync(data(level.geometry), 'utf8')) as FeatureCollection;
const gemeinden = csvParse(readFileSync(data('gemeinden/areas.csv'), 'utf8')).filter((r) => r.level === 'gemeinde');

/** A reader source over bytes in memory (the app's reader fetches the same ranges over HTTP). */
function memorySource(bytes: Uint8Array, key = 'archive'): Source {
  return {
    getKey: () => key,
    getBytes: async (offset: number, length: number) => {
      const copy = new Uint8Array(Math.max(0, Math.min(length, bytes.length - offset)));
      copy.set(bytes.subarray(offset, offset + copy.length));
      return { data: copy.buffer };
    },
  };
}

function tileOf(lon: number, lat: number, z: number): [number, number] {
  const n = 2 ** z;
  const r = (lat * Math.PI) / 180;
  return [Math.floor(((lon + 180) / 360) * n), Math.floor(((1 - Math.log(Math.tan(r) + 1 / Math.cos(r)) / Math.PI) / 2) * n)];
}

async function decode(reader: PMTiles, z: number, x: number, y: number) {
  const tile = await reader.getZxy(z, x, y);
  if (!tile) return null;
  return new VectorTile(new PbfReader(new Uint8Array(tile.data))).layers[level.tiles!.layer] ?? null;
}

describe('Gemeinden vector tiles (data/gemeinden/gemeinde.pmtiles)', () => {
  const reader = new PMTiles(memorySource(archive));

  it('is listed in the catalog for the level over 1,000 areas only, beside its GeoJSON', () => {
    expect(level.count).toBeGreaterThan(TILED_ABOVE);
    expect(level.tiles).toEqual({ url: 'gemeinden/gemeinde.pmtiles', layer: 'gemeinde', minzoom: 0, maxzoom: 10 });
    const tiled = catalog.sites.flatMap((s) => s.levels.filter((l) => l.tiles).map((l) => `${s.id}/${l.id}`));
    expect(tiled).toEqual(['gemeinden/gemeinde']);
  });

  it('has a PMTiles v3 header with the zooms, the bounds of the GeoJSON and gzipped MVT tiles', async () => {
    const h = await reader.getHeader();
    expect(h.specVersion).toBe(3);
    expect(h.tileType).toBe(1); // MVT
    expect([h.minZoom, h.maxZoom]).toEqual([level.tiles!.minzoom, level.tiles!.maxzoom]);
    expect(h.tileCompression).toBe(2);
    expect(h.internalCompression).toBe(2);
    expect(h.clustered).toBe(true);
    const [w, s, e, n] = collectionBounds(geojson);
    expect(h.minLon).toBeCloseTo(w, 6);
    expect(h.minLat).toBeCloseTo(s, 6);
    expect(h.maxLon).toBeCloseTo(e, 6);
    expect(h.maxLat).toBeCloseTo(n, 6);
    // Germany: 5.9–15.1 °E, 47.3–55.1 °N.
    expect(w).toBeGreaterThan(5.5);
    expect(e).toBeLessThan(15.5);
    expect(h.numAddressedTiles).toBeGreaterThan(500);
    expect(h.tileDataOffset + (h.tileDataLength ?? NaN)).toBe(archive.length);
    const meta = (await reader.getMetadata()) as { vector_layers: { id: string; fields: Record<string, string> }[] };
    expect(meta.vector_layers).toEqual([{ id: 'gemeinde', fields: { id: 'String', name: 'String' }, minzoom: 0, maxzoom: 10 }]);
  });

  it('decodes the z7 tile over Leipzig: Leipzig (14713000) with its name, its shape around its label point', async () => {
    const leipzig = gemeinden.find((r) => r.id === '14713000')!;
    const [lon, lat] = [Number(leipzig.lon), Number(leipzig.lat)];
    const [x, y] = tileOf(lon, lat, 7);
    const layer = await decode(reader, 7, x, y);
    expect(layer).not.toBeNull();
    expect(layer!.length).toBeGreaterThan(100);
    const features = Array.from({ length: layer!.length }, (_, i) => layer!.feature(i));
    const found = features.filter((f) => f.properties.id === '14713000');
    expect(found).toHaveLength(1);
    expect(found[0]!.properties.name).toBe(leipzig.name);
    expect(found[0]!.properties.name).toBe('Leipzig, Stadt');
    expect(found[0]!.type).toBe(3); // polygon
    const box = collectionBounds({ type: 'FeatureCollection', features: [found[0]!.toGeoJSON(x, y, 7)] } as FeatureCollection);
    // About 30 km across.
    expect(box[2] - box[0]).toBeGreaterThan(0.2);
    expect(box[2] - box[0]).toBeLessThan(0.6);
    expect(lon).toBeGreaterThan(box[0]);
    expect(lon).toBeLessThan(box[2]);
    expect(lat).toBeGreaterThan(box[1]);
    expect(lat).toBeLessThan(box[3]);
    // Every feature carries exactly the two properties the map reads: id (string) and name.
    for (const f of features) expect(Object.keys(f.properties).sort()).toEqual(['id', 'name']);
  });

  it('holds every Gemeinde of areas.csv at the highest zoom, with the name of areas.csv', async () => {
    const h = await reader.getHeader();
    const names = new Map<string, string>();
    const [x0, y1] = tileOf(h.minLon, h.minLat, h.maxZoom);
    const [x1, y0] = tileOf(h.maxLon, h.maxLat, h.maxZoom);
    for (let x = x0; x <= x1; x++) {
      for (let y = y0; y <= y1; y++) {
        const layer = await decode(reader, h.maxZoom, x, y);
        for (let i = 0; i < (layer?.length ?? 0); i++) {
          const p = layer!.feature(i).properties;
          names.set(String(p.id), String(p.name));
        }
      }
    }
    expect(names.size).toBe(gemeinden.length);
    expect(gemeinden.length).toBe(level.count);
    for (const g of gemeinden) expect(names.get(g.id!)).toBe(g.name);
  });

  it('is deterministic: rebuilt from the committed GeoJSON, the same bytes', () => {
    const { bytes } = buildAreaTiles(geojson, { layer: level.tiles!.layer, minzoom: level.tiles!.minzoom, maxzoom: level.tiles!.maxzoom });
    expect(bytes.length).toBe(archive.length);
    expect(Buffer.compare(bytes, archive)).toBe(0);
  });
});

describe('vector tiles of small areas (the synthetic scale cells)', () => {
  it('keeps the zooms below an empty low-zoom tile: every cell is in the tiles of the highest zoom', async () => {
    // 1,500 cells of ~240 km²: below the simplification tolerance of z0, which therefore holds none of them.
    const scale = generateScale({ areas: 1500, years: 1, seed: 3 });
    const cells = JSON.parse(scale.files['zelle.geojson'] as string) as FeatureCollection;
    const { bytes } = buildAreaTiles(cells, { layer: 'zelle', maxzoom: 7 });
    const reader = new PMTiles(memorySource(bytes, 'cells'));
    expect(await reader.getZxy(0, 0, 0)).toBeUndefined();
    const h = await reader.getHeader();
    const ids = new Set<string>();
    const [x0, y1] = tileOf(h.minLon, h.minLat, 7);
    const [x1, y0] = tileOf(h.maxLon, h.maxLat, 7);
    for (let x = x0; x <= x1; x++) {
      for (let y = y0; y <= y1; y++) {
        const tile = await reader.getZxy(7, x, y);
        const layer = tile ? new VectorTile(new PbfReader(new Uint8Array(tile.data))).layers.zelle : undefined;
        for (let i = 0; i < (layer?.length ?? 0); i++) ids.add(String(layer!.feature(i).properties.id));
      }
    }
    expect(ids.size).toBe(cells.features.length);
  });
});

describe('PMTiles writer', () => {
  it('numbers tiles like the reader (Hilbert order per zoom)', () => {
    for (let z = 0; z <= 12; z++) {
      const n = 2 ** z;
      for (const [x, y] of [[0, 0], [n - 1, 0], [0, n - 1], [n - 1, n - 1], [Math.floor(n / 3), Math.floor((2 * n) / 3)], [Math.floor(n / 2), 1 % n]]) {
        expect(zxyToTileId(z, x!, y!)).toBe(readerTileId(z, x!, y!));
      }
    }
    expect(() => zxyToTileId(3, 8, 0)).toThrow();
  });

  it('stores equal tiles once, joins runs, and splits a large directory into leaves the reader follows', async () => {
    const tiles: { z: number; x: number; y: number; data: Uint8Array }[] = [];
    // 30,000 distinct tiles of varied sizes scattered over z10 (a root directory far over 16 KiB) and a
    // run of one content at z4.
    let seed = 12345;
    const next = () => (seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0) >>> 8;
    const used = new Set<string>();
    const z10: [number, number, string][] = [];
    while (z10.length < 30_000) {
      const [x, y] = [next() % 1024, next() % 1024];
      if (used.has(`${x}/${y}`)) continue;
      used.add(`${x}/${y}`);
      z10.push([x, y, `tile ${z10.length} ${'#'.repeat(next() % 300)}`]);
    }
    for (const [x, y, text] of z10) tiles.push({ z: 10, x, y, data: Buffer.from(text) });
    for (let x = 0; x < 16; x++) for (let y = 0; y < 16; y++) tiles.push({ z: 4, x, y, data: Buffer.from('same') });
    const bytes = writePmtiles({ tiles, metadata: { name: 'test' }, minzoom: 4, maxzoom: 10, bounds: [-180, -85, 180, 85], center: [0, 0, 4] });
    const reader = new PMTiles(memorySource(bytes, 'leaves'));
    const h = await reader.getHeader();
    expect(h.leafDirectoryLength).toBeGreaterThan(0);
    expect(h.rootDirectoryOffset + h.rootDirectoryLength).toBeLessThanOrEqual(16_384);
    expect(h.numAddressedTiles).toBe(30_256);
    expect(h.numTileContents).toBe(30_001);
    expect(h.numTileEntries).toBe(30_001); // all 256 z4 tiles are one run
    const text = async (z: number, x: number, y: number) => {
      const t = await reader.getZxy(z, x, y);
      return t ? new TextDecoder().decode(t.data) : null;
    };
    for (const i of [0, 1, 511, 512, 12_345, 29_999]) expect(await text(10, z10[i]![0], z10[i]![1])).toBe(z10[i]![2]);
    const free = Array.from({ length: 1024 }, (_, x) => x).find((x) => !used.has(`${x}/7`))!;
    expect(await text(10, free, 7)).toBeNull();
    expect(await text(4, 7, 9)).toBe('same');
    expect(await text(4, 15, 15)).toBe('same');
    expect(await text(5, 0, 0)).toBeNull();
  });
});
