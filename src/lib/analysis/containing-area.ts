// Which area of a set contains a point, and which points lie in an area (turf's
// point-in-polygon, a bounding box first). Used on grid sites to give a drawn
// programme area its town: the Gemeinde at the area's label point, and the grid
// cells whose centre lies in that Gemeinde.
import type { Feature, MultiPolygon, Polygon } from 'geojson';
import { bbox, booleanPointInPolygon } from '@turf/turf';

export type AreaFeature = Feature<Polygon | MultiPolygon, { id: string | number; name?: string }>;

/** An area with its bounding box [west, south, east, north], prepared once. */
export interface BoxedArea {
  feature: AreaFeature;
  box: [number, number, number, number];
}

export function boxAreas(features: readonly AreaFeature[]): BoxedArea[] {
  return features.filter((f) => f.geometry && (f.geometry.type === 'Polygon' || f.geometry.type === 'MultiPolygon')).map((feature) => {
    const [w, s, e, n] = bbox(feature);
    return { feature, box: [w, s, e, n] };
  });
}

const inBox = (box: readonly number[], lon: number, lat: number) => lon >= box[0]! && lon <= box[2]! && lat >= box[1]! && lat <= box[3]!;

/** The first area containing [lon, lat] (boundary included), or null. */
export function findContaining(areas: readonly BoxedArea[], point: readonly [number, number]): AreaFeature | null {
  const [lon, lat] = point;
  if (!Number.isFinite(lon) || !Number.isFinite(lat)) return null;
  for (const a of areas) {
    if (inBox(a.box, lon, lat) && booleanPointInPolygon([lon, lat], a.feature)) return a.feature;
  }
  return null;
}

/** The indexes of the points (lon, lat interleaved) that lie in the area (boundary included). */
export function pointsInArea(area: AreaFeature, lonLat: ArrayLike<number>): number[] {
  const box = bbox(area);
  const out: number[] = [];
  for (let i = 0; 2 * i + 1 < lonLat.length; i++) {
    const lon = lonLat[2 * i]!;
    const lat = lonLat[2 * i + 1]!;
    if (inBox(box, lon, lat) && booleanPointInPolygon([lon, lat], area)) out.push(i);
  }
  return out;
}
