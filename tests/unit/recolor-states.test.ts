// What the map draws for each feature-state `color` an area can have (src/lib/map/layers.ts): the fill's and the
// hatching's paint expressions of the real levels, evaluated by MapLibre's own expression engine
// (@maplibre/maplibre-gl-style-spec, which maplibre-gl runs) and composed as its fill shader does
// (premultiplied colour × fill-opacity, each colour channel packed to 8 bits per vertex). The brush's dimming
// lives in the colour's alpha now (one state key per recolour instead of three paint properties): checked here
// to draw what the former state-dependent `fill-opacity` of 0.2 drew, for every colour the map writes.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { Color as ColorClass, createPropertyExpression, latest, type Color } from '@maplibre/maplibre-gl-style-spec';
import type { FillLayerSpecification } from 'maplibre-gl';
import { choroplethLayers, DIM_OPACITY, dimmedColor, fillOpacity, HATCHED_STATES, MISSING_FILL, MISSING_STATE, sourceId } from '../../src/lib/map/layers';
import { divergingColors, paletteColors } from '../../src/lib/map/palette';
import { SECRET_COLOR } from '../../src/lib/analysis/class-colors';
import { BIVARIATE_COLORS } from '../../src/lib/analysis/bivariate';
import { INDEX_COLORS, LISA_COLORS } from '../../src/lib/state/analysis.svelte';
import type { Catalog } from '../../src/lib/data/catalog-types';

const catalog = JSON.parse(readFileSync(new URL('../../data/catalog.json', import.meta.url), 'utf8')) as Catalog;

/** Every colour the map can write for an area: class palettes (sequential and diverging), secret grey, analysis colours. */
const COLORS: string[] = [
  ...new Set([
    ...[3, 4, 5, 6, 7, 8, 9].flatMap((k) => [
      ...paletteColors(k, 'higher-worse'),
      ...paletteColors(k, 'higher-better'),
      ...divergingColors(k, 'RdBu'),
      ...divergingColors(k, 'PuOr'),
    ]),
    SECRET_COLOR,
    ...BIVARIATE_COLORS,
    ...Object.values(LISA_COLORS),
    ...INDEX_COLORS.flat(),
  ]),
];

type Paint = Record<string, unknown>;
const feature = { type: 2 as const, properties: {} };

/** A layer's paint property evaluated for one feature-state, as MapLibre does per vertex. */
function evaluate(paint: Paint, property: 'fill-color' | 'fill-opacity', state: Record<string, unknown>): Color | number {
  const spec = (latest as unknown as Record<string, Record<string, unknown>>).paint_fill![property];
  const parsed = createPropertyExpression(paint[property] as never, 'paint', spec as never);
  if (parsed.result !== 'success') throw new Error(`${property}: ${JSON.stringify(parsed.value)}`);
  return parsed.value.evaluate({ zoom: 8 }, feature, state) as Color | number;
}

/** What fill.fragment.glsl writes: the colour as packed into the vertex (premultiplied, floored to 8 bits) × opacity. */
function drawn(color: Color, opacity: number): [number, number, number, number] {
  const byte = (x: number) => Math.max(0, Math.min(255, Math.floor(255 * x))) / 255;
  return [byte(color.r) * opacity, byte(color.g) * opacity, byte(color.b) * opacity, byte(color.a) * opacity];
}

/** What the former layers drew: the colour (opaque, packed the same way) × the state-dependent opacity (0.2 dimmed, else the fill's). */
function formerly(hex: string, opacity: number): [number, number, number, number] {
  return drawn(ColorClass.parse(hex)!, opacity);
}

const levels = catalog.sites.flatMap((site) => site.levels.map((level) => ({ site, level })));

describe('feature-state colour → what the fill and the hatching draw', () => {
  it('the colours checked are hex colours (the form dimmedColor dims) and none is the missing grey', () => {
    expect(COLORS.length).toBeGreaterThan(50);
    for (const c of COLORS) expect(c).toMatch(/^#[0-9a-f]{6}$/i);
    expect(COLORS).not.toContain(MISSING_STATE);
  });

  for (const overBasemap of [false, true]) {
    const opacity = fillOpacity(overBasemap);
    const { site, level } = levels.find((l) => l.level.tiles) ?? levels[0]!;
    const layers = choroplethLayers(sourceId(site.id, level.id), level.count, overBasemap, level.tiles?.layer) as FillLayerSpecification[];
    const fill = layers.find((l) => l.id.endsWith(':fill'))!.paint as Paint;
    const hatch = layers.find((l) => l.id.endsWith(':missing'))!.paint as Paint;
    const label = overBasemap ? 'over the basemap' : 'on the plain background';

    it(`${label}: the fill's opacity is a constant (${opacity}); a class colour is drawn as it is, unhatched`, () => {
      expect(fill['fill-opacity']).toBe(opacity);
      for (const c of COLORS) {
        expect(drawn(evaluate(fill, 'fill-color', { color: c }) as Color, opacity)).toEqual(formerly(c, opacity));
        expect(evaluate(hatch, 'fill-opacity', { color: c })).toBe(0);
      }
    });

    it(`${label}: a dimmed colour draws within one 8-bit step of the former opacity ${DIM_OPACITY}, unhatched`, () => {
      for (const c of COLORS) {
        const now = drawn(evaluate(fill, 'fill-color', { color: dimmedColor(c, opacity) }) as Color, opacity);
        const before = formerly(c, DIM_OPACITY);
        for (let i = 0; i < 4; i++) expect(Math.abs(now[i]! - before[i]!)).toBeLessThanOrEqual(1 / 255);
        expect(evaluate(hatch, 'fill-opacity', { color: dimmedColor(c, opacity) })).toBe(0);
      }
    });

    it(`${label}: a missing value is the missing grey and hatched, dimmed or not; an area never written is grey, unhatched`, () => {
      expect(drawn(evaluate(fill, 'fill-color', { color: MISSING_STATE }) as Color, opacity)).toEqual(formerly(MISSING_FILL, opacity));
      expect(evaluate(hatch, 'fill-opacity', { color: MISSING_STATE })).toBe(1);
      const dimmed = drawn(evaluate(fill, 'fill-color', { color: dimmedColor(null, opacity) }) as Color, opacity);
      const before = formerly(MISSING_FILL, DIM_OPACITY);
      for (let i = 0; i < 4; i++) expect(Math.abs(dimmed[i]! - before[i]!)).toBeLessThanOrEqual(1 / 255);
      expect(evaluate(hatch, 'fill-opacity', { color: dimmedColor(null, opacity) })).toBe(1);
      expect(HATCHED_STATES).toContain(dimmedColor(null, opacity));
      // No state at all (an area in the tiles that no recolour named): grey as before, and, as before, not hatched.
      expect(drawn(evaluate(fill, 'fill-color', {}) as Color, opacity)).toEqual(formerly(MISSING_FILL, opacity));
      expect(evaluate(hatch, 'fill-opacity', {})).toBe(0);
    });
  }

  it('dimmedColor: #rrggbb and #rgb gain the alpha of DIM_OPACITY / fill opacity; another form is left as it is', () => {
    expect(dimmedColor('#aabbcc', 1)).toBe('#aabbcc33'); // 0.2 × 255 = 51
    expect(dimmedColor('#abc', 1)).toBe('#aabbcc33');
    expect(dimmedColor('#aabbcc', 0.72)).toBe('#aabbcc47'); // 0.2 / 0.72 × 255 = 70.8
    expect(dimmedColor(null, 1)).toBe(`${MISSING_FILL}33`);
    expect(dimmedColor('rgb(1, 2, 3)', 1)).toBe('rgb(1, 2, 3)');
  });

  it('every level of the catalog gets the same fill and hatching rules (one state key, `color`)', () => {
    for (const { site, level } of levels) {
      const layers = choroplethLayers(sourceId(site.id, level.id), level.count, false, level.tiles?.layer) as FillLayerSpecification[];
      const hatch = layers.find((l) => l.id.endsWith(':missing'))!.paint as Paint;
      expect(evaluate(hatch, 'fill-opacity', { color: MISSING_STATE, missing: false })).toBe(1);
      expect(evaluate(hatch, 'fill-opacity', { color: COLORS[0], missing: true })).toBe(0);
    }
  });
});
