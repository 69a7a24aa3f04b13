// Years in a table: in column headers ("Einwohner 2019", "Stand 31.12.2019"), the
// header without its year (the indicator's name), and years as values of a year column.
import { cellText, type Cell } from './cells';

/** Elsewhere than in a year column, years are 1950–2100 (see YEAR_COLUMN_MIN). */
export const YEAR_MIN = 1950;
const YEAR_MAX = 2100;
/**
 * A column headed "Jahr" (or chosen as the year column) takes historic years
 * too (long series from 1871, 1939, …); elsewhere a number before 1950 is more
 * likely a count than a year.
 */
export const YEAR_COLUMN_MIN = 1800;
const YEAR_TOKEN = /(?<!\d)(\d{1,2}\.\d{1,2}\.)?(19[5-9]\d|20\d\d|2100)(-\d{1,2}-\d{1,2})?(?!\d)/g;

const isYear = (n: number, min = YEAR_MIN) => Number.isInteger(n) && n >= min && n <= YEAR_MAX;

/**
 * The year a column header names: 2019, "2019", "31.12.2019", "2019-12-31",
 * "Stand 2019", "Einwohner 2019", "Einwohner am 31.12.2019". Null when there
 * is none or two different ones ("Veränderung 2019–2020").
 */
export function headerYear(cell: Cell | undefined): number | null {
  if (typeof cell === 'number') return isYear(cell) ? cell : null;
  const t = cellText(cell);
  const years = new Set<number>();
  for (const m of t.matchAll(YEAR_TOKEN)) years.add(Number(m[2]));
  return years.size === 1 ? [...years][0]! : null;
}

/** Footnote marks at the end of a header: "Einwohner¹", "Einwohner*", "Einwohner 1)". */
const SUPERSCRIPT = /[¹²³⁴⁵⁶⁷⁸⁹⁰]/;

/**
 * The header without its footnote mark and the spaces before it. A loop: the
 * pattern /\s*(?:[¹²³]+|\*+)$/ backtracks quadratically over a long run of
 * spaces or stars (a header of a million of them hangs the tab).
 */
export function withoutFootnote(header: string): string {
  let end = header.length;
  if (/\s\d\)$/.test(header)) end -= 3;
  else if (end > 0 && SUPERSCRIPT.test(header[end - 1]!)) while (end > 0 && SUPERSCRIPT.test(header[end - 1]!)) end--;
  else while (end > 0 && header[end - 1] === '*') end--;
  return end === header.length ? header : header.slice(0, end).trimEnd();
}

const SEPARATOR = /[\s_\-–—,:;/]/;

/** Text without separators (spaces, dashes, punctuation) at either end; a loop, since /[…]+$/ backtracks quadratically. */
function trimSeparators(text: string): string {
  let start = 0;
  let end = text.length;
  while (start < end && SEPARATOR.test(text[start]!)) start++;
  while (end > start && SEPARATOR.test(text[end - 1]!)) end--;
  return text.slice(start, end);
}

const STEM_EDGE_WORDS = /^(?:stand|am|zum|per|bis|ende|jahr|jahresende|stichtag|year|as of|in)$/i;

/**
 * A header without its year: "Einwohner 2019" → "Einwohner", "Einwohner am
 * 31.12.2019" → "Einwohner", "31.12.2019" → "".
 */
export function headerStem(header: string): string {
  let s = header.replace(YEAR_TOKEN, ' ').replace(/\(\s*\)|\[\s*\]/g, ' ');
  s = trimSeparators(s);
  // Drop words like "Stand", "am" left at either end.
  for (;;) {
    const words = s.split(/\s+/).filter((w) => w !== '');
    const before = words.length;
    while (words.length > 0 && STEM_EDGE_WORDS.test(words[words.length - 1]!)) words.pop();
    while (words.length > 0 && STEM_EDGE_WORDS.test(words[0]!)) words.shift();
    s = trimSeparators(words.join(' '));
    if (words.length === before) break;
  }
  return s;
}

/** A year as a value in a year column: 2019, "2019", "31.12.2019", "2019-12-31"; from `min` on. */
export function yearValue(cell: Cell | undefined, min = YEAR_MIN): number | null {
  if (typeof cell === 'number') return isYear(cell, min) ? cell : null;
  const t = cellText(cell);
  const m = /^(?:(\d{4})|\d{1,2}\.\d{1,2}\.(\d{4})|(\d{4})-\d{1,2}-\d{1,2})$/.exec(t);
  if (!m) return null;
  const y = Number(m[1] ?? m[2] ?? m[3]);
  return isYear(y, min) ? y : null;
}
