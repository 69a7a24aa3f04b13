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
import { archiveProblem, InflateLimitError, MAX_UNZIPPED_BYTES, meteredInflate, zipDirectory } from './zip-guard';

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

/** A value from a file as text, never throwing: String() throws for an object such as {"toString": 1}. */
export function valueText(v: unknown): string {
  if (v === null || v === undefined) return '';
  if (typeof v !== 'object' && typeof v !== 'function') return String(v);
  try {
    return JSON.stringify(v) ?? '';
  } catch {
    return '';
  }
}

const BOUNDARY_EXT = ['geojson', 'json', 'topojson', 'shp', 'zip', 'fgb', 'parquet', 'geoparquet'];

export function isBoundaryFile(name: string): boolean {
  return BOUNDARY_EXT.includes(ext(name));
}

/** Text files larger than this are refused before decoding (the dialog's limit for all files together). */
export const MAX_TEXT_BYTES = 200 * 1024 * 1024;

/** A file's text (see decodeText); refuses files too large to hold as a string. */
export function fileText(file: InputFile): string {
  if (file.bytes.length > MAX_TEXT_BYTES) {
    throw new ImportError(file.name, `is too large to read (${Math.round(file.bytes.length / 1024 / 1024)} MB; at most ${MAX_TEXT_BYTES / 1024 / 1024} MB)`);
  }
  return decodeText(file.bytes).text;
}

/** No GeoJSON or project file comes near this; deeper data overflows the stack of recursive code (JSON.stringify, String(), structured clone). */
export const MAX_JSON_DEPTH = 64;

/** The deepest nesting of arrays and objects in JSON text (strings skipped), stopping early beyond `max`. */
function jsonDepth(text: string, max: number): number {
  let depth = 0;
  let deepest = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x22) {
      // a string: skip to its closing quote
      for (i++; i < text.length; i++) {
        const d = text.charCodeAt(i);
        if (d === 0x5c) i++;
        else if (d === 0x22) break;
      }
    } else if (c === 0x5b || c === 0x7b) {
      if (++depth > deepest && (deepest = depth) > max) return deepest;
    } else if (c === 0x5d || c === 0x7d) depth--;
  }
  return deepest;
}

/** JSON.parse with the file named in errors, refusing nesting deeper than MAX_JSON_DEPTH. */
export function parseJson(fileName: string, text: string): unknown {
  if (jsonDepth(text, MAX_JSON_DEPTH) > MAX_JSON_DEPTH) throw new ImportError(fileName, `is nested too deeply (more than ${MAX_JSON_DEPTH} levels)`);
  try {
    return JSON.parse(text);
  } catch (err) {
    throw new ImportError(fileName, `not valid JSON (${errorText(err)})`);
  }
}

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
 * corners; and when no polygon is left.
 */
export function keepPolygons(fileName: string, features: readonly AnyFeature[]): Feature<Geometry, Record<string, unknown>>[] {
  const out: Feature<Geometry, Record<string, unknown>>[] = [];
  features.forEach((f, i) => {
    const g = f?.geometry;
    if (!g || (g.type !== 'Polygon' && g.type !== 'MultiPolygon')) return;
    const parts = g.type === 'Polygon' ? [g.coordinates as unknown] : Array.isArray(g.coordinates) ? (g.coordinates as unknown[]) : [g.coordinates as unknown];
    const polygons: Ring[][] = [];
    for (const part of parts) {
      const rings = polygonRings(part);
      if (rings === 'empty') continue;
      if (rings === 'invalid') throw new ImportError(fileName, `feature ${i + 1} contains invalid coordinates (is the file damaged or truncated?)`);
      if (rings.some((r) => r.length > 0 && r.length < 4)) throw new ImportError(fileName, `feature ${i + 1} has a ring with fewer than three corners`);
      polygons.push(rings.filter((r) => r.length > 0));
    }
    if (polygons.length === 0) return; // an empty geometry: like none
    const geometry: Geometry = g.type === 'Polygon' ? { type: 'Polygon', coordinates: polygons[0]! } : { type: 'MultiPolygon', coordinates: polygons };
    const properties = f.properties && typeof f.properties === 'object' ? f.properties : {};
    out.push({ ...f, type: 'Feature', geometry, properties });
  });
  if (out.length === 0) throw new ImportError(fileName, 'contains no polygons (areas)');
  return out;
}

/** The parts of boundary files an archive is expanded for (anything else in it is left packed). */
const ARCHIVE_PARTS = new Set([...BOUNDARY_EXT.filter((e) => e !== 'zip'), 'shx', 'dbf', 'prj', 'cpg']);

/**
 * Expands .zip archives into their files (macOS metadata skipped, and only
 * the parts of boundary files). Archives that would expand beyond the limits
 * of zip-guard.ts are refused before anything is expanded, and an entry that
 * grows beyond the size it declares is cut off (a zip bomb can lie).
 */
async function expand(files: readonly InputFile[]): Promise<InputFile[]> {
  const out: InputFile[] = [];
  for (const f of files) {
    if (ext(f.name) !== 'zip') {
      out.push(f);
      continue;
    }
    const wanted = (name: string) => !name.includes('__MACOSX') && !name.endsWith('/') && ARCHIVE_PARTS.has(ext(name));
    // Without a readable central directory, but-unzip is not even asked: it searches a small file
    // without one forever (its backward search wraps around to the end).
    const directory = zipDirectory(f.bytes);
    if (!directory) throw new ImportError(f.name, 'not a readable zip archive (its central directory is missing or damaged: is the file truncated?)');
    const problem = archiveProblem(directory.filter((e) => wanted(e.name)));
    if (problem) throw new ImportError(f.name, problem);
    // The limit for the entry being read: its declared size (the metered inflate stops beyond it).
    let limit = 0;
    let items;
    try {
      items = unzip(f.bytes, (raw) => meteredInflate(raw, limit));
    } catch (err) {
      throw new ImportError(f.name, `not a readable zip archive (${errorText(err)})`);
    }
    let budget = MAX_UNZIPPED_BYTES;
    for (const [i, item] of items.entries()) {
      if (!wanted(item.filename)) continue;
      const declared = directory[i]?.name === item.filename ? directory[i]!.size : budget;
      limit = Math.min(declared, budget);
      let bytes: Uint8Array;
      try {
        bytes = await item.read();
      } catch (err) {
        const why = err instanceof InflateLimitError ? `${item.filename} expands beyond the size the archive gives for it` : `${item.filename} cannot be expanded (${errorText(err)})`;
        throw new ImportError(f.name, `the zip archive is damaged or not supported: ${why}`);
      }
      budget -= bytes.length;
      out.push({ name: item.filename, bytes });
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
  const parsed = parseJson(file.name, fileText(file));
  const type = parsed && typeof parsed === 'object' ? (parsed as { type?: unknown }).type : undefined;
  if (type === 'Topology') return (await import('./read-topojson')).readTopology(file.name, parsed as Record<string, unknown>);
  const fc = parsed as FeatureCollection<Geometry, Record<string, unknown>>;
  if (type !== 'FeatureCollection' || !Array.isArray(fc.features)) {
    throw new ImportError(file.name, ext(file.name) === 'topojson' ? 'not a TopoJSON topology' : 'not a GeoJSON FeatureCollection');
  }
  const clean = { ...fc, features: keepPolygons(file.name, fc.features) };
  return { name: stem(file.name), fc: clean, crs: detectCrs({ geojson: parsed, samples: sampleCoordinates(clean) }), notes: [] };
}

/**
 * Why a .dbf cannot be read, or null. parsedbf (in shpjs) trusts the record
 * count of the header and reads that many records past the end of the file:
 * a damaged count (up to 4 billion) hangs the tab until it runs out of memory.
 */
function dbfProblem(bytes: Uint8Array): string | null {
  if (bytes.length < 32) return 'too short for a dBASE header';
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const records = view.getUint32(4, true);
  const headerLength = view.getUint16(8, true);
  const recordLength = view.getUint16(10, true);
  if (headerLength < 33 || headerLength > bytes.length || (records > 0 && recordLength === 0)) return 'its header is damaged';
  const room = Math.floor((bytes.length - headerLength) / Math.max(1, recordLength));
  if (records > room) return `it lists ${records.toLocaleString('en')} records but holds ${room.toLocaleString('en')} (is it truncated?)`;
  return null;
}

async function readShapefile(shp: InputFile, files: readonly InputFile[]): Promise<RawBoundaries> {
  const base = stem(shp.name).toLowerCase();
  const part = (e: string) => files.find((f) => ext(f.name) === e && stem(f.name).toLowerCase() === base);
  const dbf = part('dbf');
  const prj = part('prj');
  const cpg = part('cpg');
  const notes: string[] = [];
  // A .dbf without .cpg is read as Windows-1252 (what German GIS exports use).
  const encoding = cpg ? fileText(cpg).trim() || 'windows-1252' : 'windows-1252';
  const damaged = dbf && dbfProblem(dbf.bytes);
  if (damaged) throw new ImportError(dbf.name, `the .dbf file is damaged: ${damaged}`);
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
  // damaged .shp files give NaN or wild coordinates: checked like the other formats
  const clean = { type: 'FeatureCollection' as const, features: keepPolygons(shp.name, Array.isArray(fc?.features) ? fc.features : []) };
  const prjText = prj ? fileText(prj) : null;
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
  const text = (v: unknown) => valueText(v).trim();
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
