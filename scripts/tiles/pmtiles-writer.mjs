// A small writer of PMTiles v3 archives (https://github.com/protomaps/PMTiles/blob/main/spec/v3/spec.md):
// one file holding a 127-byte header, a root directory, JSON metadata, leaf directories and the tile data.
// Tiles are addressed by their Hilbert tile id; identical tile contents are stored once, runs of
// consecutive ids with one content become one directory entry, directories and metadata are gzipped.
// Deterministic: the same tiles and metadata give the same bytes (no timestamps; gzip with a fixed level).
import crypto from 'node:crypto';
import zlib from 'node:zlib';

export const HEADER_BYTES = 127;
/** The header and the root directory must fit into the first 16 KiB (one range request of a reader). */
const ROOT_LIMIT = 16_384;
const COMPRESSION_GZIP = 2;
export const TILE_TYPE_MVT = 1;

/** gzip without a timestamp (Node writes mtime 0) at a fixed level: same input, same bytes. */
export function gzip(bytes) {
  return zlib.gzipSync(bytes, { level: 9 });
}

/** The tile id of z/x/y: the tiles of lower zooms first, then the Hilbert curve index within the zoom. */
export function zxyToTileId(z, x, y) {
  if (z > 26) throw new Error(`zoom ${z} above 26`);
  const n = 2 ** z;
  if (x < 0 || y < 0 || x >= n || y >= n) throw new Error(`tile ${z}/${x}/${y} outside its zoom`);
  let acc = (4 ** z - 1) / 3;
  let tx = x;
  let ty = y;
  let d = 0;
  for (let s = n / 2; s >= 1; s /= 2) {
    const rx = (tx & s) > 0 ? 1 : 0;
    const ry = (ty & s) > 0 ? 1 : 0;
    d += s * s * ((3 * rx) ^ ry);
    // Rotate the quadrant (Hilbert curve).
    if (ry === 0) {
      if (rx === 1) {
        tx = n - 1 - tx;
        ty = n - 1 - ty;
      }
      [tx, ty] = [ty, tx];
    }
  }
  acc += d;
  return acc;
}

/** Unsigned LEB128 varint of a safe integer (ids and offsets can exceed 32 bits). */
function pushVarint(out, value) {
  let v = value;
  while (v >= 0x80) {
    out.push((v % 0x80) | 0x80);
    v = Math.floor(v / 0x80);
  }
  out.push(v);
}

/** A directory: count, tile id deltas, run lengths, lengths, offsets (0 = right after the previous entry). */
export function serializeDirectory(entries) {
  const out = [];
  pushVarint(out, entries.length);
  let last = 0;
  for (const e of entries) {
    pushVarint(out, e.tileId - last);
    last = e.tileId;
  }
  for (const e of entries) pushVarint(out, e.runLength);
  for (const e of entries) pushVarint(out, e.length);
  entries.forEach((e, i) => {
    const prev = entries[i - 1];
    pushVarint(out, i > 0 && e.offset === prev.offset + prev.length ? 0 : e.offset + 1);
  });
  return Uint8Array.from(out);
}

/** Root and leaf directories: all entries in the root if it fits, else leaves of `leafSize` entries. */
function directories(entries) {
  const root = gzip(serializeDirectory(entries));
  if (HEADER_BYTES + root.length <= ROOT_LIMIT) return { root, leaves: new Uint8Array(0) };
  for (let leafSize = 4096; ; leafSize *= 2) {
    const rootEntries = [];
    const leafParts = [];
    let offset = 0;
    for (let i = 0; i < entries.length; i += leafSize) {
      const leaf = gzip(serializeDirectory(entries.slice(i, i + leafSize)));
      rootEntries.push({ tileId: entries[i].tileId, offset, length: leaf.length, runLength: 0 });
      leafParts.push(leaf);
      offset += leaf.length;
    }
    const rootBytes = gzip(serializeDirectory(rootEntries));
    if (HEADER_BYTES + rootBytes.length <= ROOT_LIMIT) return { root: rootBytes, leaves: Buffer.concat(leafParts) };
  }
}

function header(fields) {
  const b = Buffer.alloc(HEADER_BYTES);
  b.write('PMTiles', 0, 'ascii');
  b.writeUInt8(3, 7);
  const u64 = [
    fields.rootOffset,
    fields.rootLength,
    fields.metadataOffset,
    fields.metadataLength,
    fields.leavesOffset,
    fields.leavesLength,
    fields.dataOffset,
    fields.dataLength,
    fields.addressedTiles,
    fields.tileEntries,
    fields.tileContents,
  ];
  u64.forEach((v, i) => b.writeBigUInt64LE(BigInt(v), 8 + i * 8));
  b.writeUInt8(1, 96); // clustered: tile data in tile id order
  b.writeUInt8(COMPRESSION_GZIP, 97); // internal compression (directories, metadata)
  b.writeUInt8(COMPRESSION_GZIP, 98); // tile compression
  b.writeUInt8(fields.tileType, 99);
  b.writeUInt8(fields.minzoom, 100);
  b.writeUInt8(fields.maxzoom, 101);
  const e7 = (deg) => Math.round(deg * 1e7);
  const [w, s, e, n] = fields.bounds;
  b.writeInt32LE(e7(w), 102);
  b.writeInt32LE(e7(s), 106);
  b.writeInt32LE(e7(e), 110);
  b.writeInt32LE(e7(n), 114);
  b.writeUInt8(fields.center[2], 118);
  b.writeInt32LE(e7(fields.center[0]), 119);
  b.writeInt32LE(e7(fields.center[1]), 123);
  return b;
}

/**
 * The archive of `tiles` ({ z, x, y, data }: data uncompressed, gzipped here); empty tiles are left out by
 * the caller. `metadata` is any JSON object (written with the key order given). Returns the file's bytes.
 */
export function writePmtiles({ tiles, metadata, tileType = TILE_TYPE_MVT, minzoom, maxzoom, bounds, center }) {
  const sorted = tiles.map((t) => ({ ...t, tileId: zxyToTileId(t.z, t.x, t.y) })).sort((a, b) => a.tileId - b.tileId);
  const entries = [];
  const parts = [];
  const byHash = new Map();
  let dataLength = 0;
  for (const t of sorted) {
    if (entries.length && entries.at(-1).tileId === t.tileId) throw new Error(`tile ${t.z}/${t.x}/${t.y} given twice`);
    const packed = gzip(t.data);
    const hash = crypto.createHash('sha256').update(packed).digest('hex');
    let place = byHash.get(hash);
    if (!place) {
      place = { offset: dataLength, length: packed.length };
      byHash.set(hash, place);
      parts.push(packed);
      dataLength += packed.length;
    }
    const prev = entries.at(-1);
    if (prev && prev.offset === place.offset && prev.tileId + prev.runLength === t.tileId) prev.runLength += 1;
    else entries.push({ tileId: t.tileId, offset: place.offset, length: place.length, runLength: 1 });
  }
  const { root, leaves } = directories(entries);
  const meta = gzip(Buffer.from(JSON.stringify(metadata), 'utf8'));
  const rootOffset = HEADER_BYTES;
  const metadataOffset = rootOffset + root.length;
  const leavesOffset = metadataOffset + meta.length;
  const dataOffset = leavesOffset + leaves.length;
  const head = header({
    rootOffset,
    rootLength: root.length,
    metadataOffset,
    metadataLength: meta.length,
    leavesOffset,
    leavesLength: leaves.length,
    dataOffset,
    dataLength,
    addressedTiles: sorted.length,
    tileEntries: entries.length,
    tileContents: byHash.size,
    tileType,
    minzoom,
    maxzoom,
    bounds,
    center,
  });
  return Buffer.concat([head, root, meta, leaves, ...parts]);
}
