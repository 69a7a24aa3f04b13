// The messages between the import dialog's side (worker-client.ts) and the import
// worker (import.worker.ts), in a module of their own so neither imports the other.
import type { InputFile } from './common';
import type { ParsedImport } from './parse-import';
import type { TableChoice, TableImport, TableTarget } from './table-join';
import type { TableOutline } from './table-outline';
import type { RawPoints } from './points';

/** A parsed import as the dialog sees it: a table as its outline, its rows in the worker. */
export type ParsedView =
  | Exclude<ParsedImport, { kind: 'table' }>
  | { kind: 'table'; fileName: string; sheetNames: string[]; table: TableOutline; points: RawPoints | null };

export type ImportRequest =
  | { id: number; type: 'parse'; files: InputFile[] }
  | { id: number; type: 'sheet'; sheet: string }
  /** Another layer of the parsed GeoPackage (a table name from `gpkg.layers`). */
  | { id: number; type: 'layer'; layer: string }
  | { id: number; type: 'join'; sheet: string; choice: TableChoice; target: TableTarget };

export type ImportReply =
  | { id: number; type: 'progress'; stage: string; done: number }
  | { id: number; type: 'parsed'; result: ParsedView }
  | { id: number; type: 'sheet'; result: TableOutline }
  | { id: number; type: 'joined'; result: TableImport }
  | { id: number; type: 'error'; file: string | null; message: string; code: string | null };
