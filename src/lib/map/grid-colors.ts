import type { Classification } from '../analysis/classify';
import { classColor } from '../analysis/class-colors';

const MISSING_RGBA = [217, 217, 217, 255]; // palette.ts MISSING_COLOR (#d9d9d9)

function rgb(hex: string): [number, number, number] {
  const n = parseInt(hex.slice(1), 16);
  return [(n >> 16) & 255, (n >> 8) & 255, n & 255];
}

/** RGBA bytes per cell for the grid layer: class colour, or the missing grey for NaN. */
export function cellColors(values: Float32Array, classification: Classification | null, palette: readonly string[]): Uint8Array {
  const out = new Uint8Array(values.length * 4);
  const colors = palette.map(rgb);
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    const c = classColor(Number.isNaN(v) ? null : v, classification, colors);
    if (c) out.set([c[0], c[1], c[2], 255], i * 4);
    else out.set(MISSING_RGBA, i * 4);
  }
  return out;
}
