// What the user dropped into the import dialog, read and recognised: a project
// file, a table (CSV, XLSX), a point layer (GeoJSON points, a table with
// coordinates) or boundaries (GeoJSON, TopoJSON, Shapefile, FlatGeobuf,
// GeoParquet). Runs in a web worker (parse.worker.ts) so that large files do
// not freeze the tab; pure, so the unit tests run it directly.
import { ImportError, readBoundaries, type InputFile, type RawBoundaries } from './import-boundaries';
import { decodeText } from './text-decode';
import { parseDelimited, suggestMapping, type Cell, type TableSuggestion } from './table-detect';
import type { SheetRows } from './read-xlsx';
import { looksLikePointGeoJson, pointsFromRows, readPointsGeoJson, type RawPoints } from './import-points';
import { bestSheet } from './import-table';

export type ParsedImport =
  | { kind: 'project'; text: string; fileName: string }
  | { kind: 'table'; fileName: string; sheets: SheetRows[]; sheet: string; suggestion: TableSuggestion; points: RawPoints | null }
  | { kind: 'points'; fileName: string; raw: RawPoints }
  | { kind: 'boundaries'; fileName: string; raw: RawBoundaries };

/** A failure the dialog words itself (German first): an old .xls, a table without key column. */
export class ImportCodeError extends ImportError {
  constructor(
    file: string,
    readonly code: 'xls' | 'no-key-column',
  ) {
    super(file, code);
  }
}

/** Stages reported while reading, with the share of the work done (0–1). */
export type ParseProgress = (stage: 'decode' | 'parse' | 'detect', done: number) => void;

const TABLE_EXT = /\.(csv|txt|tsv|xlsx)$/i;
const GEO_EXT = /\.(zip|shp|geojson|json|topojson|fgb|parquet|geoparquet)$/i;

export async function parseImport(files: readonly InputFile[], progress: ParseProgress = () => {}): Promise<ParsedImport> {
  const names = files.map((f) => f.name).join(', ');
  if (files.length === 0) throw new ImportError('–', 'no file');
  if (files.some((f) => /\.xls$/i.test(f.name))) throw new ImportCodeError(names, 'xls');

  // A single JSON file: a project file, point GeoJSON, or boundaries.
  const only = files.length === 1 ? files[0]! : null;
  if (only && /\.(geo)?json$/i.test(only.name)) {
    progress('decode', 0);
    const text = decodeText(only.bytes).text;
    if (/"format"\s*:\s*"quartiersatlas-project"/.test(text.slice(0, 4096))) return { kind: 'project', text, fileName: only.name };
    if (looksLikePointGeoJson(text)) {
      progress('parse', 0.3);
      return { kind: 'points', fileName: only.name, raw: readPointsGeoJson(only, text) };
    }
  }

  const table = files.find((f) => TABLE_EXT.test(f.name));
  if (table && !files.some((f) => GEO_EXT.test(f.name))) return parseTable(table, progress);

  progress('parse', 0.2);
  const raw = await readBoundaries(files);
  progress('detect', 0.9);
  return { kind: 'boundaries', fileName: names, raw };
}

async function parseTable(file: InputFile, progress: ParseProgress): Promise<ParsedImport> {
  let sheets: SheetRows[];
  if (/\.xlsx$/i.test(file.name)) {
    progress('parse', 0.1);
    const { readWorkbook } = await import('./read-xlsx');
    sheets = await readWorkbook(file.bytes, file.name);
  } else {
    progress('decode', 0.05);
    const text = decodeText(file.bytes).text;
    progress('parse', 0.25);
    const rows: Cell[][] = parseDelimited(text, undefined, (done) => progress('parse', 0.25 + done * 0.5)).rows;
    sheets = [{ name: '', rows }];
  }
  progress('detect', 0.8);
  const sheet = sheets.length === 1 ? sheets[0]! : bestSheet(sheets);
  if (!sheet) throw new ImportCodeError(file.name, 'no-key-column');
  // A table with coordinate columns can be a point layer (the dialog offers both).
  const points = pointsFromRows(sheet.rows, file.name);
  progress('detect', 0.9);
  return { kind: 'table', fileName: file.name, sheets, sheet: sheet.name, suggestion: suggestMapping(sheet.rows), points };
}
