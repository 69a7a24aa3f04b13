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

/**
 * Decodes the polygons of `layer` in one MVT tile and hands each feature's rings, in screen coordinates
 * under `camera`, to the sink `open(id)` returns for it (the feature's `id` property; features without one
 * or without polygons are skipped, `open` returning null skips one too). Returns how many were drawn.
 * Reads the protocol buffer itself (pbf's reader): no objects per vertex or per property, which at
 * 100,000 areas in view is most of the first paint's time.
 */
export function drawTileFeatures(bytes: Uint8Array, layer: string, camera: Camera, tile: TileId, open: (id: string) => PathSink | null): number {
  const pbf = new PbfReader(bytes);
  let drawn = 0;
  for (let field = pbf.nextField(); field; field = pbf.nextField()) {
    if (field !== 3) continue; // Tile.layers
    const end = pbf.readVarint() + pbf.pos;
    drawn += drawLayer(pbf, end, layer, camera, tile, open);
    pbf.pos = end;
  }
  return drawn;
}

/** One layer (up to `end`): its name, keys, values and extent first (they may follow the features), then its features. */
function drawLayer(pbf: PbfReader, end: number, name: string, camera: Camera, tile: TileId, open: (id: string) => PathSink | null): number {
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
  if (layerName !== name) return 0;
  const idKey = keys.indexOf('id');
  if (idKey < 0) return 0;
  const [left, top, size] = tileBox(camera, tile);
  const k = size / extent;
  let drawn = 0;
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
    drawGeometry(pbf, left, top, k, sink);
    drawn++;
  }
  return drawn;
}

/** An MVT geometry (packed commands: moveTo, lineTo, closePath with zig-zag deltas) into a sink. */
function drawGeometry(pbf: PbfReader, left: number, top: number, k: number, sink: PathSink): void {
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
    x += pbf.readSVarint();
    y += pbf.readSVarint();
    if (cmd === 1) sink.moveTo(left + x * k, top + y * k);
    else sink.lineTo(left + x * k, top + y * k);
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
