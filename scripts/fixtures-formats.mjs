// Writes the fixtures for the TopoJSON, FlatGeobuf and GeoParquet import in
// tests/fixtures/formats/: the four 1 km squares in Leipzig's south of
// scripts/fixtures-import.mjs (UTM 33N), as
// - ortsteile.topojson: quantized TopoJSON in longitude/latitude
// - ortsteile-zwei-objekte.json: TopoJSON (.json) with two objects, the city outline first
// - haltestellen.topojson: TopoJSON with points only (broken: no areas)
// - ortsteile_25833.fgb: FlatGeobuf in EPSG:25833, the code in the header
// - ortsteile_ohne_crs.fgb: the same without a CRS in the header
// - ortsteile_25833_kaputt.fgb: the first one cut off in the middle of a feature
// - ortsteile_25832.parquet: GeoParquet in EPSG:25832 (PROJJSON id), zstd, an INT64 column
// - ortsteile_lonlat.geoparquet: GeoParquet without crs (OGC:CRS84), gzip
// - ortsteile_geometrietyp.parquet: Parquet's own GEOMETRY type instead of `geo` metadata (lon/lat)
// - ohne_geometrie.parquet: a Parquet table without geometry column or `geo` metadata
// Run: node scripts/fixtures-formats.mjs
import { mkdirSync, writeFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import proj4 from 'proj4';
import { topology } from 'topojson-server';
import { serialize } from 'flatgeobuf/lib/mjs/geojson.js';
import { parquetWriteBuffer } from 'hyparquet-writer';
// zstd compression for the fixture (hyparquet-writer only brings snappy); a dependency of flatgeobuf.
import { init as zstdInit, compress as zstdCompress } from '@bokuweb/zstd-wasm';
import { areas, x0, y0 } from './fixture-squares.mjs';

const dir = new URL('../tests/fixtures/formats/', import.meta.url);
mkdirSync(dir, { recursive: true });
const write = (name, bytes) => writeFileSync(new URL(name, dir), bytes);

// Outer rings counter-clockwise (RFC 7946), closed.
const ring = (a) => {
  const x = x0 + a.dx * 1000;
  const y = y0 + a.dy * 1000;
  return [[x, y], [x + 1000, y], [x + 1000, y + 1000], [x, y + 1000], [x, y]];
};
const props = (a) => ({ OT_NR: a.id, OT_NAME: a.name, EINW: a.einw, ALQ_ANT: a.ant });

// The same definitions as src/lib/io/import/crs/definitions.ts.
const UTM32 = '+proj=utm +zone=32 +ellps=GRS80 +towgs84=0,0,0,0,0,0,0 +units=m +no_defs';
const UTM33 = '+proj=utm +zone=33 +ellps=GRS80 +towgs84=0,0,0,0,0,0,0 +units=m +no_defs';
const WGS84 = '+proj=longlat +datum=WGS84 +no_defs';
const toLonLat = proj4(UTM33, WGS84);
const to32 = proj4(WGS84, UTM32);
const lonLatRing = (a) => ring(a).map((p) => toLonLat.forward(p));
const utm32Ring = (a) => lonLatRing(a).map((p) => to32.forward(p));

const featureCollection = (rings, withProps = true) => ({
  type: 'FeatureCollection',
  features: areas.map((a) => ({
    type: 'Feature',
    properties: withProps ? props(a) : {},
    geometry: { type: 'Polygon', coordinates: [rings(a)] },
  })),
});

// --- TopoJSON ---------------------------------------------------------------
const lonLat = featureCollection(lonLatRing);
// quantization 1e6 over a few hundredths of a degree: steps of about 3e-8°
write('ortsteile.topojson', JSON.stringify(topology({ ortsteile: lonLat }, 1e6)));
const outline = {
  type: 'Feature',
  properties: { NAME: 'Leipzig-Süd' },
  geometry: { type: 'Polygon', coordinates: [[[x0, y0], [x0 + 2000, y0], [x0 + 2000, y0 + 2000], [x0, y0 + 2000], [x0, y0]].map((p) => toLonLat.forward(p))] },
};
write('ortsteile-zwei-objekte.json', JSON.stringify(topology({ stadtgrenze: outline, ortsteile: lonLat }, 1e6)));
const stops = {
  type: 'FeatureCollection',
  features: areas.map((a) => ({
    type: 'Feature',
    properties: { NAME: `Haltestelle ${a.name}` },
    geometry: { type: 'Point', coordinates: toLonLat.forward([x0 + a.dx * 1000 + 500, y0 + a.dy * 1000 + 500]) },
  })),
};
write('haltestellen.topojson', JSON.stringify(topology({ haltestellen: stops })));

// --- FlatGeobuf -------------------------------------------------------------
// flatgeobuf's serializer writes the CRS as a bare code (organisation null, which means EPSG).
const fgb = serialize(featureCollection(ring), 25833);
write('ortsteile_25833.fgb', fgb);
write('ortsteile_ohne_crs.fgb', serialize(featureCollection(ring)));
write('ortsteile_25833_kaputt.fgb', fgb.subarray(0, Math.floor(fgb.length * 0.7)));

// --- GeoParquet -------------------------------------------------------------
/** ISO WKB, little-endian, of a Polygon. */
function wkbPolygon(rings) {
  const size = 9 + rings.reduce((s, r) => s + 4 + r.length * 16, 0);
  const b = Buffer.alloc(size);
  b.writeUInt8(1, 0);
  b.writeUInt32LE(3, 1);
  b.writeUInt32LE(rings.length, 5);
  let o = 9;
  for (const r of rings) {
    b.writeUInt32LE(r.length, o);
    o += 4;
    for (const [x, y] of r) {
      b.writeDoubleLE(x, o);
      b.writeDoubleLE(y, o + 8);
      o += 16;
    }
  }
  return new Uint8Array(b);
}

function bbox(rings) {
  const pts = areas.flatMap(rings);
  const xs = pts.map((p) => p[0]);
  const ys = pts.map((p) => p[1]);
  return [Math.min(...xs), Math.min(...ys), Math.max(...xs), Math.max(...ys)];
}

function geoParquet(rings, crs, codec, compressors) {
  const column = { encoding: 'WKB', geometry_types: ['Polygon'], bbox: bbox(rings) };
  if (crs !== undefined) column.crs = crs;
  const geo = { version: '1.1.0', primary_column: 'geometry', columns: { geometry: column } };
  return new Uint8Array(
    parquetWriteBuffer({
      columnData: [
        { name: 'OT_NR', data: areas.map((a) => a.id), type: 'STRING' },
        { name: 'OT_NAME', data: areas.map((a) => a.name), type: 'STRING' },
        // INT64: read back as BigInt, which the reader turns into numbers
        { name: 'EINW', data: areas.map((a) => BigInt(a.einw)), type: 'INT64' },
        { name: 'ALQ_ANT', data: areas.map((a) => a.ant), type: 'DOUBLE' },
        // beyond Number.MAX_SAFE_INTEGER: must come out as a string
        { name: 'GLOBAL_ID', data: areas.map((a) => 2n ** 60n + BigInt(a.id)), type: 'INT64' },
        { name: 'geometry', data: areas.map((a) => wkbPolygon([rings(a)])), type: 'BYTE_ARRAY' },
      ],
      codec,
      compressors,
      kvMetadata: [{ key: 'geo', value: JSON.stringify(geo) }],
    }),
  );
}

// A minimal PROJJSON (what matters for the import is the id).
const projjson25832 = {
  $schema: 'https://proj.org/schemas/v0.7/projjson.schema.json',
  type: 'ProjectedCRS',
  name: 'ETRS89 / UTM zone 32N',
  id: { authority: 'EPSG', code: 25832 },
};
await zstdInit();
write('ortsteile_25832.parquet', geoParquet(utm32Ring, projjson25832, 'ZSTD', { ZSTD: (input) => zstdCompress(input, 3) }));
write('ortsteile_lonlat.geoparquet', geoParquet(lonLatRing, undefined, 'GZIP', { GZIP: (input) => new Uint8Array(gzipSync(input)) }));
// Parquet's own GEOMETRY logical type (no `geo` metadata, no crs: OGC:CRS84), WKB by hyparquet-writer
write(
  'ortsteile_geometrietyp.parquet',
  new Uint8Array(
    parquetWriteBuffer({
      columnData: [
        { name: 'OT_NR', data: areas.map((a) => a.id), type: 'STRING' },
        { name: 'OT_NAME', data: areas.map((a) => a.name), type: 'STRING' },
        { name: 'EINW', data: areas.map((a) => a.einw), type: 'INT32' },
        { name: 'ALQ_ANT', data: areas.map((a) => a.ant), type: 'DOUBLE' },
        { name: 'geom', data: areas.map((a) => ({ type: 'Polygon', coordinates: [lonLatRing(a)] })), type: 'GEOMETRY' },
      ],
    }),
  ),
);
write(
  'ohne_geometrie.parquet',
  new Uint8Array(
    parquetWriteBuffer({
      columnData: [
        { name: 'OT_NR', data: areas.map((a) => a.id), type: 'STRING' },
        { name: 'EINW', data: areas.map((a) => a.einw), type: 'INT32' },
      ],
    }),
  ),
);
console.log('wrote', new URL(dir).pathname);
