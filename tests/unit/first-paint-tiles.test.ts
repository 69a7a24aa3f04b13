// The first paint of a tiled level (src/lib/map/first-paint-camera.ts, first-paint-tiles.ts): the camera →
// tile zoom and tile list MapLibre uses for a vector source, and the committed Gemeinden archive
// (data/gemeinden/gemeinde.pmtiles, read with the app's `pmtiles` reader) decoded into screen paths that lie
// where the same Gemeinden of the GeoJSON are projected.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { csvParse } from 'd3-dsv';
import { PMTiles, type Source } from 'pmtiles';
import type { Feature, FeatureCollection, MultiPolygon, Polygon } from 'geojson';
import type { Catalog } from '../../src/lib/data/catalog-types';
import { coveringTiles, fittedCamera, mercator, tileBox, tileZoom, toScreen, type TileId } from '../../src/lib/map/first-paint-camera';
import { decodeTileFeatures, drawTileFeatures, type PathSink } from '../../src/lib/map/first-paint-tiles';
import { fittedProjection } from '../../src/lib/map/first-paint';

const data = (rel: string) => new URL(`../../data/${rel}`, import.meta.url);
const catalog = JSON.parse(readFileSync(data('catalog.json'), 'utf8')) as Catalog;
const site = catalog.sites.find((s) => s.id === 'gemeinden')!;
const level = site.levels.find((l) => l.id === 'gemeinde')!;
const tiles = level.tiles!;
const archive = readFileSync(data(tiles.url));
const geojson = JSON.parse(readFileSync(data(level.geometry), 'utf8')) as FeatureCollection<Polygon | MultiPolygon>;
const gemeindeIds = new Set(csvParse(readFileSync(data('gemeinden/areas.csv'), 'utf8')).filter((r) => r.level === 'gemeinde').map((r) => r.id!));

const reader = new PMTiles({
  getKey: () => 'gemeinde.pmtiles',
  getBytes: async (offset: number, length: number) => ({ data: archive.buffer.slice(archive.byteOffset + offset, archive.byteOffset + offset + length) }),
} satisfies Source);

async function readTile(t: TileId): Promise<Uint8Array> {
  const tile = await reader.getZxy(t.z, t.x, t.y);
  if (!tile) throw new Error(`no tile ${t.z}/${t.x}/${t.y}`);
  return new Uint8Array(tile.data);
}

/** Records a feature's rings (screen px). */
class Recorder implements PathSink {
  rings: [number, number][][] = [];
  moveTo(x: number, y: number) {
    this.rings.push([[x, y]]);
  }
  lineTo(x: number, y: number) {
    this.rings.at(-1)!.push([x, y]);
  }
  closePath() {}
}

describe('the tiles MapLibre reads for the fitted camera', () => {
  it('tile zoom: the floor of the zoom (512 px tiles), at most the archive’s maxzoom, none below its minzoom', () => {
    expect(tileZoom(5.29, 0, 10)).toBe(5);
    expect(tileZoom(5.999, 0, 10)).toBe(5);
    expect(tileZoom(6, 0, 10)).toBe(6);
    expect(tileZoom(12.4, 0, 10)).toBe(10);
    expect(tileZoom(-0.5, 0, 10)).toBe(0);
    expect(tileZoom(3.7, 4, 10)).toBeNull();
  });

  it('the camera’s zoom is MapLibre’s (scale = 512 · 2^zoom px per world) and its centre is the box’s', () => {
    const camera = fittedCamera(site.bounds, 940, 748);
    expect(camera.scale).toBeCloseTo(512 * 2 ** camera.zoom, 6);
    const [x0, y0] = mercator(site.bounds[0], site.bounds[3]);
    const [x1, y1] = mercator(site.bounds[2], site.bounds[1]);
    const [cx, cy] = toScreen(camera, (x0 + x1) / 2, (y0 + y1) / 2);
    expect(cx).toBeCloseTo(470, 9);
    expect(cy).toBeCloseTo(374, 9);
    // The projection of the GeoJSON first paint is the same camera.
    expect(fittedProjection(site.bounds, 940, 748)(site.bounds[0], site.bounds[3])).toEqual(toScreen(camera, x0, y0));
  });

  it('Germany at 940 × 748 px (the e2e browser’s map box): the four z5 tiles MapLibre requests', () => {
    const camera = fittedCamera(site.bounds, 940, 748);
    expect(camera.zoom).toBeGreaterThan(5);
    expect(camera.zoom).toBeLessThan(6);
    expect(coveringTiles(camera, tiles.minzoom, tiles.maxzoom)).toEqual([
      { z: 5, x: 16, y: 10 },
      { z: 5, x: 17, y: 10 },
      { z: 5, x: 16, y: 11 },
      { z: 5, x: 17, y: 11 },
    ]);
  });

  it('every tile overlaps the view, and together they cover it (any box, any size)', () => {
    fc.assert(
      fc.property(
        fc.double({ min: -20, max: 30, noNaN: true }),
        fc.double({ min: 35, max: 60, noNaN: true }),
        fc.double({ min: 0.001, max: 20, noNaN: true }),
        fc.double({ min: 0.001, max: 15, noNaN: true }),
        fc.integer({ min: 120, max: 2400 }),
        fc.integer({ min: 120, max: 1600 }),
        (w, s, dw, dh, width, height) => {
          const camera = fittedCamera([w, s, w + dw, s + dh], width, height);
          const list = coveringTiles(camera, 0, 14);
          expect(list.length).toBeGreaterThan(0);
          let area = 0;
          for (const t of list) {
            const [left, top, size] = tileBox(camera, t);
            const overlapX = Math.min(left + size, width) - Math.max(left, 0);
            const overlapY = Math.min(top + size, height) - Math.max(top, 0);
            expect(overlapX).toBeGreaterThan(-1e-6);
            expect(overlapY).toBeGreaterThan(-1e-6);
            area += Math.max(0, overlapX) * Math.max(0, overlapY);
          }
          // Tiles do not overlap each other, so their parts in view add up to the view (within the world's edge).
          const world = toScreen(camera, 0, 0)[1] <= 0 && toScreen(camera, 1, 1)[1] >= height;
          if (world && toScreen(camera, 0, 0)[0] <= 0 && toScreen(camera, 1, 1)[0] >= width) expect(area).toBeCloseTo(width * height, 0);
        },
      ),
      { numRuns: 200 },
    );
  });
});

describe('the Gemeinden archive decoded into screen paths', () => {
  it('the z5 tiles of the national view hold every Gemeinde, by its id', async () => {
    const camera = fittedCamera(site.bounds, 940, 748);
    const seen = new Set<string>();
    for (const t of coveringTiles(camera, tiles.minzoom, tiles.maxzoom)) {
      const { extent, drawn } = decodeTileFeatures(await readTile(t), tiles.layer, (id) => {
        seen.add(id);
        return { moveTo() {}, lineBy() {}, closePath() {} };
      });
      expect(extent).toBe(4096);
      expect(drawn).toBeGreaterThan(100);
    }
    for (const id of seen) expect(gemeindeIds.has(id), id).toBe(true);
    // Simplification keeps every area at z5 (none is dropped from the first paint).
    expect(seen.size).toBe(gemeindeIds.size);
  });

  it('another layer name draws nothing', async () => {
    const camera = fittedCamera(site.bounds, 940, 748);
    const t = coveringTiles(camera, tiles.minzoom, tiles.maxzoom)[0]!;
    expect(drawTileFeatures(await readTile(t), 'kreis', camera, t, () => new Recorder())).toBe(0);
  });

  it('a Gemeinde inside one tile lies where its GeoJSON is projected (within the simplification’s half pixel)', async () => {
    const width = 940;
    const height = 748;
    const camera = fittedCamera(site.bounds, width, height);
    const project = fittedProjection(site.bounds, width, height);
    const byId = new Map(geojson.features.map((f) => [String(f.properties!.id), f as Feature<Polygon | MultiPolygon>]));
    const t = { z: 5, x: 16, y: 11 };
    const [left, top, size] = tileBox(camera, t);
    const drawn = new Map<string, Recorder>();
    drawTileFeatures(await readTile(t), tiles.layer, camera, t, (id) => {
      const r = new Recorder();
      drawn.set(id, r);
      return r;
    });
    const box = (points: [number, number][]) => [
      Math.min(...points.map((p) => p[0])),
      Math.min(...points.map((p) => p[1])),
      Math.max(...points.map((p) => p[0])),
      Math.max(...points.map((p) => p[1])),
    ];
    let compared = 0;
    for (const [id, r] of drawn) {
      const f = byId.get(id)!;
      const rings = f.geometry.type === 'Polygon' ? f.geometry.coordinates : f.geometry.coordinates.flat();
      const projected = box(rings.flat().map(([lng, lat]) => project(lng!, lat!)));
      // Only areas well inside the tile (not cut at its edge) and at least 6 px wide.
      if (projected[0]! < left + 2 || projected[1]! < top + 2 || projected[2]! > left + size - 2 || projected[3]! > top + size - 2) continue;
      if (projected[2]! - projected[0]! < 6) continue;
      const decoded = box(r.rings.flat());
      for (let i = 0; i < 4; i++) expect(Math.abs(decoded[i]! - projected[i]!), `${id} side ${i}`).toBeLessThan(0.75);
      compared++;
    }
    expect(compared).toBeGreaterThan(200);
  });
});
