// The first paint of a tiled level (pre-built vector tiles, scripts/tiles/): where the features of one
// MVT tile lie on the screen under the first camera (first-paint-camera.ts), by MapLibre's rule (tile
// origin + coordinate / extent × the tile's size on screen). Pure (no DOM); loaded only for tiled levels.
import { PbfReader } from 'pbf';
import { tileBox, type Camera, type TileId } from './first-paint-camera';

/** Where a feature's rings go: a Path2D on the page, a recorder in tests. */
export interface PathSink {
  moveTo(x: number, y: number): void;
  lineTo(x: number, y: number): void;
  closePath(): void;
}

/** Where a feature's rings go in tile units (0…extent): absolute moves, lines by their difference. */
export interface TileSink {
  moveTo(x: number, y: number): void;
  lineBy(dx: number, dy: number): void;
  closePath(): void;
}

/**
 * Decodes the polygons of `layer` in one MVT tile and hands each feature's rings, in the tile's own units,
 * to the sink `open(id)` returns for it (the feature's `id` property; features without one or without
 * polygons are skipped, `open` returning null skips one too). Returns the layer's extent and how many were
 * drawn (`onExtent` is told the extent before the first feature). Reads the protocol buffer itself (pbf's reader): no objects per vertex or per property, which at
 * 100,000 areas in view would be most of the first paint's time.
 */
export function decodeTileFeatures(
  bytes: Uint8Array,
  layer: string,
  open: (id: string) => TileSink | null,
  onExtent?: (extent: number) => void,
): { extent: number; drawn: number } {
  const pbf = new PbfReader(bytes);
  for (let field = pbf.nextField(); field; field = pbf.nextField()) {
    if (field !== 3) continue; // Tile.layers
    const end = pbf.readVarint() + pbf.pos;
    const found = decodeLayer(pbf, end, layer, open, onExtent);
    if (found) return found;
    pbf.pos = end;
  }
  return { extent: 4096, drawn: 0 };
}

/** `decodeTileFeatures` with each feature's rings in screen coordinates (CSS px) under `camera`. */
export function drawTileFeatures(bytes: Uint8Array, layer: string, camera: Camera, tile: TileId, open: (id: string) => PathSink | null): number {
  const [left, top, size] = tileBox(camera, tile);
  let k = size / 4096;
  let x = 0;
  let y = 0;
  const { drawn } = decodeTileFeatures(bytes, layer, (id) => {
    const sink = open(id);
    if (!sink) return null;
    return {
      moveTo(tx, ty) {
        x = tx;
        y = ty;
        sink.moveTo(left + x * k, top + y * k);
      },
      lineBy(dx, dy) {
        x += dx;
        y += dy;
        sink.lineTo(left + x * k, top + y * k);
      },
      closePath: () => sink.closePath(),
    };
  }, (extent) => (k = size / extent));
  return drawn;
}

/** One layer (up to `end`), when it is `name`: its keys, values and extent first (they may follow the features), then its features. */
function decodeLayer(
  pbf: PbfReader,
  end: number,
  name: string,
  open: (id: string) => TileSink | null,
  onExtent?: (extent: number) => void,
): { extent: number; drawn: number } | null {
  let layerName = '';
  let extent = 4096;
  const keys: string[] = [];
  const values: (string | number | boolean | null)[] = [];
  const features: number[] = [];
  for (let field = pbf.nextField(end); field; field = pbf.nextField(end)) {
    if (field === 1) layerName = pbf.readString();
    else if (field === 2) features.push(pbf.pos);
    else if (field === 3) keys.push(pbf.readString());
    else if (field === 4) values.push(readValue(pbf));
    else if (field === 5) extent = pbf.readVarint();
  }
  if (layerName !== name) return null;
  onExtent?.(extent);
  const idKey = keys.indexOf('id');
  let drawn = 0;
  if (idKey < 0) return { extent, drawn };
  for (const at of features) {
    pbf.pos = at;
    const featureEnd = pbf.readVarint() + pbf.pos;
    let id: string | null = null;
    let type = 0;
    let geometry = -1;
    for (let field = pbf.nextField(featureEnd); field; field = pbf.nextField(featureEnd)) {
      if (field === 2) {
        const tagsEnd = pbf.readVarint() + pbf.pos;
        while (pbf.pos < tagsEnd) {
          const key = pbf.readVarint();
          const value = values[pbf.readVarint()];
          if (key === idKey && value !== undefined && value !== null) id = String(value);
        }
      } else if (field === 3) type = pbf.readVarint();
      else if (field === 4) geometry = pbf.pos;
    }
    if (type !== 3 || id === null || geometry < 0) continue;
    const sink = open(id);
    if (!sink) continue;
    pbf.pos = geometry;
    decodeGeometry(pbf, sink);
    drawn++;
  }
  return { extent, drawn };
}

/** An MVT geometry (packed commands: moveTo, lineTo, closePath with zig-zag deltas) into a sink. */
function decodeGeometry(pbf: PbfReader, sink: TileSink): void {
  const end = pbf.readVarint() + pbf.pos;
  let cmd = 1;
  let length = 0;
  let x = 0;
  let y = 0;
  while (pbf.pos < end) {
    if (length <= 0) {
      const cmdLen = pbf.readVarint();
      cmd = cmdLen & 0x7;
      length = cmdLen >> 3;
      if (cmd === 7) {
        sink.closePath();
        length = 0;
        continue;
      }
      if (length === 0) continue;
    }
    length--;
    const dx = pbf.readSVarint();
    const dy = pbf.readSVarint();
    x += dx;
    y += dy;
    if (cmd === 1) sink.moveTo(x, y);
    else sink.lineBy(dx, dy);
  }
}

/** A layer's value (Value message): string, float, double, int, uint, sint or bool. */
function readValue(pbf: PbfReader): string | number | boolean | null {
  const end = pbf.readVarint() + pbf.pos;
  let value: string | number | boolean | null = null;
  for (let field = pbf.nextField(end); field; field = pbf.nextField(end)) {
    if (field === 1) value = pbf.readString();
    else if (field === 2) value = pbf.readFloat();
    else if (field === 3) value = pbf.readDouble();
    else if (field === 4 || field === 5) value = pbf.readVarint(true);
    else if (field === 6) value = pbf.readSVarint();
    else if (field === 7) value = pbf.readBoolean();
  }
  return value;
}
