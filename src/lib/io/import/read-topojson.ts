// TopoJSON boundaries: the object with the most polygons, converted to GeoJSON
// with topojson-client (which also undoes the quantization of a `transform`).
import type { Feature, Geometry } from 'geojson';
import type { GeometryObject, Topology } from 'topojson-specification';
import { detectCrs } from './crs/detect';
import { sampleCoordinates } from './crs/reproject';
import { ImportError, errorText, stem } from './common';
import { keepPolygons, newFeatureReport, type RawBoundaries } from './raw-boundaries';

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const polygonal = (o: unknown) => isObject(o) && (o.type === 'Polygon' || o.type === 'MultiPolygon');

/** Polygons an object turns into features (a GeometryCollection's direct members; nested collections are dropped like in GeoJSON). */
function countPolygons(o: unknown): number {
  if (!isObject(o)) return 0;
  if (o.type === 'GeometryCollection') return Array.isArray(o.geometries) ? o.geometries.filter(polygonal).length : 0;
  return polygonal(o) ? 1 : 0;
}

/** Boundaries from a parsed TopoJSON topology (`type: "Topology"`). */
export async function readTopology(fileName: string, topology: Record<string, unknown>): Promise<RawBoundaries> {
  const objects = topology.objects;
  if (!isObject(objects) || !Array.isArray(topology.arcs)) {
    throw new ImportError(fileName, 'not a TopoJSON topology (objects or arcs missing)');
  }
  const names = Object.keys(objects);
  let best: string | null = null;
  for (const name of names) if (countPolygons(objects[name]) > (best === null ? 0 : countPolygons(objects[best]))) best = name;
  if (best === null) throw new ImportError(fileName, 'contains no polygons (areas)');

  const { feature } = await import('topojson-client');
  let features: Feature<Geometry | null, Record<string, unknown> | null>[];
  try {
    const converted = feature(topology as unknown as Topology, objects[best] as GeometryObject);
    features = (converted.type === 'FeatureCollection' ? converted.features : [converted]) as typeof features;
  } catch (err) {
    // e.g. arc indices pointing nowhere
    throw new ImportError(fileName, `the TopoJSON topology could not be read (${errorText(err)})`);
  }
  const report = newFeatureReport();
  const fc = { type: 'FeatureCollection' as const, features: keepPolygons(fileName, features, report) };
  const notes = names.length > 1 ? [`topojson-object:${best}`] : [];
  // TopoJSON has no CRS member; a GeoJSON-style `crs` member is honoured when a tool wrote one.
  const samples = sampleCoordinates(fc);
  const crs = topology.crs != null ? detectCrs({ geojson: { crs: topology.crs }, samples }) : detectCrs({ samples });
  return { name: stem(fileName), fc, crs, notes, report };
}
