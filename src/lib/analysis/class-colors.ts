import type { Classification } from './classify';
import { belowBound, belowClass } from './below';

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

/**
 * The map colour of an area's value: secret values grey, otherwise the class colour. A value known
 * only to lie below a bound ("< 1 %") takes the class that every value below the bound falls in —
 * the lowest class with the usual classes: a planner reads the map as "where is the rate low", and
 * the source says that this area is among the lowest; hatching it would say "unknown" instead.
 * When a class break lies below the bound the class is unknown, and the area is hatched.
 */
export function areaColor(
  v: { value: number | null; secret?: unknown; below?: number | null },
  classification: Classification | null,
  palette: readonly string[],
): string | null {
  if (v.secret) return SECRET_COLOR;
  const bound = belowBound(v);
  if (bound !== null) {
    const cls = belowClass(bound, classification);
    return cls >= 0 ? (palette[cls] ?? null) : null;
  }
  return classColor(v.value, classification, palette);
}
