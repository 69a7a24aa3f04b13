// Excel workbooks (.xlsx) as rows of cells for the table detection, one entry
// per sheet, so the user can choose the sheet. Dates become "dd.mm.yyyy" text
// (headers such as 31.12.2019 carry the year).
import readXlsxFile from 'read-excel-file/universal';
import type { Cell } from './table-detect';
import { ImportError } from './import-boundaries';

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

export async function readWorkbook(bytes: Uint8Array, fileName: string): Promise<SheetRows[]> {
  try {
    const buffer = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
    const sheets = await readXlsxFile(buffer);
    return sheets.map((s) => ({ name: s.sheet, rows: s.data.map((row) => row.map(cell)) }));
  } catch (err) {
    throw new ImportError(fileName, `not a readable Excel workbook (${err instanceof Error ? err.message : String(err)})`);
  }
}
