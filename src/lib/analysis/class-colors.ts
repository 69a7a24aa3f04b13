import type { Classification } from './classify';

/**
 * Areas whose value is hidden for statistical secrecy: a plain grey, unlike the hatching of missing values.
 * #c0c0c0 (was #b8b8b8, which with tritanopia came within ΔE00 4.4 of PuOr's light purple): see tests/unit/palette-cvd.test.ts.
 */
export const SECRET_COLOR = '#c0c0c0';

/** The colour of a value: its class's colour in the palette (hex strings, or RGB triples for the grid), or null (missing, no classes). */
export function classColor<C>(value: number | null, classification: Classification | null, palette: readonly C[]): C | null {
  const cls = classification?.classOf(value) ?? -1;
  return cls >= 0 ? (palette[cls] ?? null) : null;
}

/** The map colour of an area's value: secret values grey, otherwise the class colour. */
export function areaColor(
  v: { value: number | null; secret?: unknown },
  classification: Classification | null,
  palette: readonly string[],
): string | null {
  return v.secret ? SECRET_COLOR : classColor(v.value, classification, palette);
}
