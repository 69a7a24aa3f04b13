import { geoMercator, geoPath } from 'd3-geo';
import type { FeatureCollection, Geometry, Position } from 'geojson';
import { fetchJson } from '../data/urls';

/** SVG path data per area id, projected to fit a box: drawn once, recoloured per year. */
export interface SmallMapShapes {
  width: number;
  height: number;
  paths: { id: string; d: string }[];
}

const cache = new Map<string, Promise<SmallMapShapes>>();

/** Loads a level's geometry and projects it for small maps (cached per file and size). */
export function smallMapShapes(path: string, width: number, height: number): Promise<SmallMapShapes> {
  const key = `${path}|${width}|${height}`;
  let shapes = cache.get(key);
  if (!shapes) {
    shapes = fetchJson<FeatureCollection>(path).then((raw) => {
      const geo = forD3(raw);
      const projection = geoMercator().fitSize([width, height], geo);
      const toPath = geoPath(projection);
      // Rounded coordinates keep the SVG small; a small map needs no sub-pixel detail.
      toPath.digits(1);
      return {
        width,
        height,
        paths: geo.features.map((f) => ({ id: String(f.properties?.id), d: toPath(f) ?? '' })),
      };
    });
    cache.set(key, shapes);
  }
  return shapes;
}

/**
 * RFC 7946 GeoJSON winds exterior rings counter-clockwise; d3-geo works on the
 * sphere and reads such a ring as "everything but the polygon". Reversing the
 * rings gives d3 the winding it expects.
 */
function forD3(geo: FeatureCollection): FeatureCollection {
  const rings = (polygon: Position[][]) => polygon.map((ring) => [...ring].reverse());
  const rewind = (g: Geometry | null): Geometry | null => {
    if (!g) return g;
    if (g.type === 'Polygon') return { ...g, coordinates: rings(g.coordinates) };
    if (g.type === 'MultiPolygon') return { ...g, coordinates: g.coordinates.map(rings) };
    return g;
  };
  return { ...geo, features: geo.features.map((f) => ({ ...f, geometry: rewind(f.geometry) as Geometry })) };
}
