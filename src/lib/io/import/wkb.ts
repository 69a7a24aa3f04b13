// Geometry blobs of a GeoPackage: the GeoPackage binary header ("GP", version,
// flags, srs_id, envelope) followed by Well-Known Binary. Standard (OGC 2D),
// ISO (Z/M/ZM as 1001–3007) and extended WKB (EWKB: Z, M and SRID flags in
// the high bits) are read; Z and M are dropped. Every count is checked against
// the bytes that are left before anything is allocated, so a damaged blob
// cannot ask for billions of coordinates.
import type { Geometry, Position } from 'geojson';

/** Thrown for a blob that cannot be read; the reader adds layer and feature. */
export class WkbError extends Error {}

/** Geometry collections nested deeper than this are refused (no file needs it; recursion would). */
const MAX_DEPTH = 32;

const TYPES = ['Point', 'LineString', 'Polygon', 'MultiPoint', 'MultiLineString', 'MultiPolygon', 'GeometryCollection'] as const;

class Reader {
  private readonly view: DataView;
  at: number;
  constructor(
    private readonly bytes: Uint8Array,
    at: number,
  ) {
    this.view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    this.at = at;
  }
  left(): number {
    return this.bytes.length - this.at;
  }
  need(n: number, what: string): void {
    if (n > this.left()) throw new WkbError(`the geometry is truncated (${what} needs ${n.toLocaleString('en')} bytes, ${this.left().toLocaleString('en')} left)`);
  }
  byte(): number {
    this.need(1, 'a byte-order mark');
    return this.bytes[this.at++]!;
  }
  uint32(le: boolean): number {
    this.need(4, 'a number');
    const v = this.view.getUint32(this.at, le);
    this.at += 4;
    return v;
  }
  float64(le: boolean): number {
    const v = this.view.getFloat64(this.at, le);
    this.at += 8;
    return v;
  }
}

/** A geometry, or null for an empty one (WKB writes an empty point as NaN coordinates). */
function readGeometry(r: Reader, depth: number, expected?: number): Geometry | null {
  if (depth > MAX_DEPTH) throw new WkbError(`geometry collections are nested more than ${MAX_DEPTH} levels deep`);
  const order = r.byte();
  if (order !== 0 && order !== 1) throw new WkbError(`invalid WKB byte order ${order} (expected 0 or 1)`);
  const le = order === 1;
  const code = r.uint32(le);
  // EWKB: flags in the high bits; ISO: thousands
  let hasZ = (code & 0x80000000) !== 0;
  let hasM = (code & 0x40000000) !== 0;
  if (code & 0x20000000) r.uint32(le); // EWKB SRID, the header's srs_id counts
  const iso = code & 0x0fffffff;
  const base = iso % 1000;
  const dims = Math.floor(iso / 1000);
  if (dims > 3 || base < 1 || base > TYPES.length) throw new WkbError(`unknown WKB geometry type ${code}`);
  if (dims === 1 || dims === 3) hasZ = true;
  if (dims === 2 || dims === 3) hasM = true;
  if (expected !== undefined && base !== expected) throw new WkbError(`a ${TYPES[expected - 1]} holds a ${TYPES[base - 1]}`);
  const size = 8 * (2 + Number(hasZ) + Number(hasM));
  const position = (): Position => {
    r.need(size, 'a position');
    const x = r.float64(le);
    const y = r.float64(le);
    r.at += size - 16;
    return [x, y];
  };
  const count = (each: number, what: string): number => {
    const n = r.uint32(le);
    r.need(n * each, `${n.toLocaleString('en')} ${what}`);
    return n;
  };
  const positions = (): Position[] => {
    const n = count(size, 'positions');
    const out = new Array<Position>(n);
    for (let i = 0; i < n; i++) out[i] = position();
    return out;
  };
  // every ring needs its count (4 bytes); every part at least its header (5 bytes)
  const rings = (): Position[][] => {
    const n = count(4, 'rings');
    const out: Position[][] = [];
    for (let i = 0; i < n; i++) out.push(positions());
    return out;
  };
  const parts = <T>(type: number): T[] => {
    const n = count(5, 'parts');
    const out: T[] = [];
    for (let i = 0; i < n; i++) {
      const g = readGeometry(r, depth + 1, type);
      if (g) out.push((g as unknown as { coordinates: T }).coordinates);
    }
    return out;
  };
  switch (TYPES[base - 1]!) {
    case 'Point': {
      const p = position();
      return Number.isNaN(p[0]) && Number.isNaN(p[1]) ? null : { type: 'Point', coordinates: p };
    }
    case 'LineString': {
      const c = positions();
      return c.length === 0 ? null : { type: 'LineString', coordinates: c };
    }
    case 'Polygon': {
      const c = rings();
      return c.length === 0 ? null : { type: 'Polygon', coordinates: c };
    }
    case 'MultiPoint': {
      const c = parts<Position>(1);
      return c.length === 0 ? null : { type: 'MultiPoint', coordinates: c };
    }
    case 'MultiLineString': {
      const c = parts<Position[]>(2);
      return c.length === 0 ? null : { type: 'MultiLineString', coordinates: c };
    }
    case 'MultiPolygon': {
      const c = parts<Position[][]>(3);
      return c.length === 0 ? null : { type: 'MultiPolygon', coordinates: c };
    }
    case 'GeometryCollection': {
      const n = count(5, 'parts');
      const geometries: Geometry[] = [];
      for (let i = 0; i < n; i++) {
        const g = readGeometry(r, depth + 1);
        if (g) geometries.push(g);
      }
      return geometries.length === 0 ? null : { type: 'GeometryCollection', geometries };
    }
  }
}

/** Reads one WKB geometry from `bytes` at `offset`; null when it is empty. Trailing bytes are ignored. */
export function readWkb(bytes: Uint8Array, offset = 0): Geometry | null {
  return readGeometry(new Reader(bytes, offset), 0);
}

/** Envelope sizes by the header's envelope indicator (0 none, 1 xy, 2 xyz, 3 xym, 4 xyzm). */
const ENVELOPE_BYTES = [0, 32, 48, 48, 64];

/**
 * A GeoPackage geometry blob (GeoPackage 1.x, "Binary Format"): its srs_id and geometry,
 * null when the blob says it is empty or the WKB is empty.
 */
export function readGpkgGeometry(blob: Uint8Array): { srsId: number; geometry: Geometry | null } {
  if (blob.length < 8 || blob[0] !== 0x47 || blob[1] !== 0x50) throw new WkbError('not a GeoPackage geometry (its header does not start with "GP")');
  if (blob[2] !== 0) throw new WkbError(`unsupported GeoPackage geometry version ${blob[2]}`);
  const flags = blob[3]!;
  if (flags & 0x20) throw new WkbError('an extended GeoPackage geometry type, which is not supported');
  const envelope = (flags >> 1) & 0x07;
  const envelopeBytes = ENVELOPE_BYTES[envelope];
  if (envelopeBytes === undefined) throw new WkbError(`invalid envelope indicator ${envelope} in the geometry header`);
  const srsId = new DataView(blob.buffer, blob.byteOffset, blob.byteLength).getInt32(4, (flags & 0x01) === 1);
  const start = 8 + envelopeBytes;
  if (flags & 0x10) return { srsId, geometry: null }; // empty
  if (start >= blob.length) throw new WkbError('the geometry is truncated (no WKB after the header)');
  return { srsId, geometry: readWkb(blob, start) };
}
