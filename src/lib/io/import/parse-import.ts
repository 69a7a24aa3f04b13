// What the user dropped into the import dialog, read and recognised: a project
// file, a table (CSV, XLSX, ODS), a point layer (GeoJSON points, a table with
// coordinates, a GeoPackage point layer) or boundaries (GeoJSON, TopoJSON,
// Shapefile, FlatGeobuf, GeoParquet, GeoPackage). Runs in a web worker (import.worker.ts) so that large files do
// not freeze the tab; pure, so the unit tests run it directly.
import { fileText, ImportError, type InputFile } from './common';
import { readBoundaries } from './boundaries';
import type { RawBoundaries } from './raw-boundaries';
import { parseDelimited } from './table/csv';
import { suggestMapping, type TableSuggestion } from './table/mapping';
import type { Cell } from './table/cells';
import type { SheetRows } from './read-xlsx';
import { looksLikePointGeoJson, pointsFromRows, readPointsGeoJson, type RawPoints } from './points';
import { bestSheet } from './table-join';
import { extension, isBoundaryFile, isTableFile } from './file-kinds';
import type { GpkgLayer } from './read-geopackage';

/** A GeoPackage's feature layers and the one that was read (the dialog offers the others, like sheets). */
export interface LayerChoice {
  layers: GpkgLayer[];
  layer: string;
}

export type ParsedImport =
  | { kind: 'project'; text: string; fileName: string }
  | { kind: 'table'; fileName: string; sheets: SheetRows[]; sheet: string; suggestion: TableSuggestion; points: RawPoints | null }
  | { kind: 'points'; fileName: string; raw: RawPoints; gpkg?: LayerChoice }
  | { kind: 'boundaries'; fileName: string; raw: RawBoundaries; gpkg?: LayerChoice };

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

/**
 * Limits for tables: Excel's own (1,048,576 rows × 16,384 columns) with room
 * for CSV files that were never opened in Excel. Beyond them the rows would
 * not fit in the tab's memory (or the detection would take minutes).
 */
export const MAX_TABLE_ROWS = 2_000_000;
export const MAX_TABLE_COLUMNS = 16_384;


export async function parseImport(files: readonly InputFile[], progress: ParseProgress = () => {}): Promise<ParsedImport> {
  const names = files.map((f) => f.name).join(', ');
  if (files.length === 0) throw new ImportError('–', 'no file');
  if (files.some((f) => /\.xls$/i.test(f.name))) throw new ImportCodeError(names, 'xls');

  // A single JSON file: a project file, point GeoJSON, or boundaries.
  const only = files.length === 1 ? files[0]! : null;
  if (only && /\.(geo)?json$/i.test(only.name)) {
    progress('decode', 0);
    const text = fileText(only);
    if (/"format"\s*:\s*"quartiersatlas-project"/.test(text.slice(0, 4096))) return { kind: 'project', text, fileName: only.name };
    if (looksLikePointGeoJson(text)) {
      progress('parse', 0.3);
      return { kind: 'points', fileName: only.name, raw: readPointsGeoJson(only, text) };
    }
  }

  const table = files.find((f) => isTableFile(f.name));
  if (table && !files.some((f) => isBoundaryFile(f.name))) return parseTable(table, progress);

  const gpkg = files.find((f) => extension(f.name) === 'gpkg');
  if (gpkg) {
    progress('parse', 0.2);
    return parseGeoPackage(gpkg);
  }

  progress('parse', 0.2);
  const raw = await readBoundaries(files);
  progress('detect', 0.9);
  return { kind: 'boundaries', fileName: names, raw };
}

/** A GeoPackage's layer `layer` (default: the first polygon layer, else the first point layer) as boundaries or points. */
export async function parseGeoPackage(file: InputFile, layer?: string): Promise<Extract<ParsedImport, { kind: 'points' | 'boundaries' }>> {
  const read = await (await import('./read-geopackage')).readGeoPackage(file, layer);
  const gpkg = { layers: read.layers, layer: read.layer };
  return read.kind === 'points' ? { kind: 'points', fileName: file.name, raw: read.raw, gpkg } : { kind: 'boundaries', fileName: file.name, raw: read.raw, gpkg };
}

async function parseTable(file: InputFile, progress: ParseProgress): Promise<ParsedImport> {
  let sheets: SheetRows[];
  if (/\.xlsx$/i.test(file.name)) {
    progress('parse', 0.1);
    const { readWorkbook } = await import('./read-xlsx');
    sheets = await readWorkbook(file.bytes, file.name);
  } else if (/\.ods$/i.test(file.name)) {
    progress('parse', 0.1);
    const { readOds } = await import('./read-ods');
    sheets = await readOds(file.bytes, file.name);
  } else {
    progress('decode', 0.05);
    const text = fileText(file);
    progress('parse', 0.25);
    const rows: Cell[][] = parseDelimited(text, undefined, (done) => progress('parse', 0.25 + done * 0.5), MAX_TABLE_ROWS + 1).rows;
    sheets = [{ name: '', rows }];
  }
  for (const sheet of sheets) {
    const where = sheet.name ? ` (sheet "${sheet.name}")` : '';
    if (sheet.rows.length > MAX_TABLE_ROWS) throw new ImportError(file.name, `has more than ${MAX_TABLE_ROWS.toLocaleString('en')} rows${where}`);
    const wide = sheet.rows.findIndex((r) => r.length > MAX_TABLE_COLUMNS);
    if (wide >= 0) throw new ImportError(file.name, `row ${wide + 1}${where} has more than ${MAX_TABLE_COLUMNS.toLocaleString('en')} fields`);
  }
  progress('detect', 0.8);
  const sheet = sheets.length === 1 ? sheets[0]! : bestSheet(sheets);
  if (!sheet) throw new ImportCodeError(file.name, 'no-key-column');
  // A table with coordinate columns can be a point layer (the dialog offers both).
  const suggestion = suggestMapping(sheet.rows);
  let points: RawPoints | null = null;
  try {
    points = pointsFromRows(sheet.rows, file.name);
  } catch (err) {
    // Columns named like coordinates ("E", "N", "x") without coordinates in them: still a table if
    // it is one; otherwise the reason there are no points is the message.
    if (!(err instanceof ImportError) || (suggestion.keyColumn === null && suggestion.nameColumn === null)) throw err;
  }
  progress('detect', 0.9);
  return { kind: 'table', fileName: file.name, sheets, sheet: sheet.name, suggestion, points };
}
