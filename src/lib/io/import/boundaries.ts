// Boundaries from the user's files: GeoJSON, TopoJSON, FlatGeobuf, GeoParquet,
// or a Shapefile (a .zip, or the .shp/.shx/.dbf/.prj/.cpg files together).
// Reads the geometry raw, detects the coordinate system (crs/), and suggests
// which attribute is the area key and which the name; numeric attributes become
// indicators. The readers of the binary formats and TopoJSON live in read-*.ts
// and are imported on demand, so their libraries stay out of the initial bundle.
import type { FeatureCollection, Geometry } from 'geojson';
import { unzip } from 'but-unzip';
import { detectCrs } from './crs/detect';
import { sampleCoordinates, toWgs84 } from './crs/reproject';
import type { Crs } from './crs/definitions';
import { errorText, fileText, ImportError, parseJson, stem, valueText, type InputFile } from './common';
import { BOUNDARY_EXTENSIONS, extension, SHAPEFILE_PARTS } from './file-kinds';
import { keepPolygons, newFeatureReport, type RawBoundaries } from './raw-boundaries';
import { archiveProblem, InflateLimitError, MAX_UNZIPPED_BYTES, meteredInflate, zipDirectory } from './zip-guard';

/** The parts of boundary files an archive is expanded for (anything else in it is left packed). */
const ARCHIVE_PARTS = new Set<string>([...BOUNDARY_EXTENSIONS.filter((e) => e !== 'zip'), ...SHAPEFILE_PARTS]);

/**
 * Expands .zip archives into their files (macOS metadata skipped, and only
 * the parts of boundary files). Archives that would expand beyond the limits
 * of zip-guard.ts are refused before anything is expanded, and an entry that
 * grows beyond the size it declares is cut off (a zip bomb can lie).
 */
async function expand(files: readonly InputFile[]): Promise<InputFile[]> {
  const out: InputFile[] = [];
  for (const f of files) {
    if (extension(f.name) !== 'zip') {
      out.push(f);
      continue;
    }
    const wanted = (name: string) => !name.includes('__MACOSX') && !name.endsWith('/') && ARCHIVE_PARTS.has(extension(name));
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
  const byExt = (e: string) => files.filter((f) => extension(f.name) === e);
  const shp = byExt('shp')[0];
  if (shp) return readShapefile(shp, files);
  const fgb = byExt('fgb')[0];
  if (fgb) return (await import('./read-flatgeobuf')).readFlatGeobuf(fgb);
  const parquet = [...byExt('parquet'), ...byExt('geoparquet')][0];
  if (parquet) return (await import('./read-geoparquet')).readGeoParquet(parquet);
  const json = [...byExt('topojson'), ...byExt('geojson'), ...byExt('json')][0];
  if (json) return readJson(json);
  const gpkg = byExt('gpkg')[0];
  if (gpkg) {
    // a GeoPackage inside an archive: its first polygon layer (parse-import.ts reads a dropped .gpkg with the layer choice)
    const read = await (await import('./read-geopackage')).readGeoPackage(gpkg);
    if (read.kind === 'boundaries') return read.raw;
    throw new ImportError(gpkg.name, 'the GeoPackage holds no polygon layer (its point layers can be imported when the .gpkg is given without the archive)');
  }
  throw new ImportError(
    input.map((f) => f.name).join(', '),
    'no boundaries found (expected .geojson, .json, .topojson, .fgb, .parquet, .geoparquet, .gpkg, .shp or a .zip with a shapefile)',
  );
}

/** GeoJSON, or TopoJSON (a .topojson, or a .json/.geojson whose type is "Topology"). */
async function readJson(file: InputFile): Promise<RawBoundaries> {
  const parsed = parseJson(file.name, fileText(file));
  const type = parsed && typeof parsed === 'object' ? (parsed as { type?: unknown }).type : undefined;
  if (type === 'Topology') return (await import('./read-topojson')).readTopology(file.name, parsed as Record<string, unknown>);
  const fc = parsed as FeatureCollection<Geometry, Record<string, unknown>>;
  if (type !== 'FeatureCollection' || !Array.isArray(fc.features)) {
    throw new ImportError(file.name, extension(file.name) === 'topojson' ? 'not a TopoJSON topology' : 'not a GeoJSON FeatureCollection');
  }
  const report = newFeatureReport();
  const clean = { ...fc, features: keepPolygons(file.name, fc.features, report) };
  return { name: stem(file.name), fc: clean, crs: detectCrs({ geojson: parsed, samples: sampleCoordinates(clean) }), notes: [], report };
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
  const part = (e: string) => files.find((f) => extension(f.name) === e && stem(f.name).toLowerCase() === base);
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
  const report = newFeatureReport();
  const clean = { type: 'FeatureCollection' as const, features: keepPolygons(shp.name, Array.isArray(fc?.features) ? fc.features : [], report) };
  const prjText = prj ? fileText(prj) : null;
  if (!prj) notes.push('no-prj');
  return { name: stem(shp.name), fc: clean, crs: detectCrs({ prj: prjText, samples: sampleCoordinates(clean) }), notes, report };
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
export function toLonLat(raw: RawBoundaries, crs: Crs, swapAxes: boolean): FeatureCollection<Geometry, Record<string, unknown>> {
  return toWgs84(raw.fc, crs, { swapAxes });
}
