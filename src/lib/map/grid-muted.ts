// A grid shown as context beneath programme areas (loaded with them): muted cell colours, and
// the areas' fill translucent over it.
import type { Map as MapLibreMap } from 'maplibre-gl';
import { fillOpacity } from './layers';

/**
 * The cells' RGBA colours muted towards the map's background: `strength` of the class colour, the
 * rest background; the alpha stays (cells without data stay transparent).
 */
export function mutedCellColors(colors: Uint8Array, background: readonly [number, number, number] = [243, 241, 236], strength = 0.45): Uint8Array {
  const out = new Uint8Array(colors.length);
  for (let i = 0; i < colors.length; i += 4) {
    out[i] = Math.round(strength * colors[i]! + (1 - strength) * background[0]);
    out[i + 1] = Math.round(strength * colors[i + 1]! + (1 - strength) * background[1]);
    out[i + 2] = Math.round(strength * colors[i + 2]! + (1 - strength) * background[2]);
    out[i + 3] = colors[i + 3]!;
  }
  return out;
}

/** The areas' fill of `source` lets the cells beneath show through (as over the online basemap). */
export function translucentFill(map: MapLibreMap, source: string): void {
  const id = `${source}:fill`;
  if (map.getLayer(id)) map.setPaintProperty(id, 'fill-opacity', fillOpacity(true));
}
