// Excel workbooks (.xlsx) as rows of cells for the table detection, one entry
// per sheet, so the user can choose the sheet. Dates become "dd.mm.yyyy" text
// (headers such as 31.12.2019 carry the year). A cell text longer than Excel
// allows is cut to 32,767 characters first, and overlong markup refused (see
// sheet-xml.ts: read-excel-file would take minutes for either).
import readXlsxFile from 'read-excel-file/universal';
import { unzip } from 'but-unzip';
import type { Cell } from './table/cells';
import { ImportError } from './common';
import { archiveProblem, meteredInflate, storedZip, zipDirectory } from './zip-guard';
import { applyCuts, MAX_MARKUP, scanSheetXml, sheetParts } from './sheet-xml';

export interface SheetRows {
  name: string;
  rows: Cell[][];
  /**
   * Cells ("B3"; "?" without a reference) whose text was longer than Excel allows
   * (32,767 characters) and was cut to that, ending in "…" (see sheet-xml.ts).
   */
  truncated?: string[];
}

function cell(v: unknown): Cell {
  if (v === null || v === undefined) return null;
  if (typeof v === 'number' || typeof v === 'string') return v;
  if (typeof v === 'boolean') return v ? 'TRUE' : 'FALSE';
  if (v instanceof Date) {
    const p = (n: number) => String(n).padStart(2, '0');
    return `${p(v.getUTCDate())}.${p(v.getUTCMonth() + 1)}.${v.getUTCFullYear()}`;
  }
  return String(v);
}

/** Excel's own limits. */
const MAX_ROWS = 1_048_576;
const MAX_COLUMNS = 16_384;
/**
 * read-excel-file fills every row up to the last one with a cell, and each
 * row up to the widest column, with nulls: one cell at XFD1048576 makes
 * 17 billion of them and the tab runs out of memory.
 */
const MAX_CELLS = 50_000_000;

/** The last row and column a sheet's cell and row references ( r="XFD1048576" ) reach; scans the XML bytes. */
function sheetExtent(xml: Uint8Array): { rows: number; columns: number } {
  let rows = 0;
  let columns = 0;
  const space = (b: number | undefined) => b === 0x20 || b === 0x09 || b === 0x0a || b === 0x0d;
  for (let i = xml.indexOf(0x72); i > 0 && i + 3 < xml.length; i = xml.indexOf(0x72, i + 1)) {
    // r="
    if (xml[i + 1] !== 0x3d || xml[i + 2] !== 0x22 || !space(xml[i - 1])) continue;
    let j = i + 3;
    let column = 0;
    let row = 0;
    for (; xml[j]! >= 0x41 && xml[j]! <= 0x5a && column <= MAX_COLUMNS; j++) column = column * 26 + xml[j]! - 0x40;
    for (; xml[j]! >= 0x30 && xml[j]! <= 0x39 && row <= MAX_ROWS; j++) row = row * 10 + xml[j]! - 0x30;
    if (row > rows) rows = row;
    if (column > columns) columns = column;
  }
  return { rows, columns };
}

/** What read-excel-file is given: the workbook, or a copy with overlong cell texts cut; and the cells cut, by sheet (workbook order). */
interface Inspected {
  bytes: Uint8Array;
  truncated: string[][];
}

/**
 * The workbook as read-excel-file may read it, or why it must not read it (a zip
 * bomb, a sheet too large to hold, markup its parser would take minutes for).
 */
async function inspectWorkbook(bytes: Uint8Array): Promise<Inspected | string> {
  const unchanged = { bytes, truncated: [] };
  const directory = zipDirectory(bytes);
  if (!directory) return unchanged; // not a zip: read-excel-file says so
  const xml = directory.filter((e) => /\.xml(\.rels)?$/.test(e.name));
  const problem = archiveProblem(xml);
  if (problem) return problem;
  let limit = 0;
  let items;
  try {
    items = unzip(bytes, (raw) => meteredInflate(raw, limit));
  } catch {
    return unchanged; // damaged: read-excel-file says so
  }
  // Every part read-excel-file reads is expanded once here, metered: an entry may lie about its size.
  // They are kept: the workbook is rebuilt from them if cells must be cut.
  const parts = new Map<string, Uint8Array>();
  for (const [i, item] of items.entries()) {
    if (!/\.xml(\.rels)?$/.test(item.filename)) continue;
    limit = directory[i]?.name === item.filename ? directory[i]!.size : 0;
    try {
      parts.set(item.filename, await item.read());
    } catch {
      return `the archive is damaged (${item.filename} cannot be expanded to the size it declares)`;
    }
  }
  const decoder = new TextDecoder();
  const text = (name: string) => decoder.decode(parts.get(name) ?? new Uint8Array());
  // The sheets as read-excel-file finds them (and every part where Excel keeps sheets).
  const sheets = sheetParts(text('xl/workbook.xml'), text('xl/_rels/workbook.xml.rels'));
  const sheetPaths = new Set([...parts.keys()].filter((name) => /^xl\/worksheets\/[^/]+\.xml$/.test(name)));
  for (const s of sheets) if (s.part !== null) sheetPaths.add(s.part);
  const where = (path: string) => {
    const name = sheets.find((s) => s.part === path)?.name;
    return name === undefined ? path : `sheet "${name}"`;
  };
  const cut = new Map<string, string[]>();
  for (const path of sheetPaths) {
    const part = parts.get(path);
    if (!part) continue;
    const { rows, columns } = sheetExtent(part);
    if (rows > MAX_ROWS || columns > MAX_COLUMNS || rows * columns > MAX_CELLS) {
      return `a sheet reaches row ${rows.toLocaleString('en')} and column ${columns.toLocaleString('en')} (at most ${MAX_CELLS.toLocaleString('en')} cells are read)`;
    }
    const { cuts, longMarkup } = scanSheetXml(part);
    if (longMarkup) {
      const at = longMarkup.cell && longMarkup.cell !== '?' ? ` at cell ${longMarkup.cell}` : '';
      return `${where(path)} holds XML markup of ${longMarkup.bytes.toLocaleString('en')} bytes${at} (at most ${MAX_MARKUP.toLocaleString('en')} are read)`;
    }
    if (cuts.length > 0) {
      parts.set(path, applyCuts(part, cuts));
      cut.set(path, cuts.flatMap((c) => (c.cell === null ? [] : [c.cell])));
    }
  }
  if (cut.size === 0) return unchanged; // nothing cut: the workbook as it is
  return {
    bytes: storedZip([...parts].map(([name, data]) => ({ name, data }))),
    truncated: sheets.map((s) => (s.part === null ? [] : (cut.get(s.part) ?? []))),
  };
}

export async function readWorkbook(bytes: Uint8Array, fileName: string): Promise<SheetRows[]> {
  // Checked before read-excel-file expands the workbook (it allocates each part at the size the
  // archive declares, and every cell of the sheet's extent).
  const inspected = await inspectWorkbook(bytes);
  if (typeof inspected === 'string') throw new ImportError(fileName, `not a readable Excel workbook (${inspected})`);
  try {
    const { bytes: read, truncated } = inspected;
    const buffer = read.buffer.slice(read.byteOffset, read.byteOffset + read.byteLength) as ArrayBuffer;
    const sheets = await readXlsxFile(buffer);
    return sheets.map((s, i) => {
      const rows = s.data.map((row) => row.map(cell));
      const cells = truncated[i] ?? [];
      return cells.length > 0 ? { name: s.sheet, rows, truncated: cells } : { name: s.sheet, rows };
    });
  } catch (err) {
    throw new ImportError(fileName, `not a readable Excel workbook (${err instanceof Error ? err.message : String(err)})`);
  }
}
