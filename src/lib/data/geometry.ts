// The bundled boundaries of a level as GeoJSON, fetched once (the browser has
// them cached from the map): bounds for zooming to an area, and the input of the
// contiguity used by the spatial statistics.
import type { FeatureCollection, MultiPolygon, Polygon } from 'geojson';
import { bbox } from '@turf/turf';
import { fetchJsonOnce } from './urls';

export type AreaCollection = FeatureCollection<Polygon | MultiPolygon, { id: string; name?: string }>;

/** The level's FeatureCollection (path relative to data/, as in the catalog), fetched once. */
export function levelGeometry(path: string): Promise<AreaCollection> {
  return fetchJsonOnce<AreaCollection>(path);
}

/** Bounding box [west, south, east, north] of one area, or null if it is not in the collection. */
export function areaBounds(fc: AreaCollection, id: string): [number, number, number, number] | null {
  const feature = fc.features.find((f) => String(f.properties.id) === id);
  if (!feature) return null;
  const [w, s, e, n] = bbox(feature);
  return [w, s, e, n];
}
