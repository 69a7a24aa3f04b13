// Boundaries from the user's files: GeoJSON, TopoJSON, FlatGeobuf, GeoParquet,
// or a Shapefile (a .zip, or the .shp/.shx/.dbf/.prj/.cpg files together).
// Reads the geometry raw, detects the coordinate system (crs.ts), and suggests
// which attribute is the area key and which the name; numeric attributes become
// indicators. The readers of the binary formats and TopoJSON live in read-*.ts
// and are imported on demand, so their libraries stay out of the initial bundle.
import type { Feature, FeatureCollection, Geometry } from 'geojson';
import { unzip } from 'but-unzip';
import { detectCrs, sampleCoordinates, toWgs84, type CrsDetection, type EpsgCode } from './crs';
import { decodeText } from './text-decode';

/** A file as read by the import dialog (or a test). */
export interface InputFile {
  name: string;
  bytes: Uint8Array;
}

export interface RawBoundaries {
  /** The name shown for the import (file name without extension). */
  name: string;
  /** As stored in the file, not yet reprojected. */
  fc: FeatureCollection<Geometry, Record<string, unknown>>;
  crs: CrsDetection;
  /** Notes for the user, e.g. "no .cpg: attributes read as Windows-1252". */
  notes: string[];
}

export class ImportError extends Error {
  constructor(
    readonly file: string,
    message: string,
  ) {
    super(`${file}: ${message}`);
  }
}

const ext = (name: string) => name.slice(name.lastIndexOf('.') + 1).toLowerCase();
/** The file name without folders and extension (the name shown for an import). */
export const stem = (name: string) => name.replace(/^.*[\\/]/, '').replace(/\.[^.]+$/, '');
export const errorText = (err: unknown) => (err instanceof Error ? err.message : String(err));

const BOUNDARY_EXT = ['geojson', 'json', 'topojson', 'shp', 'zip', 'fgb', 'parquet', 'geoparquet'];

export function isBoundaryFile(name: string): boolean {
  return BOUNDARY_EXT.includes(ext(name));
}

type AnyFeature = Feature<Geometry | null, Record<string, unknown> | null>;

/**
 * Keeps the Polygon/MultiPolygon features (with `{}` for missing properties);
 * throws when there are none, or when a kept coordinate is not a finite number
 * (damaged or truncated binary files).
 */
export function keepPolygons(fileName: string, features: readonly AnyFeature[]): Feature<Geometry, Record<string, unknown>>[] {
  const polygons = features.filter((f) => f.geometry && /Polygon$/.test(f.geometry.type));
  if (polygons.length === 0) throw new ImportError(fileName, 'contains no polygons (areas)');
  const finite = (c: unknown): boolean =>
    Array.isArray(c) && (typeof c[0] === 'number' ? c.length >= 2 && c.every(Number.isFinite) : c.every(finite));
  for (const f of polygons) {
    if (!finite((f.geometry as { coordinates: unknown }).coordinates)) {
      throw new ImportError(fileName, 'contains invalid coordinates (is the file damaged or truncated?)');
    }
  }
  return polygons.map((f) => ({ ...f, geometry: f.geometry as Geometry, properties: f.properties ?? {} }));
}

/** Expands .zip archives into their files (macOS metadata skipped). */
async function expand(files: readonly InputFile[]): Promise<InputFile[]> {
  const out: InputFile[] = [];
  for (const f of files) {
    if (ext(f.name) !== 'zip') {
      out.push(f);
      continue;
    }
    let items;
    try {
      items = unzip(f.bytes);
    } catch (err) {
      throw new ImportError(f.name, `not a readable zip archive (${errorText(err)})`);
    }
    for (const item of items) {
      if (item.filename.includes('__MACOSX') || item.filename.endsWith('/')) continue;
      out.push({ name: item.filename, bytes: await item.read() });
    }
  }
  return out;
}

/** Reads boundaries from the given files; throws ImportError naming the file. */
export async function readBoundaries(input: readonly InputFile[]): Promise<RawBoundaries> {
  const files = await expand(input);
  const byExt = (e: string) => files.filter((f) => ext(f.name) === e);
  const shp = byExt('shp')[0];
  if (shp) return readShapefile(shp, files);
  const fgb = byExt('fgb')[0];
  if (fgb) return (await import('./read-flatgeobuf')).readFlatGeobuf(fgb);
  const parquet = [...byExt('parquet'), ...byExt('geoparquet')][0];
  if (parquet) return (await import('./read-geoparquet')).readGeoParquet(parquet);
  const json = [...byExt('topojson'), ...byExt('geojson'), ...byExt('json')][0];
  if (json) return readJson(json);
  throw new ImportError(
    input.map((f) => f.name).join(', '),
    'no boundaries found (expected .geojson, .json, .topojson, .fgb, .parquet, .geoparquet, .shp or a .zip with a shapefile)',
  );
}

/** GeoJSON, or TopoJSON (a .topojson, or a .json/.geojson whose type is "Topology"). */
async function readJson(file: InputFile): Promise<RawBoundaries> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(decodeText(file.bytes).text);
  } catch (err) {
    throw new ImportError(file.name, `not valid JSON (${errorText(err)})`);
  }
  const type = parsed && typeof parsed === 'object' ? (parsed as { type?: unknown }).type : undefined;
  if (type === 'Topology') return (await import('./read-topojson')).readTopology(file.name, parsed as Record<string, unknown>);
  const fc = parsed as FeatureCollection<Geometry, Record<string, unknown>>;
  if (type !== 'FeatureCollection' || !Array.isArray(fc.features)) {
    throw new ImportError(file.name, ext(file.name) === 'topojson' ? 'not a TopoJSON topology' : 'not a GeoJSON FeatureCollection');
  }
  const polygons = fc.features.filter((f) => f.geometry && /Polygon$/.test(f.geometry.type));
  if (polygons.length === 0) throw new ImportError(file.name, 'contains no polygons (areas)');
  const clean = { ...fc, features: polygons.map((f) => ({ ...f, properties: f.properties ?? {} })) };
  return { name: stem(file.name), fc: clean, crs: detectCrs({ geojson: parsed, samples: sampleCoordinates(clean) }), notes: [] };
}

async function readShapefile(shp: InputFile, files: readonly InputFile[]): Promise<RawBoundaries> {
  const base = stem(shp.name).toLowerCase();
  const part = (e: string) => files.find((f) => ext(f.name) === e && stem(f.name).toLowerCase() === base);
  const dbf = part('dbf');
  const prj = part('prj');
  const cpg = part('cpg');
  const notes: string[] = [];
  // A .dbf without .cpg is read as Windows-1252 (what German GIS exports use).
  const encoding = cpg ? decodeText(cpg.bytes).text.trim() || 'windows-1252' : 'windows-1252';
  if (dbf && !cpg) notes.push('dbf-without-cpg');
  if (!dbf) notes.push('no-dbf');
  const { getShapefile } = await import('shpjs');
  let fc: FeatureCollection<Geometry, Record<string, unknown>>;
  try {
    // Without the .prj: coordinates stay as stored; the CRS is detected and confirmed separately.
    fc = (await getShapefile({ shp: shp.bytes, dbf: dbf?.bytes, cpg: encoding })) as FeatureCollection<Geometry, Record<string, unknown>>;
  } catch (err) {
    throw new ImportError(shp.name, `the shapefile could not be read (${errorText(err)})`);
  }
  const polygons = fc.features.filter((f) => f.geometry && /Polygon$/.test(f.geometry.type));
  if (polygons.length === 0) throw new ImportError(shp.name, 'contains no polygons (areas)');
  const clean = { type: 'FeatureCollection' as const, features: polygons };
  const prjText = prj ? decodeText(prj.bytes).text : null;
  if (!prj) notes.push('no-prj');
  return { name: stem(shp.name), fc: clean, crs: detectCrs({ prj: prjText, samples: sampleCoordinates(clean) }), notes };
}

/** Attribute roles suggested for the import. */
export interface AttributeSuggestion {
  keys: string[];
  /** Unique, non-empty: can be the area key. */
  idCandidates: string[];
  nameCandidates: string[];
  numeric: string[];
  id: string | null;
  name: string | null;
}

const ID_HINT = /^(id|ags|ars|gkz|schl(ü|ue)ssel|nr|nummer|code|key|ot_?nr|stb_?nr|bez_?nr|kennziffer|sgb|gebiet_?nr|objectid|fid)$/i;
const NAME_HINT = /^(name|gen|bez|bezeichnung|ortsteil|stadtteil|gebiet|bezirk|quartier|label|titel|ot_?name|stb_?name)$/i;

export function suggestAttributes(fc: FeatureCollection<Geometry, Record<string, unknown>>): AttributeSuggestion {
  const keys = [...new Set(fc.features.flatMap((f) => Object.keys(f.properties ?? {})))];
  const n = fc.features.length;
  const values = (k: string) => fc.features.map((f) => f.properties?.[k]);
  const text = (v: unknown) => (v === null || v === undefined ? '' : String(v).trim());
  const unique = (k: string) => {
    const vs = values(k).map(text);
    return vs.every((v) => v !== '') && new Set(vs).size === n;
  };
  const isNumeric = (k: string) => values(k).every((v) => v === null || v === undefined || v === '' || typeof v === 'number');
  const idCandidates = keys.filter(unique).sort((a, b) => Number(ID_HINT.test(b)) - Number(ID_HINT.test(a)));
  const textual = keys.filter((k) => values(k).some((v) => typeof v === 'string' && /[A-Za-zÄÖÜäöüß]/.test(v)));
  const nameCandidates = textual.sort((a, b) => Number(NAME_HINT.test(b)) - Number(NAME_HINT.test(a)));
  const numeric = keys.filter((k) => isNumeric(k) && values(k).some((v) => typeof v === 'number'));
  const id = idCandidates.find((k) => ID_HINT.test(k)) ?? idCandidates.find((k) => !nameCandidates.includes(k)) ?? idCandidates[0] ?? null;
  const name = nameCandidates.find((k) => k !== id) ?? null;
  return { keys, idCandidates, nameCandidates, numeric: numeric.filter((k) => k !== id), id, name };
}

/** Reprojects to WGS84 with the confirmed CRS. */
export function toLonLat(raw: RawBoundaries, code: EpsgCode, swapAxes: boolean): FeatureCollection<Geometry, Record<string, unknown>> {
  return toWgs84(raw.fc, code, { swapAxes, eastingOffset: raw.crs.code === code ? raw.crs.eastingOffset : 0 });
}
