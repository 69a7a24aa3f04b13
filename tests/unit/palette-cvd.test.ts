import { describe, expect, it } from 'vitest';
import { divergingColors, MISSING_COLOR, paletteColors } from '../../src/lib/map/palette';
import { BIVARIATE_COLORS } from '../../src/lib/analysis/bivariate';
import { INDEX_COLORS, LISA_COLORS } from '../../src/lib/state/analysis.svelte';
import { SECRET_COLOR } from '../../src/lib/analysis/class-colors';

// Colour-vision deficiency: every palette the map uses is simulated for protanopia,
// deuteranopia and tritanopia (Machado, Oliveira & Fernandes 2009, severity 1.0, applied
// to linear RGB) and the colour difference of classes that must be told apart is measured
// as CIEDE2000 in CIELAB (D65). The just-noticeable difference is ΔE00 ≈ 2.3.
//
// Thresholds:
// - ordered classes (sequential, diverging): neighbours ΔE00 ≥ 4, and the lightness order
//   (which carries the reading "more / less") survives every simulation;
// - classes told apart by colour alone (bivariate, social index, LISA clusters, secret grey):
//   ΔE00 ≥ 5 (bivariate and LISA: every pair; index: neighbours in its legend grid).

type Vision = 'normal' | 'protanopia' | 'deuteranopia' | 'tritanopia';
const VISIONS: Vision[] = ['normal', 'protanopia', 'deuteranopia', 'tritanopia'];

const MACHADO: Record<Exclude<Vision, 'normal'>, number[][]> = {
  protanopia: [
    [0.152286, 1.052583, -0.204868],
    [0.114503, 0.786281, 0.099216],
    [-0.003882, -0.048116, 1.051998],
  ],
  deuteranopia: [
    [0.367322, 0.860646, -0.227968],
    [0.280085, 0.672501, 0.047413],
    [-0.01182, 0.04294, 0.968881],
  ],
  tritanopia: [
    [1.255528, -0.076749, -0.178779],
    [-0.078411, 0.930809, 0.147602],
    [0.004733, 0.691367, 0.3039],
  ],
};

const toLinear = (c: number) => (c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4);

function linearRgb(hex: string): [number, number, number] {
  const [r = 0, g = 0, b = 0] = [1, 3, 5].map((i) => toLinear(parseInt(hex.slice(i, i + 2), 16) / 255));
  return [r, g, b];
}

/** The colour as seen with the given vision (linear RGB, clamped to the gamut). */
export function simulate(hex: string, vision: Vision): [number, number, number] {
  const rgb = linearRgb(hex);
  if (vision === 'normal') return rgb;
  const m = MACHADO[vision];
  const out = m.map((row) => Math.min(1, Math.max(0, row[0]! * rgb[0] + row[1]! * rgb[1] + row[2]! * rgb[2])));
  return [out[0]!, out[1]!, out[2]!];
}

/** CIELAB (D65) of a linear RGB colour. */
function lab([r, g, b]: [number, number, number]): [number, number, number] {
  const x = (0.4124564 * r + 0.3575761 * g + 0.1804375 * b) / 0.95047;
  const y = 0.2126729 * r + 0.7151522 * g + 0.072175 * b;
  const z = (0.0193339 * r + 0.119192 * g + 0.9503041 * b) / 1.08883;
  const f = (t: number) => (t > 216 / 24389 ? Math.cbrt(t) : ((24389 / 27) * t + 16) / 116);
  return [116 * f(y) - 16, 500 * (f(x) - f(y)), 200 * (f(y) - f(z))];
}

/** CIEDE2000 colour difference (Sharma, Wu & Dalal 2005). */
export function deltaE2000(l1: [number, number, number], l2: [number, number, number]): number {
  const [L1, a1, b1] = l1;
  const [L2, a2, b2] = l2;
  const rad = Math.PI / 180;
  const C1 = Math.hypot(a1, b1);
  const C2 = Math.hypot(a2, b2);
  const Cbar = (C1 + C2) / 2;
  const G = 0.5 * (1 - Math.sqrt(Cbar ** 7 / (Cbar ** 7 + 25 ** 7)));
  const a1p = (1 + G) * a1;
  const a2p = (1 + G) * a2;
  const C1p = Math.hypot(a1p, b1);
  const C2p = Math.hypot(a2p, b2);
  const hue = (b: number, a: number) => {
    if (a === 0 && b === 0) return 0;
    const h = Math.atan2(b, a) / rad;
    return h < 0 ? h + 360 : h;
  };
  const h1p = hue(b1, a1p);
  const h2p = hue(b2, a2p);
  const dL = L2 - L1;
  const dC = C2p - C1p;
  let dh = 0;
  if (C1p * C2p !== 0) {
    dh = h2p - h1p;
    if (dh > 180) dh -= 360;
    else if (dh < -180) dh += 360;
  }
  const dH = 2 * Math.sqrt(C1p * C2p) * Math.sin((dh * rad) / 2);
  const Lbar = (L1 + L2) / 2;
  const Cbarp = (C1p + C2p) / 2;
  let hbar = h1p + h2p;
  if (C1p * C2p !== 0) {
    if (Math.abs(h1p - h2p) > 180) hbar += h1p + h2p < 360 ? 360 : -360;
    hbar /= 2;
  }
  const T = 1 - 0.17 * Math.cos((hbar - 30) * rad) + 0.24 * Math.cos(2 * hbar * rad) + 0.32 * Math.cos((3 * hbar + 6) * rad) - 0.2 * Math.cos((4 * hbar - 63) * rad);
  const dTheta = 30 * Math.exp(-(((hbar - 275) / 25) ** 2));
  const Rc = 2 * Math.sqrt(Cbarp ** 7 / (Cbarp ** 7 + 25 ** 7));
  const Sl = 1 + (0.015 * (Lbar - 50) ** 2) / Math.sqrt(20 + (Lbar - 50) ** 2);
  const Sc = 1 + 0.045 * Cbarp;
  const Sh = 1 + 0.015 * Cbarp * T;
  const Rt = -Math.sin(2 * dTheta * rad) * Rc;
  return Math.sqrt((dL / Sl) ** 2 + (dC / Sc) ** 2 + (dH / Sh) ** 2 + Rt * (dC / Sc) * (dH / Sh));
}

const seen = (hex: string, vision: Vision) => lab(simulate(hex, vision));
const difference = (a: string, b: string, vision: Vision) => deltaE2000(seen(a, vision), seen(b, vision));

const ORDERED_MIN = 4;
const CATEGORICAL_MIN = 5;

/** Pairs closer than `min` for some vision, as readable text (empty = all fine). */
function tooClose(pairs: readonly [string, string][], min: number): string[] {
  const out: string[] = [];
  for (const vision of VISIONS) {
    for (const [a, b] of pairs) {
      const d = difference(a, b, vision);
      if (d < min) out.push(`${a} / ${b} with ${vision}: ΔE00 ${d.toFixed(1)}`);
    }
  }
  return out;
}

const neighbours = (colors: readonly string[]) => colors.slice(1).map((c, i): [string, string] => [colors[i]!, c]);
const allPairs = (colors: readonly string[]) => colors.flatMap((a, i) => colors.slice(i + 1).map((b): [string, string] => [a, b]));

describe('colour-vision simulation and ΔE (the tools)', () => {
  it('CIEDE2000 matches the published test data (Sharma et al. 2005)', () => {
    expect(deltaE2000([50, 2.6772, -79.7751], [50, 0, -82.7485])).toBeCloseTo(2.0425, 3);
    expect(deltaE2000([50, -1.3802, -84.2814], [50, 0, -82.7485])).toBeCloseTo(1.0, 3);
    expect(deltaE2000([50, 2.5, 0], [73, 25, -18])).toBeCloseTo(27.1492, 3);
    expect(deltaE2000([2.0776, 0.0795, -1.135], [0.9033, -0.0636, -0.5514])).toBeCloseTo(0.9082, 3);
  });

  it('keeps greys grey and makes red and green alike for dichromats', () => {
    for (const vision of VISIONS) expect(difference('#808080', '#808080', vision)).toBe(0);
    for (const v of ['protanopia', 'deuteranopia'] as const) {
      expect(difference('#d62728', '#2ca02c', v)).toBeLessThan(difference('#d62728', '#2ca02c', 'normal') / 2);
    }
  });
});

describe('palettes stay distinguishable with colour-vision deficiency', () => {
  // The map's sequential classes: YlOrRd (a good/bad direction) and Blues (neutral), 3–9 classes.
  for (const direction of ['higher-worse', 'neutral'] as const) {
    it(`sequential (${direction === 'neutral' ? 'Blues' : 'YlOrRd'}): neighbouring classes ΔE00 ≥ ${ORDERED_MIN}, lightness order kept`, () => {
      for (let k = 3; k <= 9; k++) {
        const colors = paletteColors(k, direction);
        expect(tooClose(neighbours(colors), ORDERED_MIN), `k = ${k}`).toEqual([]);
        for (const vision of VISIONS) {
          const lightness = colors.map((c) => seen(c, vision)[0]);
          for (let i = 1; i < k; i++) expect(lightness[i]!, `k = ${k}, ${vision}`).toBeLessThan(lightness[i - 1]!);
        }
      }
    });
  }

  // Change maps: RdBu (good/bad), PuOr (neutral); up to 9 classes.
  for (const scheme of ['RdBu', 'PuOr'] as const) {
    it(`diverging ${scheme}: neighbouring classes ΔE00 ≥ ${ORDERED_MIN}, the two arms apart, lightness towards the middle kept`, () => {
      for (let k = 3; k <= 9; k++) {
        const colors = divergingColors(k, scheme);
        expect(tooClose(neighbours(colors), ORDERED_MIN), `k = ${k}`).toEqual([]);
        // Rise and fall of the same size must not look alike.
        const arms = colors.slice(0, Math.floor(k / 2)).map((c, i): [string, string] => [c, colors[k - 1 - i]!]);
        expect(tooClose(arms, 10), `k = ${k}`).toEqual([]);
        for (const vision of VISIONS) {
          const lightness = colors.map((c) => seen(c, vision)[0]);
          const mid = (k - 1) / 2;
          for (let i = 1; i < k; i++) {
            // Lighter towards the middle on both sides (with even k the two middle classes are not ordered).
            if (i <= mid) expect(lightness[i]!, `k = ${k}, ${vision}`).toBeGreaterThan(lightness[i - 1]!);
            else if (i - 1 >= mid) expect(lightness[i]!, `k = ${k}, ${vision}`).toBeLessThan(lightness[i - 1]!);
          }
        }
      }
    });
  }

  it(`bivariate (3 × 3): every two classes ΔE00 ≥ ${CATEGORICAL_MIN}`, () => {
    expect(tooClose(allPairs(BIVARIATE_COLORS), CATEGORICAL_MIN)).toEqual([]);
  });

  it(`social index (status × dynamics): neighbours in the legend grid ΔE00 ≥ ${CATEGORICAL_MIN}`, () => {
    const pairs: [string, string][] = [];
    INDEX_COLORS.forEach((row, r) =>
      row.forEach((c, d) => {
        if (row[d + 1]) pairs.push([c, row[d + 1]!]);
        const below = INDEX_COLORS[r + 1]?.[d];
        if (below) pairs.push([c, below]);
      }),
    );
    expect(pairs).toHaveLength(17);
    expect(tooClose(pairs, CATEGORICAL_MIN)).toEqual([]);
  });

  it(`LISA clusters: every two ΔE00 ≥ ${CATEGORICAL_MIN}`, () => {
    expect(tooClose(allPairs(Object.values(LISA_COLORS)), CATEGORICAL_MIN)).toEqual([]);
  });

  it(`secret areas (plain grey) stand apart from every class of the map (ΔE00 ≥ ${CATEGORICAL_MIN})`, () => {
    const classes = [...paletteColors(9, 'higher-worse'), ...paletteColors(9, 'neutral'), ...divergingColors(9, 'RdBu'), ...divergingColors(9, 'PuOr')];
    expect(tooClose(classes.map((c): [string, string] => [c, SECRET_COLOR]), CATEGORICAL_MIN)).toEqual([]);
  });

  it(`missing values where they are a plain fill (small multiples: sequential classes) stand apart (ΔE00 ≥ ${CATEGORICAL_MIN})`, () => {
    // On the main map missing areas are hatched; the small multiples fill them with MISSING_COLOR.
    const classes = [...paletteColors(9, 'higher-worse'), ...paletteColors(9, 'neutral')];
    expect(tooClose(classes.map((c): [string, string] => [c, MISSING_COLOR]), CATEGORICAL_MIN)).toEqual([]);
  });
});
