// What every boundary reader returns (RawBoundaries), and the check of the
// features it read (keepPolygons). Shared by boundaries.ts and the read-*.ts readers.
import type { Feature, FeatureCollection, Geometry } from 'geojson';
import type { CrsDetection } from './crs/guess';
import { ImportError } from './common';

export interface RawBoundaries {
  /** The name shown for the import (file name without extension). */
  name: string;
  /** As stored in the file, not yet reprojected. */
  fc: FeatureCollection<Geometry, Record<string, unknown>>;
  crs: CrsDetection;
  /** Notes for the user, e.g. "no .cpg: attributes read as Windows-1252". */
  notes: string[];
  /** Which features of the file were kept and which left out (the readers that report it: keepPolygons). */
  report?: FeatureReport;
}

/** A feature of the file left out because it is no area (a point, a line, none): its number (1-based) and type. */
export interface SkippedFeature {
  feature: number;
  type: string;
}

/** keepPolygons' account: the file's number (1-based) of each feature kept, in order, and the features left out. */
export interface FeatureReport {
  numbers: number[];
  skipped: SkippedFeature[];
}

export const newFeatureReport = (): FeatureReport => ({ numbers: [], skipped: [] });

type AnyFeature = Feature<Geometry | null, Record<string, unknown> | null>;
type Ring = number[][];

/**
 * The rings of a polygon's coordinates, closed; 'empty' without any position;
 * 'invalid' when they are not rings of positions of finite numbers. Unclosed
 * rings are closed (the first position repeated at the end), as GIS tools read them.
 */
function polygonRings(coordinates: unknown): Ring[] | 'empty' | 'invalid' {
  if (!Array.isArray(coordinates)) return 'invalid';
  const rings: Ring[] = [];
  for (const ring of coordinates) {
    if (!Array.isArray(ring)) return 'invalid';
    for (const p of ring) {
      if (!Array.isArray(p) || p.length < 2 || !p.every((v) => typeof v === 'number' && Number.isFinite(v))) return 'invalid';
    }
    rings.push(ring as Ring);
  }
  if (rings.every((r) => r.length === 0)) return 'empty';
  return rings.map((r) => {
    const [first, last] = [r[0], r[r.length - 1]];
    return first && last && (first[0] !== last[0] || first[1] !== last[1]) ? [...r, first] : r;
  });
}

/**
 * Keeps the Polygon/MultiPolygon features (with `{}` for missing properties),
 * their rings closed. Features with empty geometries are left out like those
 * without geometry. Throws, naming the feature, when a coordinate is not a
 * finite number (damaged or truncated files) or a ring has fewer than three
 * corners; and when no polygon is left. `report` (optional) receives the file's number of each
 * feature kept and the features left out.
 */
export function keepPolygons(fileName: string, features: readonly AnyFeature[], report?: FeatureReport): Feature<Geometry, Record<string, unknown>>[] {
  const out: Feature<Geometry, Record<string, unknown>>[] = [];
  features.forEach((f, i) => {
    const g = f?.geometry;
    if (!g || (g.type !== 'Polygon' && g.type !== 'MultiPolygon')) {
      report?.skipped.push({ feature: i + 1, type: typeof g?.type === 'string' ? g.type : 'none' });
      return;
    }
    const parts = g.type === 'Polygon' ? [g.coordinates as unknown] : Array.isArray(g.coordinates) ? (g.coordinates as unknown[]) : [g.coordinates as unknown];
    const polygons: Ring[][] = [];
    for (const part of parts) {
      const rings = polygonRings(part);
      if (rings === 'empty') continue;
      if (rings === 'invalid') throw new ImportError(fileName, `feature ${i + 1} contains invalid coordinates (is the file damaged or truncated?)`);
      if (rings.some((r) => r.length > 0 && r.length < 4)) throw new ImportError(fileName, `feature ${i + 1} has a ring with fewer than three corners`);
      polygons.push(rings.filter((r) => r.length > 0));
    }
    if (polygons.length === 0) {
      report?.skipped.push({ feature: i + 1, type: 'empty' }); // an empty geometry: like none
      return;
    }
    const geometry: Geometry = g.type === 'Polygon' ? { type: 'Polygon', coordinates: polygons[0]! } : { type: 'MultiPolygon', coordinates: polygons };
    const properties = f.properties && typeof f.properties === 'object' ? f.properties : {};
    out.push({ ...f, type: 'Feature', geometry, properties });
    report?.numbers.push(i + 1);
  });
  if (out.length === 0) throw new ImportError(fileName, 'contains no polygons (areas)');
  return out;
}
