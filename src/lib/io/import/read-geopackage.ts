// GeoPackage (.gpkg): an SQLite database (read with sql.js, loaded on first use
// by sqlite.ts) with its feature layers listed in gpkg_contents and
// gpkg_geometry_columns, coordinate systems in gpkg_spatial_ref_sys (WKT, and
// WKT2 with the crs_wkt extension), geometries as GeoPackage blobs (wkb.ts).
// A polygon layer becomes boundaries, a point layer a point layer; with several
// usable layers the first polygon layer is read and the others are listed, so
// the dialog can offer them (like the sheets of a workbook).
import type { Database, SqlValue } from 'sql.js';
import type { Feature, Geometry, Point } from 'geojson';
import { detectCrs, type EpsgHint } from './crs/detect';
import { sampleCoordinates } from './crs/reproject';
import { errorText, ImportError, stem, type InputFile } from './common';
import { keepPolygons, newFeatureReport, type RawBoundaries } from './raw-boundaries';
import type { PointProps, RawPoints } from './points';
import { readGpkgGeometry, WkbError } from './wkb';
import { loadSqlite } from './sqlite';

/** What a feature layer holds, by its declared geometry type (a generic type by its features). */
export type GpkgLayerKind = 'polygons' | 'points' | 'lines' | 'empty';

export interface GpkgLayer {
  /** The table name (what the dialog sends back to choose the layer). */
  name: string;
  /** gpkg_contents.identifier when it differs from the table name, else null. */
  title: string | null;
  kind: GpkgLayerKind;
  /** Rows in the layer's table. */
  count: number;
}

export type GeoPackageRead = { layers: GpkgLayer[]; layer: string } & ({ kind: 'boundaries'; raw: RawBoundaries } | { kind: 'points'; raw: RawPoints });

const SQLITE_MAGIC = 'SQLite format 3\0';
const POLYGON_TYPES = new Set(['POLYGON', 'MULTIPOLYGON', 'CURVEPOLYGON', 'MULTISURFACE', 'SURFACE', 'TRIANGLE', 'POLYHEDRALSURFACE', 'TIN']);
const POINT_TYPES = new Set(['POINT', 'MULTIPOINT']);
const LINE_TYPES = new Set(['LINESTRING', 'MULTILINESTRING', 'CIRCULARSTRING', 'COMPOUNDCURVE', 'MULTICURVE', 'CURVE']);
/** Features looked at to tell what a layer of a generic type (GEOMETRY, GEOMETRYCOLLECTION) holds. */
const PROBE = 200;

const quoteId = (name: string) => `"${name.replace(/"/g, '""')}"`;

function rows(db: Database, sql: string, params: SqlValue[] = []): SqlValue[][] {
  return db.exec(sql, params)[0]?.values ?? [];
}

function hasTable(db: Database, name: string): boolean {
  return rows(db, "SELECT 1 FROM sqlite_master WHERE type IN ('table', 'view') AND name = ?", [name]).length > 0;
}

function columnsOf(db: Database, table: string): { name: string; type: string; pk: boolean }[] {
  return rows(db, `PRAGMA table_info(${quoteId(table)})`).map((r) => ({ name: String(r[1]), type: String(r[2] ?? '').toUpperCase(), pk: Number(r[5]) > 0 }));
}

interface LayerRow {
  table: string;
  identifier: string | null;
  column: string;
  type: string;
  srsId: number | null;
}

function kindOfType(type: string): GpkgLayerKind | null {
  if (POLYGON_TYPES.has(type)) return 'polygons';
  if (POINT_TYPES.has(type)) return 'points';
  if (LINE_TYPES.has(type)) return 'lines';
  return null;
}

function kindOfGeometry(g: Geometry | null): GpkgLayerKind | null {
  if (!g) return null;
  if (g.type === 'Polygon' || g.type === 'MultiPolygon') return 'polygons';
  if (g.type === 'Point' || g.type === 'MultiPoint') return 'points';
  if (g.type === 'LineString' || g.type === 'MultiLineString') return 'lines';
  if (g.type === 'GeometryCollection') {
    for (const part of g.geometries) {
      const k = kindOfGeometry(part);
      if (k) return k;
    }
  }
  return null;
}

/** What a layer holds: its declared type, or for a generic one what most of its first features are. */
function layerKind(db: Database, layer: LayerRow, count: number): GpkgLayerKind {
  if (count === 0) return 'empty';
  const declared = kindOfType(layer.type);
  if (declared) return declared;
  const seen: Record<string, number> = {};
  for (const [blob] of rows(db, `SELECT ${quoteId(layer.column)} FROM ${quoteId(layer.table)} LIMIT ${PROBE}`)) {
    if (!(blob instanceof Uint8Array)) continue;
    try {
      const k = kindOfGeometry(readGpkgGeometry(blob).geometry);
      if (k) seen[k] = (seen[k] ?? 0) + 1;
    } catch {
      // the layer's reading names the feature
    }
  }
  const best = (Object.entries(seen) as [GpkgLayerKind, number][]).sort((a, b) => b[1] - a[1])[0];
  return best?.[0] ?? 'polygons';
}

const layerLabel = (l: { name: string; title: string | null }) => `"${l.title ?? l.name}"`;

/** The feature layers in gpkg_contents order; refuses a file that is no GeoPackage. */
function listLayers(db: Database, fileName: string): { rows: LayerRow[]; layers: GpkgLayer[] } {
  if (!hasTable(db, 'gpkg_contents')) throw new ImportError(fileName, 'not a GeoPackage (an SQLite database without the table gpkg_contents)');
  if (!hasTable(db, 'gpkg_geometry_columns')) throw new ImportError(fileName, 'not a valid GeoPackage (the table gpkg_geometry_columns is missing)');
  const found = rows(
    db,
    `SELECT c.table_name, c.identifier, g.column_name, g.geometry_type_name, g.srs_id
     FROM gpkg_contents c JOIN gpkg_geometry_columns g ON g.table_name = c.table_name
     WHERE lower(c.data_type) = 'features' ORDER BY c.rowid`,
  ).map(
    (r): LayerRow => ({
      table: String(r[0]),
      identifier: typeof r[1] === 'string' && r[1].trim() !== '' && r[1] !== r[0] ? r[1] : null,
      column: String(r[2]),
      type: String(r[3] ?? '').toUpperCase(),
      srsId: typeof r[4] === 'number' ? r[4] : null,
    }),
  );
  if (found.length === 0) {
    const tables = rows(db, "SELECT table_name FROM gpkg_contents WHERE lower(data_type) <> 'features' LIMIT 5").map((r) => `"${String(r[0])}"`);
    const what = tables.length > 0 ? `only tables without geometry (${tables.join(', ')})` : 'no layers';
    throw new ImportError(fileName, `the GeoPackage holds ${what}: no feature layer with areas or points`);
  }
  const layers: GpkgLayer[] = [];
  for (const l of found) {
    if (!hasTable(db, l.table)) throw new ImportError(fileName, `layer ${layerLabel({ name: l.table, title: l.identifier })}: its table is missing`);
    const count = Number(rows(db, `SELECT count(*) FROM ${quoteId(l.table)}`)[0]?.[0] ?? 0);
    layers.push({ name: l.table, title: l.identifier, kind: layerKind(db, l, count), count });
  }
  return { rows: found, layers };
}

/** The layer read: the one asked for, else the first polygon layer, else the first point layer. */
function chooseLayer(layers: readonly GpkgLayer[], asked: string | undefined, fileName: string): GpkgLayer {
  if (asked !== undefined) {
    const l = layers.find((x) => x.name === asked);
    if (!l) throw new ImportError(fileName, `the GeoPackage has no layer "${asked}"`);
    if (l.kind === 'lines') throw new ImportError(fileName, `layer ${layerLabel(l)} holds lines, which can be imported neither as areas nor as points`);
    if (l.kind === 'empty') throw new ImportError(fileName, `layer ${layerLabel(l)} holds no features`);
    return l;
  }
  const usable = layers.find((l) => l.kind === 'polygons') ?? layers.find((l) => l.kind === 'points');
  if (usable) return usable;
  const list = layers.map((l) => `${layerLabel(l)} (${l.kind === 'empty' ? 'no features' : l.kind})`).join(', ');
  throw new ImportError(fileName, `the GeoPackage holds no layer with areas or points: ${list}. Lines cannot be imported as areas or points`);
}

/** The CRS the layer declares: an EPSG code and the definition (WKT2 when the crs_wkt extension has one, else WKT). */
function declaredCrs(db: Database, srsId: number | null): { epsg: EpsgHint | null; wkt: string | null; note: string | null } {
  // 0 and -1: "undefined geographic / cartesian" (the specification's required rows): nothing declared
  if (srsId === null || srsId === 0 || srsId === -1) return { epsg: null, wkt: null, note: 'no-crs' };
  if (!hasTable(db, 'gpkg_spatial_ref_sys')) return { epsg: null, wkt: null, note: 'no-crs' };
  const wkt2 = columnsOf(db, 'gpkg_spatial_ref_sys').some((c) => c.name === 'definition_12_063');
  const [row] = rows(db, `SELECT organization, organization_coordsys_id, definition${wkt2 ? ', definition_12_063' : ''} FROM gpkg_spatial_ref_sys WHERE srs_id = ?`, [srsId]);
  if (!row) return { epsg: null, wkt: null, note: 'unknown-srs' };
  const org = String(row[0] ?? '').trim().toUpperCase();
  const code = Number(row[1]);
  const text = (v: SqlValue | undefined) => (typeof v === 'string' && v.trim() !== '' && v.trim().toLowerCase() !== 'undefined' ? v : null);
  return {
    epsg: org === 'EPSG' && Number.isInteger(code) && code > 0 ? { code, source: 'metadata', origin: 'GeoPackage' } : null,
    wkt: text(row[3]) ?? text(row[2]),
    note: null,
  };
}

/** An attribute value as the other readers give it: numbers and texts; blobs left out. */
function attribute(v: SqlValue): string | number | null | undefined {
  if (v === null || typeof v === 'number' || typeof v === 'string') return v;
  return undefined;
}

/** Reads the features of a layer: properties (all columns but the geometry and blobs, the primary key last) and geometry. */
function readFeatures(db: Database, layer: LayerRow, fileName: string, label: string): Feature<Geometry | null, PointProps>[] {
  const columns = columnsOf(db, layer.table);
  if (!columns.some((c) => c.name === layer.column)) throw new ImportError(fileName, `layer ${label}: the geometry column "${layer.column}" is missing`);
  // blob columns (pictures, documents) are no attributes
  const attributes = columns.filter((c) => c.name !== layer.column && !c.type.includes('BLOB'));
  const ordered = [...attributes.filter((c) => !c.pk), ...attributes.filter((c) => c.pk)];
  const select = [layer.column, ...ordered.map((c) => c.name)].map(quoteId).join(', ');
  const stmt = db.prepare(`SELECT ${select} FROM ${quoteId(layer.table)}`);
  const out: Feature<Geometry | null, PointProps>[] = [];
  try {
    while (stmt.step()) {
      const values = stmt.get();
      const properties: PointProps = {};
      ordered.forEach((c, i) => {
        const v = attribute(values[i + 1] ?? null);
        if (v !== undefined) properties[c.name] = v;
      });
      const blob = values[0];
      let geometry: Geometry | null = null;
      if (blob instanceof Uint8Array) {
        try {
          geometry = readGpkgGeometry(blob).geometry;
        } catch (err) {
          if (err instanceof WkbError) throw new ImportError(fileName, `layer ${label}, feature ${out.length + 1}: ${err.message}`);
          throw err;
        }
      } else if (blob !== null && blob !== undefined) {
        throw new ImportError(fileName, `layer ${label}, feature ${out.length + 1}: the geometry is not a GeoPackage geometry blob`);
      }
      out.push({ type: 'Feature', properties, geometry });
    }
  } finally {
    stmt.free();
  }
  return out;
}

function asPoints(features: readonly Feature<Geometry | null, PointProps>[]): { points: Feature<Point, PointProps>[]; skipped: RawPoints['skipped'] } {
  const points: Feature<Point, PointProps>[] = [];
  const skipped: RawPoints['skipped'] = [];
  const finite = (c: number[]) => Number.isFinite(c[0]) && Number.isFinite(c[1]);
  features.forEach((f, i) => {
    const g = f.geometry;
    const cs = g?.type === 'Point' ? [g.coordinates] : g?.type === 'MultiPoint' ? g.coordinates : null;
    if (!cs) {
      skipped.push({ where: `feature ${i + 1}`, reason: g ? `geometry ${g.type}` : 'no geometry' });
      return;
    }
    for (const c of cs) {
      if (finite(c)) points.push({ type: 'Feature', properties: f.properties, geometry: { type: 'Point', coordinates: [c[0]!, c[1]!] } });
      else skipped.push({ where: `feature ${i + 1}`, reason: 'invalid coordinates' });
    }
  });
  return { points, skipped };
}

function open(SQL: { Database: new (data?: Uint8Array) => Database }, file: InputFile): Database {
  try {
    return new SQL.Database(file.bytes);
  } catch (err) {
    throw new ImportError(file.name, `the GeoPackage could not be opened (${errorText(err)})`);
  }
}

/**
 * Reads a GeoPackage: the layer `layer` (a table name from `layers`), else the
 * first polygon layer, else the first point layer. Throws ImportError naming the
 * file, the layer and the feature.
 */
export async function readGeoPackage(file: InputFile, layer?: string): Promise<GeoPackageRead> {
  const head = new TextDecoder('latin1').decode(file.bytes.subarray(0, 16));
  if (head !== SQLITE_MAGIC) throw new ImportError(file.name, 'not a GeoPackage (the file is not an SQLite database)');
  const SQL = await loadSqlite();
  const db = open(SQL, file);
  try {
    let listed;
    try {
      listed = listLayers(db, file.name);
    } catch (err) {
      if (err instanceof ImportError) throw err;
      throw new ImportError(file.name, `the GeoPackage is damaged (${errorText(err)})`);
    }
    const chosen = chooseLayer(listed.layers, layer, file.name);
    const row = listed.rows.find((r) => r.table === chosen.name)!;
    const label = layerLabel(chosen);
    let features;
    try {
      features = readFeatures(db, row, file.name, label);
    } catch (err) {
      if (err instanceof ImportError) throw err;
      throw new ImportError(file.name, `layer ${label}: the GeoPackage is damaged (${errorText(err)})`);
    }
    const { epsg, wkt, note } = declaredCrs(db, row.srsId);
    const name = listed.layers.length > 1 ? (chosen.title ?? chosen.name) : stem(file.name);
    const common = { layers: listed.layers, layer: chosen.name };
    if (chosen.kind === 'points') {
      const { points, skipped } = asPoints(features);
      if (points.length === 0) throw new ImportError(file.name, `layer ${label} contains no points`);
      const fc = { type: 'FeatureCollection' as const, features: points };
      const crs = detectCrs({ prj: wkt, epsg, samples: sampleCoordinates(fc) });
      return { ...common, kind: 'points', raw: { name, fc, crs, skipped, coordinateColumns: null } };
    }
    let polygons;
    const report = newFeatureReport();
    try {
      polygons = keepPolygons(file.name, features, report);
    } catch (err) {
      if (err instanceof ImportError) throw new ImportError(file.name, `layer ${label}: ${err.message.slice(err.file.length + 2)}`);
      throw err;
    }
    const fc = { type: 'FeatureCollection' as const, features: polygons };
    const crs = detectCrs({ prj: wkt, epsg, samples: sampleCoordinates(fc) });
    return { ...common, kind: 'boundaries', raw: { name, fc, crs, notes: note ? [note] : [], report } };
  } finally {
    db.close();
  }
}
