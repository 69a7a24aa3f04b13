import type { LayerSpecification, StyleSpecification } from 'maplibre-gl';
import { MISSING_COLOR } from './palette';

// Map layers as plain config. Rendering only recolours features through
// feature-state (`color`, `missing`, `hover`, `selected`); geometry is uploaded
// once per site and level.

export const MISSING_FILL = MISSING_COLOR;
export const HATCH_IMAGE = 'atlas-hatch';

/** Offline and private: a plain background, no tiles, glyphs or sprites. */
export const baseStyle: StyleSpecification = {
  version: 8,
  sources: {},
  layers: [{ id: 'background', type: 'background', paint: { 'background-color': '#f3f1ec' } }],
};

export function sourceId(site: string, level: string): string {
  return `areas:${site}:${level}`;
}

export function choroplethLayers(source: string): LayerSpecification[] {
  const flag = (name: string) => ['boolean', ['feature-state', name], false];
  return [
    {
      id: `${source}:fill`,
      type: 'fill',
      source,
      paint: { 'fill-color': ['coalesce', ['feature-state', 'color'], MISSING_FILL], 'fill-opacity': 1 },
    },
    {
      // Missing values are hatched so that they never read as a low value.
      id: `${source}:missing`,
      type: 'fill',
      source,
      paint: { 'fill-pattern': HATCH_IMAGE, 'fill-opacity': ['case', flag('missing'), 1, 0] },
    },
    {
      id: `${source}:outline`,
      type: 'line',
      source,
      paint: { 'line-color': '#ffffff', 'line-width': 0.7, 'line-opacity': 0.9 },
    },
    {
      id: `${source}:hover`,
      type: 'line',
      source,
      paint: { 'line-color': '#1a1a1a', 'line-width': ['case', flag('hover'), 2, 0] },
    },
    {
      id: `${source}:selected`,
      type: 'line',
      source,
      paint: { 'line-color': '#000000', 'line-width': ['case', flag('selected'), 3.5, 0] },
    },
  ] as LayerSpecification[];
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
