// Excel workbooks (.xlsx) as rows of cells for the table detection, one entry
// per sheet, so the user can choose the sheet. Dates become "dd.mm.yyyy" text
// (headers such as 31.12.2019 carry the year).
import readXlsxFile from 'read-excel-file/universal';
import { unzip } from 'but-unzip';
import type { Cell } from './import/table/cells';
import { ImportError } from './import/common';
import { archiveProblem, meteredInflate, zipDirectory } from './import/zip-guard';

export interface SheetRows {
  name: string;
  rows: Cell[][];
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

/** Why the workbook must not be handed to read-excel-file (a zip bomb, a sheet too large to hold), or null. */
async function workbookProblem(bytes: Uint8Array): Promise<string | null> {
  const directory = zipDirectory(bytes);
  if (!directory) return null; // not a zip: read-excel-file says so
  const xml = directory.filter((e) => /\.xml(\.rels)?$/.test(e.name));
  const problem = archiveProblem(xml);
  if (problem) return problem;
  let limit = 0;
  let items;
  try {
    items = unzip(bytes, (raw) => meteredInflate(raw, limit));
  } catch {
    return null; // damaged: read-excel-file says so
  }
  // Every part read-excel-file reads is expanded once here, metered: an entry may lie about its size.
  for (const [i, item] of items.entries()) {
    if (!/\.xml(\.rels)?$/.test(item.filename)) continue;
    limit = directory[i]?.name === item.filename ? directory[i]!.size : 0;
    let part: Uint8Array;
    try {
      part = await item.read();
    } catch {
      return `the archive is damaged (${item.filename} cannot be expanded to the size it declares)`;
    }
    if (!/^xl\/worksheets\/[^/]+\.xml$/.test(item.filename)) continue;
    const { rows, columns } = sheetExtent(part);
    if (rows > MAX_ROWS || columns > MAX_COLUMNS || rows * columns > MAX_CELLS) {
      return `a sheet reaches row ${rows.toLocaleString('en')} and column ${columns.toLocaleString('en')} (at most ${MAX_CELLS.toLocaleString('en')} cells are read)`;
    }
  }
  return null;
}

export async function readWorkbook(bytes: Uint8Array, fileName: string): Promise<SheetRows[]> {
  // Checked before read-excel-file expands the workbook (it allocates each part at the size the
  // archive declares, and every cell of the sheet's extent).
  const problem = await workbookProblem(bytes);
  if (problem) throw new ImportError(fileName, `not a readable Excel workbook (${problem})`);
  try {
    const buffer = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
    const sheets = await readXlsxFile(buffer);
    return sheets.map((s) => ({ name: s.sheet, rows: s.data.map((row) => row.map(cell)) }));
  } catch (err) {
    throw new ImportError(fileName, `not a readable Excel workbook (${err instanceof Error ? err.message : String(err)})`);
  }
}
