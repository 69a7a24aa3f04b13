// A grid shown as context beneath programme areas (loaded with them): the cells in quintiles of a
// muted grey ramp (the areas' fill translucent over it: grid-context.ts). Nothing here is shared with the first
// map's chunk (the class colours of the cells' own level are map/grid-colors.ts).

/** Five muted steps from the map's background (#f3f1ec) towards a slate grey, low to high. */
export const MUTED_RAMP: readonly (readonly [number, number, number])[] = [
  [231, 228, 221],
  [214, 213, 209],
  [193, 195, 196],
  [168, 174, 180],
  [140, 150, 161],
];
/** Cells with a suppressed value. */
export const MUTED_MISSING: readonly [number, number, number] = [238, 236, 231];

/** The quintile breaks of the finite values (at most 4; fewer when values repeat). */
export function quintileBreaks(values: Float32Array): number[] {
  const finite = Float64Array.from(values.filter((v) => Number.isFinite(v))).sort();
  if (finite.length === 0) return [];
  const breaks = [1, 2, 3, 4].map((q) => finite[Math.min(finite.length - 1, Math.floor((q * finite.length) / 5))]!);
  return [...new Set(breaks)];
}

/** RGBA per cell (4 bytes each, in the order of the values): its quintile's muted grey, opaque. */
export function mutedCellColors(values: Float32Array): Uint8Array {
  const breaks = quintileBreaks(values);
  const out = new Uint8Array(values.length * 4);
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    let c = MUTED_MISSING;
    if (Number.isFinite(v)) {
      let k = 0;
      while (k < breaks.length && v >= breaks[k]!) k++;
      c = MUTED_RAMP[Math.round((k * (MUTED_RAMP.length - 1)) / Math.max(1, breaks.length))]!;
    }
    out[i * 4] = c[0];
    out[i * 4 + 1] = c[1];
    out[i * 4 + 2] = c[2];
    out[i * 4 + 3] = 255;
  }
  return out;
}

