// Long tokens in a worksheet's XML, found (and texts cut) before read-excel-file sees them.
//
// read-excel-file parses a sheet in chunks whose size it adapts to the wall time
// each chunk takes (parseXmlInChunks: 64 KB to start, doubled under 3.5 ms, halved
// over 7 ms), and its XML parser (saxen) re-reads a token that a chunk ends inside
// from the token's start with every further chunk. Re-reading a 10 MB text takes a
// few ms, so once a busy machine makes a chunk slow the chunks only shrink, down to
// fractions of a character that make no progress while each still re-reads the
// 10 MB: 35–70 s of CPU, then a stack overflow (the chunk loop recurses), and the
// workbook was refused. A tag is worse: saxen walks it character by character, so
// one 4 MB attribute never finishes even on an idle machine. With every token
// bounded, every chunk stays cheap.
//
// Only worksheets are parsed in chunks; the other parts (shared strings, styles,
// the workbook) are parsed in one piece, in linear time.

/** Excel's own limit for the text of a cell (UTF-16 code units, as Excel counts). */
export const MAX_CELL_TEXT = 32_767;
/**
 * Longer markup (a tag, comment, CDATA section or processing instruction) is
 * refused. Excel writes no tag near this size; saxen re-reads it in well under a
 * millisecond per chunk.
 */
export const MAX_MARKUP = 64 * 1024;
/** Ends a cut text ("…"), so that the cut is visible and a cut number no longer reads as one. */
const ELLIPSIS = new Uint8Array([0xe2, 0x80, 0xa6]);

/** A text run longer than MAX_CELL_TEXT: bytes [start, end) of the XML, of which [start, keep) are kept. */
export interface TextCut {
  start: number;
  keep: number;
  end: number;
  /** The cell the text is in ("B3"; "?" without a reference), or null outside a cell (read-excel-file ignores such text). */
  cell: string | null;
}

export interface SheetScan {
  cuts: TextCut[];
  /** The first markup token longer than MAX_MARKUP (or unterminated and longer), and the cell it is in (as in TextCut), if any. */
  longMarkup: { bytes: number; cell: string | null } | null;
}

const LT = 0x3c;
const GT = 0x3e;
const QUOT = 0x22;
const APOS = 0x27;

/** Where `pattern` first occurs in `xml` at or after `from` (and ends before `to`), or -1. */
function find(xml: Uint8Array, pattern: readonly number[], from: number, to = xml.length): number {
  const hay = to < xml.length ? xml.subarray(0, to) : xml;
  for (let i = hay.indexOf(pattern[0]!, from); i >= 0; i = hay.indexOf(pattern[0]!, i + 1)) {
    let k = 1;
    while (k < pattern.length && hay[i + k] === pattern[k]) k++;
    if (k === pattern.length) return i;
  }
  return -1;
}

const CDATA = [...'[CDATA['].map((c) => c.charCodeAt(0));
const CDATA_END = [0x5d, 0x5d, GT]; // ]]>
const COMMENT_END = [0x2d, 0x2d, GT]; // -->
const PI_END = [0x3f, GT]; // ?>
const R_IS = [0x72, 0x3d]; // r=

/** The end (exclusive) of the markup token at `i` (a "<"), as saxen delimits it; xml.length when unterminated. */
function markupEnd(xml: Uint8Array, i: number): number {
  const n = xml.length;
  const after = (pattern: readonly number[]) => {
    const e = find(xml, pattern, i);
    return e < 0 ? n : e + pattern.length;
  };
  const w = xml[i + 1];
  if (w === 0x21) {
    // "<!"
    if (CDATA.every((b, k) => xml[i + 2 + k] === b)) return after(CDATA_END);
    if (xml[i + 2] === 0x2d && xml[i + 3] === 0x2d) return after(COMMENT_END);
  } else if (w === 0x3f) {
    return after(PI_END); // "<?"
  }
  // A tag (or "<!DOCTYPE …>"): up to the first ">" outside quotes. A quote without a partner counts as a
  // character; it is the last of its kind in the file, so at most two searches run to the end.
  for (let x = i + 1; x < n; x++) {
    const v = xml[x];
    if (v === QUOT || v === APOS) {
      const q = xml.indexOf(v, x + 1);
      if (q >= 0) x = q;
    } else if (v === GT) {
      return x + 1;
    }
  }
  return n;
}

const isSpace = (b: number | undefined) => b === 0x20 || b === 0x09 || b === 0x0a || b === 0x0d;

/** Whether the tag at [i, end) opens or closes a cell: its name is "c" or "prefix:c". */
function isCellTag(xml: Uint8Array, i: number, end: number): boolean {
  let s = i + 1;
  if (xml[s] === 0x2f) s++; // "</"
  let e = s;
  while (e < end && !isSpace(xml[e]) && xml[e] !== 0x2f && xml[e] !== GT) e++;
  return e > s && xml[e - 1] === 0x63 && (e - 1 === s || xml[e - 2] === 0x3a);
}

/** The cell reference in the cell's start tag [start, end) (its r="B3" attribute), or null. */
function cellRef(xml: Uint8Array, start: number, end: number): string | null {
  for (let i = find(xml, R_IS, start, end); i >= 0; i = find(xml, R_IS, i + 1, end)) {
    const quote = xml[i + 2];
    if (!isSpace(xml[i - 1]) || (quote !== QUOT && quote !== APOS)) continue;
    let j = i + 3;
    while (j < end && j < i + 14 && ((xml[j]! >= 0x41 && xml[j]! <= 0x5a) || (xml[j]! >= 0x30 && xml[j]! <= 0x39))) j++;
    const ref = String.fromCharCode(...xml.subarray(i + 3, j));
    return xml[j] === quote && /^[A-Z]{1,3}[0-9]{1,7}$/.test(ref) ? ref : null;
  }
  return null;
}

/** The length in bytes of the reference "&…;" at `k` (at most 12, within [k, end)), or 0 for a lone "&". */
function referenceLength(xml: Uint8Array, k: number, end: number): number {
  for (let e = k + 1; e < end && e <= k + 12; e++) if (xml[e] === 0x3b) return e - k + 1;
  return 0;
}

/** UTF-16 code units of the reference [k, k + length): 2 for a character reference beyond U+FFFF, else 1. */
function referenceUnits(xml: Uint8Array, k: number, length: number): number {
  if (xml[k + 1] !== 0x23) return 1; // a named entity (&amp;)
  const hex = xml[k + 2] === 0x78 || xml[k + 2] === 0x58;
  const digits = String.fromCharCode(...xml.subarray(k + (hex ? 3 : 2), k + length - 1));
  return Number.parseInt(digits, hex ? 16 : 10) > 0xffff ? 2 : 1;
}

/**
 * Where to cut the text [start, end) so that it keeps MAX_CELL_TEXT - 1 code
 * units (the ellipsis makes MAX_CELL_TEXT), or null when it is not longer than
 * MAX_CELL_TEXT once its UTF-8 and character references are decoded. Never cuts
 * inside a character or a reference.
 */
function cutPoint(xml: Uint8Array, start: number, end: number): number | null {
  let units = 0;
  let keep = -1;
  for (let k = start; k < end; ) {
    const b = xml[k]!;
    let bytes = 1;
    let u = 1;
    if (b === 0x26) {
      // "&": a reference up to ";" (a lone "&" counts as itself)
      const length = referenceLength(xml, k, end);
      if (length > 0) {
        bytes = length;
        u = referenceUnits(xml, k, length);
      }
    } else if (b >= 0xf0) {
      bytes = 4;
      u = 2;
    } else if (b >= 0xe0) {
      bytes = 3;
    } else if (b >= 0xc0) {
      bytes = 2;
    } else if (b >= 0x80) {
      u = 0; // a stray continuation byte
    }
    if (keep < 0 && units + u > MAX_CELL_TEXT - 1) keep = k;
    units += u;
    if (units > MAX_CELL_TEXT) return keep;
    k += bytes;
  }
  return null;
}

/**
 * The text runs longer than MAX_CELL_TEXT and the first markup token longer
 * than MAX_MARKUP in a worksheet's XML, delimited as saxen delimits them. One
 * pass; text runs are skipped with indexOf.
 */
export function scanSheetXml(xml: Uint8Array): SheetScan {
  const cuts: TextCut[] = [];
  const n = xml.length;
  /** The start tag of the cell the scan is in: [start, end), or start -1. */
  let cellStart = -1;
  let cellEnd = -1;
  const cell = () => (cellStart < 0 ? null : (cellRef(xml, cellStart, cellEnd) ?? '?'));
  let i = 0;
  while (i < n) {
    let lt = xml.indexOf(LT, i);
    if (lt < 0) lt = n;
    // The text [i, lt): bytes >= code units, so a short run needs no count.
    if (lt - i > MAX_CELL_TEXT) {
      const keep = cutPoint(xml, i, lt);
      if (keep !== null) cuts.push({ start: i, keep, end: lt, cell: cell() });
    }
    if (lt >= n) break;
    const end = markupEnd(xml, lt);
    const cellTag = isCellTag(xml, lt, end);
    if (end - lt > MAX_MARKUP) return { cuts, longMarkup: { bytes: end - lt, cell: cellTag ? (cellRef(xml, lt, end) ?? '?') : cell() } };
    if (cellTag) {
      const closes = xml[lt + 1] === 0x2f || xml[end - 2] === 0x2f; // </c> or <c …/>
      cellStart = closes ? -1 : lt;
      cellEnd = end;
    }
    i = end;
  }
  return { cuts, longMarkup: null };
}

/** The XML with each cut text shortened to its kept part and an ellipsis. */
export function applyCuts(xml: Uint8Array, cuts: readonly TextCut[]): Uint8Array {
  let size = xml.length;
  for (const c of cuts) size -= c.end - c.keep - ELLIPSIS.length;
  const out = new Uint8Array(size);
  let from = 0;
  let at = 0;
  for (const c of cuts) {
    out.set(xml.subarray(from, c.keep), at);
    at += c.keep - from;
    out.set(ELLIPSIS, at);
    at += ELLIPSIS.length;
    from = c.end;
  }
  out.set(xml.subarray(from), at);
  return out;
}

// ---------------------------------------------------------------------------
// Which part holds which sheet (for messages, and to attach the cut cells to the sheet)

const attribute = (tag: string, name: string): string | null => {
  const m = new RegExp(`\\s${name}\\s*=\\s*(?:"([^"]*)"|'([^']*)')`).exec(tag);
  return m ? (m[1] ?? m[2]!) : null;
};

function decodeXmlText(text: string): string {
  return text.replace(/&(?:#x([0-9a-f]{1,6})|#([0-9]{1,7})|(amp|lt|gt|quot|apos));/gi, (all, hex: string | undefined, dec: string | undefined, named: string | undefined) => {
    if (named) return { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" }[named.toLowerCase()] ?? all;
    const code = hex ? Number.parseInt(hex, 16) : Number(dec);
    return code <= 0x10ffff ? String.fromCodePoint(code) : all;
  });
}

/**
 * The sheets in workbook order (as read-excel-file returns them), each with the
 * part that holds it ("xl/worksheets/sheet1.xml"), resolved as read-excel-file
 * resolves them (targets relative to xl/).
 */
export function sheetParts(workbookXml: string, relsXml: string): { name: string; part: string | null }[] {
  const targets = new Map<string, string>();
  for (const [tag] of relsXml.matchAll(/<(?:[\w.-]+:)?Relationship\b[^<>]*>/g)) {
    const id = attribute(tag, 'Id');
    const target = attribute(tag, 'Target');
    if (id !== null && target !== null) targets.set(id, target.startsWith('/') ? target.slice(1) : `xl/${target}`);
  }
  const sheets: { name: string; part: string | null }[] = [];
  for (const [tag] of workbookXml.matchAll(/<(?:[\w.-]+:)?sheet\b[^<>]*>/g)) {
    const name = attribute(tag, 'name');
    if (!name) continue; // read-excel-file skips these too
    const id = attribute(tag, '(?:[\\w.-]+:)?id');
    sheets.push({ name: decodeXmlText(name), part: id === null ? null : (targets.get(id) ?? null) });
  }
  return sheets;
}
