// FlatGeobuf boundaries, read with flatgeobuf's GeoJSON deserializer; the CRS
// comes from the header (EPSG code, else its WKT), else from the coordinates.
import type { Feature, Geometry } from 'geojson';
import type { HeaderMeta } from 'flatgeobuf';
import { crsFromName } from './crs/names';
import { detectCrs, type EpsgHint } from './crs/detect';
import { readWkt } from './crs/wkt';
import { sampleCoordinates } from './crs/reproject';
import { ImportError, errorText, stem, type InputFile } from './common';
import { keepPolygons, newFeatureReport, type RawBoundaries } from './raw-boundaries';

const MAGIC = [0x66, 0x67, 0x62]; // "fgb", then the major version, "fgb", the patch version

/**
 * Whether the size-prefixed features fill the file exactly. The deserializer
 * reads past the end of a truncated buffer without noticing (and the feature
 * count in the header may be 0 = unknown), so the framing is checked first.
 */
function framingProblem(bytes: Uint8Array, header: HeaderMeta, calcTreeSize: (n: number, size: number) => number): string | null {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const { featuresCount, indexNodeSize } = header;
  // calcTreeSize never returns for 0 items
  if (indexNodeSize > 0 && featuresCount === 0) return 'a spatial index without features';
  let offset = 12 + view.getUint32(8, true);
  if (indexNodeSize > 0) offset += calcTreeSize(featuresCount, indexNodeSize);
  let n = 0;
  while (offset + 4 <= bytes.length) {
    offset += 4 + view.getUint32(offset, true);
    n++;
  }
  if (offset !== bytes.length) return 'truncated';
  if (featuresCount > 0 && n !== featuresCount) return `${n} of ${featuresCount} features`;
  return null;
}

/** The CRS named in the header: the EPSG code when known, else the system its WKT defines, else the code string. */
function headerHint(header: HeaderMeta): EpsgHint | null {
  const crs = header.crs;
  if (!crs) return null;
  const base = { source: 'header' as const, origin: 'FlatGeobuf header' };
  // organisation null means EPSG (FlatGeobuf schema)
  const org = (crs.org ?? 'EPSG').trim() || 'EPSG';
  const epsg = org.toUpperCase() === 'EPSG' && crs.code > 0 ? crs.code : null;
  const byCode = epsg !== null ? crsFromName(`EPSG:${epsg}`) : null;
  if (byCode) return { ...base, code: epsg, crs: byCode };
  const fromWkt = crs.wkt ? readWkt(crs.wkt) : null;
  if (fromWkt?.ok) return { ...base, code: epsg, crs: fromWkt.reading.crs, notes: fromWkt.reading.notes };
  const fromString = crs.code_string ? (crsFromName(`${org}:${crs.code_string}`) ?? crsFromName(crs.code_string)) : null;
  if (fromString !== null) return { ...base, crs: fromString };
  const notes = fromWkt && !fromWkt.ok ? [`The FlatGeobuf header's WKT ${fromWkt.error}.`] : [];
  // not known: detectCrs says so and guesses
  return epsg !== null || notes.length ? { ...base, code: epsg, notes } : null;
}

export async function readFlatGeobuf(file: InputFile): Promise<RawBoundaries> {
  const bytes = file.bytes;
  if (bytes.length < 12 || MAGIC.some((b, i) => bytes[i] !== b || bytes[i + 4] !== b)) {
    throw new ImportError(file.name, 'not a FlatGeobuf file');
  }
  if (12 + new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength).getUint32(8, true) > bytes.length) {
    throw new ImportError(file.name, 'the FlatGeobuf file is truncated (header incomplete)');
  }
  const [{ deserialize }, { calcTreeSize }] = await Promise.all([
    import('flatgeobuf/lib/mjs/geojson.js'),
    import('flatgeobuf/lib/mjs/packedrtree.js'),
  ]);
  const meta: { header?: HeaderMeta } = {};
  const features: Feature<Geometry | null, Record<string, unknown> | null>[] = [];
  try {
    const headerMetaFn = (h: HeaderMeta) => {
      const problem = framingProblem(bytes, h, calcTreeSize);
      if (problem) throw new ImportError(file.name, `the FlatGeobuf file is damaged or truncated (${problem})`);
      meta.header = h;
    };
    for await (const f of deserialize(bytes, { headerMetaFn })) {
      features.push(f as Feature<Geometry | null, Record<string, unknown> | null>);
    }
  } catch (err) {
    if (err instanceof ImportError) throw err;
    throw new ImportError(file.name, `the FlatGeobuf file could not be read (${errorText(err)})`);
  }
  const { header } = meta;
  if (!header) throw new ImportError(file.name, 'the FlatGeobuf file could not be read (no header)');
  const report = newFeatureReport();
  const fc = { type: 'FeatureCollection' as const, features: keepPolygons(file.name, features, report) };
  const notes = header.crs ? [] : ['no-crs'];
  return { name: stem(file.name), fc, crs: detectCrs({ epsg: headerHint(header), samples: sampleCoordinates(fc) }), notes, report };
}
