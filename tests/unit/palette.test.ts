import { describe, expect, it } from 'vitest';
import { schemeBlues, schemeRdBu, schemeYlOrRd } from 'd3-scale-chromatic';
import {
  divergingColors,
  MISSING_COLOR,
  paletteColors,
  SCHEMES,
  type SequentialScheme,
} from '../../src/lib/map/palette';

/** WCAG relative luminance of a #rrggbb colour. */
function luminance(hex: string): number {
  const [r = 0, g = 0, b = 0] = [1, 3, 5].map((i) => {
    const c = parseInt(hex.slice(i, i + 2), 16) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

describe('paletteColors', () => {
  it('returns k hex colours for every scheme and k = 3..9', () => {
    for (const scheme of SCHEMES) {
      for (let k = 3; k <= 9; k++) {
        const colors = paletteColors(k, 'higher-worse', scheme);
        expect(colors).toHaveLength(k);
        for (const c of colors) expect(c).toMatch(/^#[0-9a-f]{6}$/);
      }
    }
  });

  it('higher-worse: natural order, the first colour is the lightest', () => {
    for (const scheme of SCHEMES) {
      const colors = paletteColors(7, 'higher-worse', scheme);
      const lum = colors.map(luminance);
      expect(Math.max(...lum), scheme).toBe(lum[0]);
      expect(Math.min(...lum), scheme).toBe(lum[6]);
    }
    expect(paletteColors(5, 'higher-worse')).toEqual(schemeYlOrRd[5]);
  });

  it('higher-better: reversed, low values dark', () => {
    for (const scheme of SCHEMES) {
      expect(paletteColors(6, 'higher-better', scheme)).toEqual([...paletteColors(6, 'higher-worse', scheme)].reverse());
    }
    const colors = paletteColors(5, 'higher-better');
    expect(luminance(colors[0] ?? '')).toBeLessThan(luminance(colors[4] ?? ''));
  });

  it('neutral defaults to Blues in natural order', () => {
    expect(paletteColors(4, 'neutral')).toEqual(schemeBlues[4]);
    expect(paletteColors(4, 'neutral', 'Greens')).toEqual(paletteColors(4, 'higher-worse', 'Greens'));
  });

  it('clamps invalid k', () => {
    expect(paletteColors(1, 'higher-worse')).toHaveLength(3);
    expect(paletteColors(-5, 'neutral')).toHaveLength(3);
    expect(paletteColors(12, 'higher-better')).toHaveLength(9);
    expect(paletteColors(4.6, 'higher-worse')).toHaveLength(5);
    expect(paletteColors(NaN, 'higher-worse')).toHaveLength(5);
  });

  it('falls back to the default scheme for an unknown id from untyped input', () => {
    expect(paletteColors(5, 'higher-worse', 'Nope' as SequentialScheme)).toEqual(schemeYlOrRd[5]);
  });

  it('returns a copy that callers may mutate', () => {
    paletteColors(5, 'higher-worse').reverse();
    expect(paletteColors(5, 'higher-worse')).toEqual(schemeYlOrRd[5]);
  });
});

describe('MISSING_COLOR', () => {
  it('is not used by any scheme and differs from every lightest colour', () => {
    for (const scheme of SCHEMES) {
      for (let k = 3; k <= 9; k++) {
        expect(paletteColors(k, 'higher-worse', scheme)).not.toContain(MISSING_COLOR);
      }
    }
    expect(MISSING_COLOR).toMatch(/^#[0-9a-f]{6}$/);
  });
});

describe('divergingColors', () => {
  it('returns k colours (3..11), RdBu by default', () => {
    expect(divergingColors(5)).toEqual(schemeRdBu[5]);
    expect(divergingColors(7, 'PuOr')).toHaveLength(7);
    expect(divergingColors(11, 'BrBG')).toHaveLength(11);
    expect(divergingColors(2)).toHaveLength(3);
    expect(divergingColors(20)).toHaveLength(11);
  });
});
