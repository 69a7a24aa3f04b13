// The messages between the import dialog's side (worker-client.ts) and the import
// worker (import.worker.ts), in a module of their own so neither imports the other.
import type { InputFile } from './common';
import type { ParsedImport } from './parse-import';
import type { TableChoice, TableImport, TableTarget } from './table-join';
import type { TableOutline } from './table-outline';
import type { RawPoints } from './points';
import type { UnusedFile } from './drop-groups';

/** A parsed import as the dialog sees it: a table as its outline, its rows in the worker. */
export type ParsedView =
  | Exclude<ParsedImport, { kind: 'table' }>
  | { kind: 'table'; fileName: string; sheetNames: string[]; table: TableOutline; points: RawPoints | null };

/** One group of the files given together (see parse-drop.ts), as the dialog sees it. */
export type ItemView = ParsedView & { key: string; files: string[] };

/** Files given together: what was read (in the order the dialog takes it) and what is not used. */
export interface DropView {
  items: ItemView[];
  unused: UnusedFile[];
}

/** `item`: the key of the drop's item whose table is meant (the worker keeps the rows of each). */
export type ImportRequest =
  | { id: number; type: 'parse'; files: InputFile[] }
  | { id: number; type: 'sheet'; item: string; sheet: string }
  /** Another layer of the drop item's GeoPackage (a table name from `gpkg.layers`). */
  | { id: number; type: 'layer'; item: string; layer: string }
  | { id: number; type: 'join'; item: string; sheet: string; choice: TableChoice; target: TableTarget };

export type ImportReply =
  | { id: number; type: 'progress'; stage: string; done: number }
  | { id: number; type: 'parsed'; result: DropView }
  | { id: number; type: 'layer'; result: ParsedView }
  | { id: number; type: 'sheet'; result: TableOutline }
  | { id: number; type: 'joined'; result: TableImport }
  | { id: number; type: 'error'; file: string | null; message: string; code: string | null };
