// The sheets of an OpenDocument spreadsheet's content.xml as rows of cells, in
// one linear pass over the text (a worker has no DOMParser, and a DOM of a large
// sheet would not fit anyway). The result is what read-xlsx.ts gives for the
// same table: a grid from A1 to the last cell with a value, rows padded with
// null; numbers (float, percentage, currency; formulas by their cached value)
// as numbers, text cells as text ("01" stays "01"), dates as "dd.mm.yyyy",
// booleans as TRUE/FALSE. Hidden and filtered rows are read, as Excel's are.
//
// Repeated cells and rows (table:number-columns-repeated, …-rows-repeated) are
// counted, not expanded, while they are empty: LibreOffice ends every row with
// an empty cell repeated to column 16,384 and the sheet with an empty row
// repeated to row 1,048,576. Only repeats followed by a value are written out,
// within Excel's limits. Texts longer than Excel allows are cut (as sheet-xml.ts
// does for workbooks) and overlong markup is refused.
import type { Cell } from './table/cells';
import { columnLetter } from './table/cells';
import { MAX_CELL_TEXT, MAX_MARKUP } from './sheet-xml';

/** Excel's own limits, as for workbooks (read-xlsx.ts). */
export const ODS_MAX_ROWS = 1_048_576;
export const ODS_MAX_COLUMNS = 16_384;
/** Cells of the padded grid (rows × widest row), as read-xlsx.ts allows. */
export const ODS_MAX_CELLS = 50_000_000;

export interface OdsSheet {
  name: string;
  rows: Cell[][];
  /** Cells ("B3") whose text was cut to MAX_CELL_TEXT (see sheet-xml.ts). */
  truncated: string[];
}

/** Thrown for content that cannot or must not be read; read-ods.ts names the file. */
export class OdsError extends Error {}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

function decodeEntities(text: string): string {
  if (!text.includes('&')) return text;
  return text.replace(/&(?:#x([0-9a-fA-F]{1,6})|#([0-9]{1,7})|([a-z]{2,4}));/g, (all, hex?: string, dec?: string, named?: string) => {
    if (named) return ENTITIES[named] ?? all;
    const code = hex ? Number.parseInt(hex, 16) : Number(dec);
    return code <= 0x10ffff ? String.fromCodePoint(code) : all;
  });
}

/** The attributes of a start tag (values decoded), by qualified name. */
function attributes(tag: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const m of tag.matchAll(/\s([\w.-]+(?::[\w.-]+)?)\s*=\s*(?:"([^"]*)"|'([^']*)')/g)) out.set(m[1]!, decodeEntities(m[2] ?? m[3] ?? ''));
  return out;
}

/** Local name of a qualified name ("table:table-cell" → "table-cell"). */
const local = (name: string) => name.slice(name.indexOf(':') + 1);

/** Where the markup token at `i` (a "<") ends (exclusive), or -1 when it is unterminated. */
function markupEnd(xml: string, i: number): number {
  if (xml.startsWith('<!--', i)) {
    const e = xml.indexOf('-->', i + 4);
    return e < 0 ? -1 : e + 3;
  }
  if (xml.startsWith('<![CDATA[', i)) {
    const e = xml.indexOf(']]>', i + 9);
    return e < 0 ? -1 : e + 3;
  }
  if (xml.startsWith('<?', i)) {
    const e = xml.indexOf('?>', i + 2);
    return e < 0 ? -1 : e + 2;
  }
  for (let x = i + 1; x < xml.length; x++) {
    const c = xml.charCodeAt(x);
    if (c === 0x22 || c === 0x27) {
      const q = xml.indexOf(c === 0x22 ? '"' : "'", x + 1);
      if (q < 0) return -1;
      x = q;
    } else if (c === 0x3e) {
      return x + 1;
    }
  }
  return -1;
}


/** A cell's value from its office:value-type and value attributes (null: take its text). */
function typedValue(a: Map<string, string>): Cell | undefined {
  const type = a.get('office:value-type') ?? a.get('calcext:value-type');
  switch (type) {
    case 'float':
    case 'percentage':
    case 'currency': {
      const v = Number(a.get('office:value'));
      return Number.isFinite(v) ? v : undefined;
    }
    case 'date': {
      const m = /^(-?\d{4,})-(\d{2})-(\d{2})/.exec(a.get('office:date-value') ?? '');
      return m ? `${m[3]}.${m[2]}.${m[1]}` : undefined;
    }
    case 'boolean': {
      const v = (a.get('office:boolean-value') ?? '').toLowerCase();
      return v === 'true' ? 'TRUE' : v === 'false' ? 'FALSE' : undefined;
    }
    case 'string': {
      const s = a.get('office:string-value');
      return s === undefined ? undefined : s;
    }
    default:
      return undefined; // time, void, or none: the text shown
  }
}

/** A text cut to MAX_CELL_TEXT - 1 code units and "…" when longer than MAX_CELL_TEXT (never inside a surrogate pair). */
function cutText(text: string): { text: string; cut: boolean } {
  if (text.length <= MAX_CELL_TEXT) return { text, cut: false };
  let keep = MAX_CELL_TEXT - 1;
  const last = text.charCodeAt(keep - 1);
  if (last >= 0xd800 && last <= 0xdbff) keep--;
  return { text: `${text.slice(0, keep)}…`, cut: true };
}

class SheetBuilder {
  readonly rows: Cell[][] = [];
  readonly truncated: string[] = [];
  /** Empty rows seen since the last row with a value (written out only before a row with a value). */
  private pendingRows = 0;
  /** Rows counted so far (written and pending). */
  private rowCount = 0;
  width = 0;
  row: Cell[] = [];
  /** Empty cells since the last cell with a value, in the current row. */
  private pendingCells = 0;
  private column = 0;

  constructor(readonly name: string) {}

  /** The reference of the cell about to be added ("B3"). */
  ref(): string {
    return `${columnLetter(this.column)}${this.rowCount + 1}`;
  }

  startRow(): void {
    this.row = [];
    this.pendingCells = 0;
    this.column = 0;
  }

  addCells(value: Cell, repeat: number): void {
    if (value === null) {
      this.pendingCells += repeat;
      this.column += repeat;
      return;
    }
    if (this.column + repeat > ODS_MAX_COLUMNS) {
      throw new OdsError(`sheet "${this.name}", row ${this.rowCount + 1} has a value beyond column ${ODS_MAX_COLUMNS.toLocaleString('en')} (at most ${ODS_MAX_COLUMNS.toLocaleString('en')} columns are read)`);
    }
    for (; this.pendingCells > 0; this.pendingCells--) this.row.push(null);
    for (let i = 0; i < repeat; i++) this.row.push(value);
    this.column += repeat;
  }

  endRow(repeat: number): void {
    if (this.row.length === 0) {
      this.pendingRows += repeat;
      this.rowCount += repeat;
      return;
    }
    if (this.rowCount + repeat > ODS_MAX_ROWS) {
      throw new OdsError(`sheet "${this.name}" has values beyond row ${ODS_MAX_ROWS.toLocaleString('en')} (at most ${ODS_MAX_ROWS.toLocaleString('en')} rows are read)`);
    }
    this.width = Math.max(this.width, this.row.length);
    if ((this.rowCount + repeat) * this.width > ODS_MAX_CELLS) {
      throw new OdsError(
        `sheet "${this.name}" reaches row ${(this.rowCount + repeat).toLocaleString('en')} and column ${this.width.toLocaleString('en')} (at most ${ODS_MAX_CELLS.toLocaleString('en')} cells are read)`,
      );
    }
    for (; this.pendingRows > 0; this.pendingRows--) this.rows.push([]);
    for (let i = 0; i < repeat; i++) this.rows.push(i === 0 ? this.row : [...this.row]);
    this.rowCount += repeat;
  }

  finish(): OdsSheet {
    for (const r of this.rows) while (r.length < this.width) r.push(null);
    return { name: this.name, rows: this.rows, truncated: this.truncated };
  }
}

/** A repeat count attribute: 1 when absent or invalid; at least 1. */
function repeatOf(a: Map<string, string>, name: string): number {
  const v = Number(a.get(name) ?? 1);
  return Number.isInteger(v) && v >= 1 ? v : 1;
}

/** Longer tags are refused: an attribute (office:string-value) may hold a full cell text in escaped form. */
export const MAX_ODS_TAG = MAX_MARKUP + 8 * MAX_CELL_TEXT;

/** The sheets of content.xml, in document order. Throws OdsError for content that must not be read. */
export function readOdsContent(xml: string): OdsSheet[] {
  const sheets: OdsSheet[] = [];
  let sheet: SheetBuilder | null = null;
  /** Inside a row: its repeat count. */
  let rowRepeat = 0;
  /** Inside a cell: its attributes, the text parts so far, its length, and paragraphs. */
  let cell: { a: Map<string, string>; repeat: number; parts: string[]; length: number; paragraphs: number; cut: boolean } | null = null;
  /** Depth inside content that is not cell text (annotations, drawings, nested tables). */
  let skip = 0;
  let inParagraph = false;
  let i = 0;
  const n = xml.length;
  const addText = (text: string) => {
    if (!cell || skip > 0 || !inParagraph || cell.cut) return;
    const room = MAX_CELL_TEXT + 1 - cell.length;
    const part = text.length > room ? text.slice(0, room) : text;
    cell.parts.push(part);
    cell.length += part.length;
    if (cell.length > MAX_CELL_TEXT) cell.cut = true;
  };
  const endCell = () => {
    if (!cell || !sheet) return;
    let value = typedValue(cell.a);
    if (value === undefined) {
      const { text, cut } = cutText(cell.parts.join(''));
      if (cut) sheet.truncated.push(sheet.ref());
      value = text === '' ? null : text;
    } else if (typeof value === 'string') {
      const { text, cut } = cutText(value);
      if (cut) sheet.truncated.push(sheet.ref());
      value = text === '' ? null : text;
    }
    sheet.addCells(value, cell.repeat);
    cell = null;
  };
  while (i < n) {
    let lt = xml.indexOf('<', i);
    if (lt < 0) lt = n;
    if (lt > i && cell && inParagraph && skip === 0 && !cell.cut) {
      // ODF collapses white space in paragraphs (spaces are written as <text:s/>)
      const raw = xml.slice(i, Math.min(lt, i + 12 * (MAX_CELL_TEXT + 1)));
      addText(decodeEntities(raw.replace(/[ \t\r\n]+/g, ' ')));
    }
    if (lt >= n) break;
    const end = markupEnd(xml, lt);
    // the cell the markup is in, or whose start tag it is
    const at = () => (sheet && (cell || rowRepeat > 0) ? ` at cell ${sheet.ref()}` : '');
    if (end < 0) throw new OdsError(`the XML is truncated (unterminated markup${at()})`);
    if (end - lt > MAX_ODS_TAG) throw new OdsError(`the XML holds markup of ${(end - lt).toLocaleString('en')} characters${at()} (at most ${MAX_ODS_TAG.toLocaleString('en')} are read)`);
    i = end;
    const second = xml.charCodeAt(lt + 1);
    if (second === 0x21 || second === 0x3f) {
      if (xml.startsWith('<![CDATA[', lt)) addText(xml.slice(lt + 9, end - 3));
      continue; // comment, processing instruction, declaration
    }
    const closing = second === 0x2f;
    const selfClosing = !closing && xml.charCodeAt(end - 2) === 0x2f;
    const nameEnd = xml.slice(lt + (closing ? 2 : 1), end).search(/[\s/>]/);
    const name = xml.slice(lt + (closing ? 2 : 1), lt + (closing ? 2 : 1) + nameEnd);
    const l = local(name);
    if (skip > 0) {
      if (closing) skip--;
      else if (!selfClosing) skip++;
      continue;
    }
    if (cell) {
      if (closing && (l === 'table-cell' || l === 'covered-table-cell')) {
        endCell();
      } else if (l === 'p' || l === 'h') {
        if (!closing) {
          inParagraph = true;
          if (cell.paragraphs++ > 0) addText('\n');
          inParagraph = !selfClosing;
        } else inParagraph = false;
      } else if (!closing && (l === 's' || l === 'tab' || l === 'line-break')) {
        if (l === 's') addText(' '.repeat(Math.min(repeatOf(attributes(xml.slice(lt, end)), 'text:c'), MAX_CELL_TEXT + 1)));
        else addText(l === 'tab' ? '\t' : '\n');
      } else if (!closing && !selfClosing && (l === 'annotation' || name.startsWith('draw:') || l === 'table' || name.startsWith('office:'))) {
        skip = 1; // comments on cells, shapes, nested tables: not the cell's value
      }
      continue;
    }
    if (l === 'table' && name.startsWith('table:')) {
      if (closing) {
        if (sheet) sheets.push(sheet.finish());
        sheet = null;
      } else {
        const s = new SheetBuilder(attributes(xml.slice(lt, end)).get('table:name') ?? `Tabelle${sheets.length + 1}`);
        if (selfClosing) sheets.push(s.finish());
        else sheet = s;
      }
    } else if (!sheet) {
      continue;
    } else if (l === 'table-row') {
      if (closing) {
        sheet.endRow(rowRepeat);
        rowRepeat = 0;
      } else {
        rowRepeat = repeatOf(attributes(xml.slice(lt, end)), 'table:number-rows-repeated');
        sheet.startRow();
        if (selfClosing) {
          sheet.endRow(rowRepeat);
          rowRepeat = 0;
        }
      }
    } else if ((l === 'table-cell' || l === 'covered-table-cell') && !closing && rowRepeat > 0) {
      const a = attributes(xml.slice(lt, end));
      cell = { a, repeat: repeatOf(a, 'table:number-columns-repeated'), parts: [], length: 0, paragraphs: 0, cut: false };
      inParagraph = false;
      if (selfClosing) endCell();
    }
  }
  if (cell || sheet) throw new OdsError('the XML is truncated (a sheet is not closed)');
  return sheets;
}
