// GeoParquet boundaries, read with hyparquet (which decodes WKB geometry
// columns named in the `geo` metadata, and Parquet's own GEOMETRY type, into
// GeoJSON geometries); hyparquet-compressors adds zstd, gzip, brotli and lz4.
// The CRS comes from the metadata (PROJJSON id; no crs = OGC:CRS84), else from
// the coordinates.
import type { Feature, Geometry } from 'geojson';
import type { CompressionCodec, Compressors, FileMetaData, PageHeader } from 'hyparquet';
import type { parquetHeader as ParquetHeader } from 'hyparquet/src/column.js';
import type { decompressPage as DecompressPage } from 'hyparquet/src/datapage.js';
import type { getMaxDefinitionLevel as GetMaxDefinitionLevel, getMaxRepetitionLevel as GetMaxRepetitionLevel, getSchemaPath as GetSchemaPath } from 'hyparquet/src/schema.js';
import { codeFromName } from './crs/names';
import { detectCrs, type EpsgHint } from './crs/detect';
import { crsByAuthority } from './crs/definitions';
import { readWkt } from './crs/wkt';
import { readProjJson } from './crs/projjson';
import { sampleCoordinates } from './crs/reproject';
import { ImportError, errorText, stem, valueText, type InputFile } from './common';
import { keepPolygons, newFeatureReport, type RawBoundaries } from './raw-boundaries';

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const PAR1 = [0x50, 0x41, 0x52, 0x31];

/** A property value as plain JSON-like data: BigInt → number (string beyond 2^53), Date → ISO text, binary dropped. */
function plain(v: unknown): unknown {
  if (typeof v === 'bigint') {
    const safe = v >= BigInt(Number.MIN_SAFE_INTEGER) && v <= BigInt(Number.MAX_SAFE_INTEGER);
    return safe ? Number(v) : v.toString();
  }
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? null : v.toISOString();
  if (ArrayBuffer.isView(v) || v instanceof ArrayBuffer) return undefined;
  if (Array.isArray(v)) return v.map((x) => plain(x) ?? null);
  if (isObject(v)) {
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v)) {
      const p = plain(x);
      if (p !== undefined) out[k] = p;
    }
    return out;
  }
  return v === undefined ? null : v;
}

// Far beyond any boundary file; guards against damaged counts (see checkPages).
const MAX_ROWS = 1_000_000;
const MAX_VALUES = 10_000_000;
const MAX_PAGE_BYTES = 256 * 1024 * 1024;
const count = (n: unknown): n is number => typeof n === 'number' && Number.isInteger(n) && n >= 0;

function pageProblem(page: PageHeader, values: number, room: number): string | null {
  const size = page.compressed_page_size;
  if (!count(size) || size > room) return 'a page that exceeds its column chunk';
  if (!count(page.uncompressed_page_size) || page.uncompressed_page_size > MAX_PAGE_BYTES) return 'a page of impossible size';
  if (page.type === 'INDEX_PAGE') return null;
  const header = page.data_page_header ?? page.data_page_header_v2 ?? page.dictionary_page_header;
  if (!header || !header.encoding) return 'a damaged page header';
  if (!count(header.num_values) || header.num_values > values) return 'a page with an impossible number of values';
  const v2 = page.data_page_header_v2;
  // missing level lengths make hyparquet read from offset NaN, which never ends
  if (
    v2 &&
    !(
      count(v2.num_nulls) &&
      v2.num_nulls <= v2.num_values &&
      count(v2.num_rows) &&
      count(v2.definition_levels_byte_length) &&
      count(v2.repetition_levels_byte_length) &&
      v2.definition_levels_byte_length + v2.repetition_levels_byte_length <= size
    )
  ) {
    return 'a damaged page header';
  }
  return null;
}

/**
 * Whether a run-length / bit-packed hybrid stream (levels, dictionary
 * indices) holds a run beyond `values` values. hyparquet writes every value of
 * a run into a plain array without checking the run against the page: one
 * damaged run length (up to two billion) grows the array until the tab runs
 * out of memory. Bit-packed runs read their bytes and end with the page. The
 * arithmetic is hyparquet's (32-bit varints), so the same runs are read.
 */
function overlongRun(bytes: Uint8Array, start: number, bitWidth: number, values: number): boolean {
  const width = (bitWidth + 7) >> 3;
  let at = start;
  let seen = 0;
  while (seen < values && at < bytes.length) {
    let header = 0;
    for (let shift = 0; ; shift += 7) {
      if (at >= bytes.length) return false; // hyparquet throws at the end of the page
      const byte = bytes[at++]!;
      header |= (byte & 0x7f) << shift;
      if (!(byte & 0x80)) break;
    }
    if (header & 1) {
      const groups = header >> 1;
      if (groups < 0) return false;
      seen += groups * 8;
      at += groups * bitWidth;
    } else {
      const count = header >>> 1;
      if (seen + count > values) return true;
      seen += count;
      at += width;
    }
  }
  return false;
}

interface PageColumn {
  codec: CompressionCodec;
  maxRepetition: number;
  maxDefinition: number;
  compressors: Compressors;
  decompress: typeof DecompressPage;
}

const levelWidth = (max: number) => 32 - Math.clz32(max);

/** Whether a data page's levels or dictionary indices hold an overlong run (see overlongRun). */
function pageRunsProblem(page: PageHeader, body: Uint8Array, c: PageColumn): boolean {
  const u32 = (b: Uint8Array, at: number) => (at + 4 <= b.length ? new DataView(b.buffer, b.byteOffset + at, 4).getUint32(0, true) : 0);
  const valuesOverlong = (values: Uint8Array, at: number, encoding: string, n: number) => {
    if (encoding === 'RLE') return overlongRun(values, at + 4, 1, n);
    if (encoding === 'RLE_DICTIONARY' || encoding === 'PLAIN_DICTIONARY') return at < values.length && values[at]! > 0 && overlongRun(values, at + 1, values[at]!, n);
    return false;
  };
  const v1 = page.data_page_header;
  if (v1) {
    const bytes = c.decompress(body, page.uncompressed_page_size, c.codec, c.compressors);
    let at = 0;
    for (const max of [c.maxRepetition, c.maxDefinition]) {
      if (!max) continue;
      if (overlongRun(bytes, at + 4, levelWidth(max), v1.num_values)) return true;
      at += 4 + u32(bytes, at);
    }
    return valuesOverlong(bytes, at, v1.encoding, v1.num_values);
  }
  const v2 = page.data_page_header_v2;
  if (v2) {
    const n = v2.num_values;
    if (c.maxRepetition && overlongRun(body, 0, levelWidth(c.maxRepetition), n)) return true;
    if (c.maxDefinition && overlongRun(body, v2.repetition_levels_byte_length, levelWidth(c.maxDefinition), n)) return true;
    const levels = v2.repetition_levels_byte_length + v2.definition_levels_byte_length;
    const values = v2.is_compressed === false ? body.subarray(levels) : c.decompress(body.subarray(levels), page.uncompressed_page_size - levels, c.codec, c.compressors);
    return valuesOverlong(values, 0, v2.encoding, n);
  }
  return false;
}

/** hyparquet's own functions the checks need (loaded on demand with hyparquet). */
interface Hyparquet {
  parquetHeader: typeof ParquetHeader;
  decompressPage: typeof DecompressPage;
  getSchemaPath: typeof GetSchemaPath;
  getMaxRepetitionLevel: typeof GetMaxRepetitionLevel;
  getMaxDefinitionLevel: typeof GetMaxDefinitionLevel;
  compressors: Compressors;
}

/**
 * Checks every page header against its column chunk before hyparquet decodes
 * the pages. hyparquet trusts the headers: a damaged one (a few overwritten
 * bytes) can make it fill arrays of billions of entries, or loop forever on a
 * missing level length, which would hang the tab instead of failing. The runs
 * of levels and dictionary indices are checked too (see overlongRun). Returns
 * the problem, or null. Other damage inside the encoded values is left to
 * hyparquet (it throws when it reads past a page).
 */
function checkPages(metadata: FileMetaData, buffer: ArrayBuffer, h: Hyparquet): string | null {
  if (Number(metadata.num_rows) > MAX_ROWS) return `more than ${MAX_ROWS.toLocaleString('en')} rows`;
  for (const group of metadata.row_groups) {
    if (Number(group.num_rows) > MAX_ROWS) return `more than ${MAX_ROWS.toLocaleString('en')} rows`;
    for (const chunk of group.columns) {
      const meta = chunk.meta_data;
      if (!meta) continue;
      const start = Number(meta.dictionary_page_offset || meta.data_page_offset);
      const end = start + Number(meta.total_compressed_size);
      const values = Number(meta.num_values);
      if (!(start >= 0 && start <= end && end <= buffer.byteLength)) return 'a column chunk lies outside the file';
      if (!(values >= 0 && values <= MAX_VALUES)) return 'a column chunk with an impossible number of values';
      const schemaPath = h.getSchemaPath(metadata.schema, meta.path_in_schema);
      const column: PageColumn = {
        codec: meta.codec,
        maxRepetition: h.getMaxRepetitionLevel(schemaPath),
        maxDefinition: h.getMaxDefinitionLevel(schemaPath),
        compressors: h.compressors,
        decompress: h.decompressPage,
      };
      const reader = { view: new DataView(buffer, start, end - start), offset: 0 };
      // the same loop condition as hyparquet's readColumn
      while (reader.offset < reader.view.byteLength - 1) {
        const page = h.parquetHeader(reader);
        const problem = pageProblem(page, values, reader.view.byteLength - reader.offset);
        if (problem) return problem;
        const body = new Uint8Array(buffer, start + reader.offset, page.compressed_page_size);
        if (pageRunsProblem(page, body, column)) return 'a page with a run of impossible length';
        reader.offset += page.compressed_page_size;
      }
    }
  }
  return null;
}

const hint = (code: number, origin: string): EpsgHint => ({ code, source: 'metadata', origin });

/** A known code from a PROJJSON object's id, else the system it defines in full. */
function fromProjJson(crs: Record<string, unknown>, origin: string): EpsgHint | null {
  const id = isObject(crs.id) ? crs.id : Array.isArray(crs.ids) && isObject(crs.ids[0]) ? crs.ids[0] : null;
  const named = id && typeof id.authority === 'string' && id.code != null ? codeFromName(`${id.authority}:${valueText(id.code)}`) : null;
  const known = named ? crsByAuthority(named.authority, named.code) : null;
  if (known) return { ...hint(known.code ?? 0, origin), crs: known };
  const read = readProjJson(crs);
  if (read.ok) return { source: 'metadata', origin, crs: read.reading.crs, notes: read.reading.notes };
  const note = `The ${origin}'s PROJJSON ${read.error}.`;
  // an EPSG code that is not known: detectCrs says so and guesses
  return named?.authority === 'EPSG' ? { ...hint(named.code, origin), notes: [note] } : { source: 'metadata', origin, notes: [note] };
}

/** A system from a CRS given as text: "EPSG:25832", "OGC:CRS84", "srid:25832", WKT or PROJJSON text. */
function fromText(text: string, origin: string): EpsgHint | null {
  const s = text.trim();
  const srid = /^srid:(\d+)$/i.exec(s);
  if (srid) return hint(Number(srid[1]), origin);
  const named = codeFromName(s);
  if (named) {
    const known = crsByAuthority(named.authority, named.code);
    return known ? { ...hint(known.code ?? 0, origin), crs: known } : named.authority === 'EPSG' ? hint(named.code, origin) : null;
  }
  if (s.startsWith('{')) {
    try {
      const parsed: unknown = JSON.parse(s);
      return isObject(parsed) ? fromProjJson(parsed, origin) : null;
    } catch {
      return null;
    }
  }
  const read = readWkt(s);
  return read.ok
    ? { source: 'metadata', origin, crs: read.reading.crs, notes: read.reading.notes }
    : { source: 'metadata', origin, notes: [`The ${origin}'s WKT ${read.error}.`] };
}

/** The geometry column, the columns that are not attributes, and the CRS hint. */
function geometryColumn(file: InputFile, metadata: FileMetaData) {
  // top-level columns (nested ones are skipped with their children)
  const top: FileMetaData['schema'] = [];
  for (let i = 1; i < metadata.schema.length; i++) {
    top.push(metadata.schema[i]!);
    i += metadata.schema[i]!.num_children ?? 0;
  }
  const kv = (key: string) => metadata.key_value_metadata?.find((e) => e.key === key)?.value;
  const geoText = kv('geo');
  if (geoText !== undefined) {
    let geo: unknown;
    try {
      geo = JSON.parse(geoText);
    } catch {
      throw new ImportError(file.name, 'the GeoParquet metadata ("geo") is not valid JSON');
    }
    const columns = isObject(geo) && isObject(geo.columns) ? geo.columns : {};
    const names = Object.keys(columns);
    const name = isObject(geo) && typeof geo.primary_column === 'string' ? geo.primary_column : names[0];
    const meta = name !== undefined ? columns[name] : undefined;
    if (name === undefined || !isObject(meta) || !top.some((e) => e.name === name)) {
      throw new ImportError(file.name, 'no geometry column (the GeoParquet metadata names none that the file contains)');
    }
    if (meta.encoding !== 'WKB') {
      throw new ImportError(file.name, `the geometry encoding "${valueText(meta.encoding).slice(0, 40)}" is not supported (only WKB)`);
    }
    // GeoParquet 1.1 bounding-box covering columns are no attributes either
    const covering = names.flatMap((n) => {
      const c = columns[n];
      const xmin = isObject(c) && isObject(c.covering) && isObject(c.covering.bbox) ? c.covering.bbox.xmin : undefined;
      return Array.isArray(xmin) && typeof xmin[0] === 'string' ? [xmin[0]] : [];
    });
    const origin = 'GeoParquet metadata';
    let crs: EpsgHint | null = null;
    // no crs member: OGC:CRS84 (longitude/latitude); crs null: unknown
    if (!('crs' in meta)) crs = hint(4326, `${origin} (without crs: the default OGC:CRS84)`);
    else if (isObject(meta.crs)) crs = fromProjJson(meta.crs, origin);
    else if (typeof meta.crs === 'string') crs = fromText(meta.crs, origin);
    return { name, skip: new Set([...names, ...covering]), crs, unknownCrs: meta.crs === null, several: names.length > 1 };
  }
  // Parquet's own GEOMETRY / GEOGRAPHY logical type (format 2.11), without GeoParquet metadata
  const native = top.filter((e) => e.logical_type?.type === 'GEOMETRY' || e.logical_type?.type === 'GEOGRAPHY');
  const first = native[0];
  if (!first) throw new ImportError(file.name, 'no geometry column (not a GeoParquet file: the "geo" metadata is missing)');
  const origin = 'Parquet geometry type';
  const text = first.logical_type && 'crs' in first.logical_type ? first.logical_type.crs : undefined;
  let crs: EpsgHint | null;
  if (!text) crs = hint(4326, `${origin} (without crs: the default OGC:CRS84)`);
  else if (/^projjson:/i.test(text)) crs = fromText(kv(text.slice(9)) ?? '', origin);
  else crs = fromText(text, origin);
  return { name: first.name, skip: new Set(native.map((e) => e.name)), crs, unknownCrs: false, several: native.length > 1 };
}

export async function readGeoParquet(file: InputFile): Promise<RawBoundaries> {
  const b = file.bytes;
  if (b.length < 12 || PAR1.some((v, i) => b[i] !== v)) throw new ImportError(file.name, 'not a Parquet file');
  if (PAR1.some((v, i) => b[b.length - 4 + i] !== v)) {
    throw new ImportError(file.name, 'the Parquet file is truncated (its footer is missing)');
  }
  // hyparquet reads from an ArrayBuffer: a copy that holds just this file
  const buffer = b.slice().buffer;
  const [{ parquetMetadata, parquetReadObjects }, { parquetHeader }, { decompressPage }, schema, { compressors }] = await Promise.all([
    import('hyparquet'),
    import('hyparquet/src/column.js'),
    import('hyparquet/src/datapage.js'),
    import('hyparquet/src/schema.js'),
    import('hyparquet-compressors'),
  ]);
  let metadata: FileMetaData;
  let problem: string | null;
  try {
    metadata = parquetMetadata(buffer);
    problem = checkPages(metadata, buffer, { parquetHeader, decompressPage, compressors, ...schema });
  } catch (err) {
    throw new ImportError(file.name, `the Parquet file could not be read (${errorText(err)})`);
  }
  if (problem) throw new ImportError(file.name, `the Parquet file is damaged or not supported (${problem})`);
  const column = geometryColumn(file, metadata);
  let rows: Record<string, unknown>[];
  try {
    rows = await parquetReadObjects({ file: buffer, metadata, compressors });
  } catch (err) {
    // damaged pages or geometry (truncated WKB), unsupported codecs, …
    throw new ImportError(file.name, `the Parquet file could not be read (${errorText(err)})`);
  }
  const features = rows.map((row): Feature<Geometry | null, Record<string, unknown>> => {
    const properties: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(row)) {
      if (column.skip.has(k)) continue;
      const p = plain(v);
      if (p !== undefined) properties[k] = p;
    }
    const g = row[column.name];
    return { type: 'Feature', properties, geometry: isObject(g) && typeof g.type === 'string' ? (g as unknown as Geometry) : null };
  });
  const report = newFeatureReport();
  const fc = { type: 'FeatureCollection' as const, features: keepPolygons(file.name, features, report) };
  const notes: string[] = [];
  if (column.several) notes.push(`geoparquet-column:${column.name}`);
  if (column.unknownCrs) notes.push('no-crs');
  return { name: stem(file.name), fc, crs: detectCrs({ epsg: column.crs, samples: sampleCoordinates(fc) }), notes, report };
}
