// The boundaries of programme areas: a union of base areas dissolved into one
// outline (turf union), a drawn or imported polygon as it is. One feature per
// programme area, `id` in its properties, as every level's GeoJSON has it.
import type { Feature, FeatureCollection, MultiPolygon, Polygon } from 'geojson';
import { featureCollection, pointOnFeature, union } from '@turf/turf';
import type { AreaCollection } from './geometry';
import type { ProgrammeArea } from './programme-areas';

export type ProgrammeCollection = FeatureCollection<Polygon | MultiPolygon, { id: string; name: string; color: string }>;

/** The members' polygons side by side in one MultiPolygon (instant; the outline shows their borders). */
function sideBySide(parts: readonly Feature<Polygon | MultiPolygon>[]): MultiPolygon {
  return { type: 'MultiPolygon', coordinates: parts.flatMap((p) => (p.geometry.type === 'Polygon' ? [p.geometry.coordinates] : p.geometry.coordinates)) };
}

/**
 * The members' polygons dissolved into one (a single member as it is), or with `dissolve` false
 * side by side; null when no member has a polygon.
 */
export function dissolveMembers(
  base: ReadonlyMap<string, Feature<Polygon | MultiPolygon>>,
  members: readonly string[],
  dissolve = true,
): Polygon | MultiPolygon | null {
  const parts = members.map((m) => base.get(m)).filter((f): f is Feature<Polygon | MultiPolygon> => f !== undefined);
  if (parts.length === 0) return null;
  if (parts.length === 1) return parts[0]!.geometry;
  if (!dissolve) return sideBySide(parts);
  try {
    return union(featureCollection(parts))?.geometry ?? null;
  } catch {
    // A topology the clipper cannot handle: the members side by side.
    return sideBySide(parts);
  }
}

/** The base level's features by id. */
export function featuresById(fc: AreaCollection): Map<string, Feature<Polygon | MultiPolygon>> {
  return new Map(fc.features.map((f) => [String(f.properties.id), f as Feature<Polygon | MultiPolygon>]));
}

/** One feature per programme area (those without any polygon are left out); `dissolve` false: members side by side. */
export function programmeGeometry(base: AreaCollection | null, areas: readonly ProgrammeArea[], dissolve = true): ProgrammeCollection {
  const byId = base ? featuresById(base) : new Map<string, Feature<Polygon | MultiPolygon>>();
  const features: ProgrammeCollection['features'] = [];
  for (const a of areas) {
    const geometry = a.geometry ?? dissolveMembers(byId, a.members, dissolve);
    if (geometry) features.push({ type: 'Feature', properties: { id: a.id, name: a.name, color: a.color }, geometry });
  }
  return { type: 'FeatureCollection', features };
}

/** A point inside a drawn polygon (its label point). */
export function labelPoint(geometry: Polygon | MultiPolygon): [number, number] {
  const [lon, lat] = pointOnFeature(geometry).geometry.coordinates as [number, number];
  return [lon, lat];
}
