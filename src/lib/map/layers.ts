import type { ExpressionSpecification, LayerSpecification, StyleSpecification } from 'maplibre-gl';
import { MISSING_COLOR } from './palette';

// Map layers as plain config. Rendering only recolours features through
// feature-state (`color` on the fill's source, `hover`, `selected`, `marked` on the outline's); geometry is
// uploaded once per site and level.

export const MISSING_FILL = MISSING_COLOR;
export const HATCH_IMAGE = 'atlas-hatch';
/** Outline of marked areas (similar areas); the panel's rows use the same colour. */
export const MARKED_OUTLINE = '#d4007a';

/** The map's plain background (the first paint draws it too). */
export const BACKGROUND_COLOR = '#f3f1ec';

/** Offline and private: a plain background, no tiles, glyphs or sprites. */
export const baseStyle: StyleSpecification = {
  version: 8,
  sources: {},
  layers: [{ id: 'background', type: 'background', paint: { 'background-color': BACKGROUND_COLOR } }],
};

export function sourceId(site: string, level: string): string {
  return `areas:${site}:${level}`;
}

/** Above this many areas the hatching of missing values starts at zoom 7 (see below). */
const MANY_AREAS = 2000;

/** Whether the map hatches missing values of a level of `areaCount` areas at `zoom` (the missing layer's minzoom below). */
export function hatchesMissing(areaCount: number, zoom: number): boolean {
  return zoom >= (areaCount > MANY_AREAS ? 7 : 0);
}

const flag = (name: string) => ['boolean', ['feature-state', name], false] as unknown as ExpressionSpecification;

/** The areas' fill opacity: opaque, translucent over the online basemap (and a grid's cells beneath). */
export function fillOpacity(overBasemap: boolean): number {
  return overBasemap ? 0.72 : 1;
}

/** What an area outside a scatter brush is drawn with: this opacity, whatever the fill's opacity. */
export const DIM_OPACITY = 0.2;

/**
 * The colour written for an area outside a scatter brush (`color` null: a missing value): its colour with
 * the alpha that, times the fill's opacity (`fillOpacity`), gives DIM_OPACITY. MapLibre premultiplies a
 * colour by its alpha and draws `color × fill-opacity` (fill.fragment.glsl), so this is what the fill drew
 * when the dimming was a state-dependent fill-opacity — without a second paint property rewritten per
 * recolour. Colours are '#rrggbb' or '#rgb' (palette, analysis colours); another form is returned undimmed.
 */
export function dimmedColor(color: string | null, opacity: number): string {
  const c = color ?? MISSING_FILL;
  const hex = /^#([0-9a-f]{6}|[0-9a-f]{3})$/i.exec(c)?.[1];
  if (!hex) return c;
  const rrggbb = hex.length === 3 ? [...hex].map((d) => d + d).join('') : hex;
  const alpha = Math.round((255 * Math.min(1, DIM_OPACITY / opacity)));
  return `#${rrggbb}${alpha.toString(16).padStart(2, '0')}`;
}

/**
 * The feature-state `color` of an area without a value: the missing grey itself, so that the hatching
 * (below) tells an area written as missing from one never written (no state: grey, not hatched).
 */
export const MISSING_STATE = MISSING_FILL;

/** The `color` states that are hatched: a missing value, undimmed and dimmed (at each fill opacity). */
export const HATCHED_STATES: readonly string[] = [...new Set([MISSING_STATE, ...[fillOpacity(false), fillOpacity(true)].map((o) => dimmedColor(null, o))])];

/**
 * The source of a tiled level's outlines: the same tiles as the level's own source, read a second time, so
 * that the outline's feature-state (selected, hover, marked) is kept apart from the fill's (color). MapLibre re-evaluates every state-dependent layer of a source for each area whose state changed: a
 * recolour of 10,000 areas would otherwise rewrite the outline's line vertices too (the larger part).
 */
export function outlineSourceId(source: string): string {
  return `${source}:lines`;
}

/** The feature-state keys read by the outline layer (kept on outlineSourceId's source where there is one). */
export const OUTLINE_STATES: ReadonlySet<string> = new Set(['selected', 'hover', 'marked']);

/**
 * `sourceLayer`: the vector layer of a tiled level (pre-built tiles); none for a GeoJSON source.
 * `outlineSource`: where the outline layer reads from (outlineSourceId for a tiled level; default `source`).
 */
export function choroplethLayers(source: string, areaCount: number, overBasemap = false, sourceLayer?: string, outlineSource = source): LayerSpecification[] {
  // Three layers only: at 10,000+ areas every layer that reads feature-state costs a full pass on each
  // recolour, and each state-dependent paint property one evaluation per area and tile: the fill reads one
  // key (`color`, which carries the brush's dimming), the hatching the same key.
  const layers = [
    {
      id: `${source}:fill`,
      type: 'fill',
      source,
      // MISSING_STATE: a missing value (no state: the same grey); outside a scatter brush a dimmed colour (dimmedColor).
      paint: { 'fill-color': ['coalesce', ['feature-state', 'color'], MISSING_FILL], 'fill-opacity': fillOpacity(overBasemap) },
    },
    {
      // Missing values are hatched so that they never read as a low value.
      // The pattern pass costs ~30 ms a frame without a GPU at 10,000 areas,
      // where a national view shows them as the plain missing grey instead.
      // A dimmed missing value is hatched too (the hatching never read the brush).
      id: `${source}:missing`,
      type: 'fill',
      source,
      minzoom: areaCount > MANY_AREAS ? 7 : 0,
      paint: { 'fill-pattern': HATCH_IMAGE, 'fill-opacity': ['match', ['to-string', ['feature-state', 'color']], [...HATCHED_STATES], 1, 0] },
    },
    {
      // Outlines, with selected and hovered areas drawn heavier in the same layer.
      id: `${source}:outline`,
      type: 'line',
      source: outlineSource,
      paint: {
        // Marked areas (similar areas) in magenta, which no sequential palette ends in at full saturation.
        // A feature with its own colour (a programme area: data/programme-areas-geometry.ts) is outlined in it.
        'line-color': ['case', flag('selected'), '#000000', flag('hover'), '#1a1a1a', flag('marked'), MARKED_OUTLINE, ['to-color', ['get', 'color'], '#ffffff']],
        'line-width': ['case', flag('selected'), 3.5, flag('hover'), 2, flag('marked'), 3, ['has', 'color'], 2.5, 0.6],
        'line-opacity': ['case', ['any', flag('selected'), flag('hover'), flag('marked'), ['has', 'color']], 1, 0.85],
      },
    },
  ] as LayerSpecification[];
  return sourceLayer ? layers.map((l) => ({ ...l, 'source-layer': sourceLayer }) as LayerSpecification) : layers;
}

/** An 8 × 8 RGBA tile with a diagonal grey line on a light background. */
export function hatchImage(): { width: number; height: number; data: Uint8Array } {
  const size = 8;
  const data = new Uint8Array(size * size * 4);
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const onLine = (x + y) % size === 0 || (x + y) % size === 1;
      const i = (y * size + x) * 4;
      const v = onLine ? 140 : 235;
      data.set([v, v, v, 255], i);
    }
  }
  return { width: size, height: size, data };
}

/** A point layer (e.g. Kitas): circles coloured by category, drawn above the areas. */
export function pointLayer(source: string, categories: readonly { id: string; color: string }[]): LayerSpecification {
  const match = ['match', ['get', 'category'], ...categories.flatMap((c) => [c.id, c.color]), '#666666'];
  return {
    id: `${source}:circles`,
    type: 'circle',
    source,
    paint: {
      'circle-color': match as unknown as ExpressionSpecification,
      'circle-radius': ['interpolate', ['linear'], ['zoom'], 9, 3, 14, 7] as unknown as ExpressionSpecification,
      'circle-stroke-color': '#ffffff',
      'circle-stroke-width': 1,
    },
  } as LayerSpecification;
}
