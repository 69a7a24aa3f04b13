// What a column header says: a year column, an area key, a name, a unit.
import type { Unit } from './cells';

/** Lower-case words of a header (letters and digits, umlauts kept). */
const words = (header: string) => header.toLowerCase().split(/[^\p{L}\p{N}]+/u).filter((w) => w !== '');

/** A header naming a year column (letters only, compared whole). */
export const YEAR_HEADER = /^(jahr|jahreszahl|berichtsjahr|erhebungsjahr|bezugsjahr|year|stichtag|zeitpunkt|zeit|datum|date|periode|period|time)$/i;
const KEY_WORD_EXACT = new Set(['id', 'nr', 'no', 'ags', 'ars', 'gkz', 'kz', 'key', 'code', 'kennung', 'schlüssel', 'schluessel', 'nummer', 'kennziffer']);
const KEY_WORD_SUFFIX = ['nr', 'nummer', 'schlüssel', 'schluessel', 'kennziffer', 'code', 'id'];
const NAME_WORDS = [
  'name', 'bezeichnung', 'gebiet', 'gebietsname', 'ortsteil', 'stadtteil', 'gemeinde', 'kreis', 'landkreis', 'region', 'bezirk',
  'stadtbezirk', 'quartier', 'viertel', 'raum', 'land', 'bundesland', 'ort', 'area', 'district',
];
const COUNT_WORDS = /anzahl|einwohner|bevölkerung|personen|haushalte|fälle|faelle|beschäftigte|arbeitslose|empfänger|wohnungen|gebäude|geburten|sterbefälle|zuzüge|fortzüge|kinder|schüler|count|number|population/;

/** A header naming an area key ("Nr", "AGS", "Schlüssel", "OT_Nr"). */
export const isKeyHeader = (header: string) =>
  words(header).some((w) => KEY_WORD_EXACT.has(w) || KEY_WORD_SUFFIX.some((s) => w.length > s.length && w.endsWith(s)));
/** A header naming the areas' names. */
export const isNameHeader = (header: string) => words(header).some((w) => NAME_WORDS.includes(w) || w.endsWith('name'));

/** The unit a header names, or null. Rates ("je 1.000") come first: "Geburten je 1.000 Einwohner" is no count. */
export function unitFromHeader(header: string): Unit | null {
  const h = header.toLowerCase();
  if (/\b(je|pro|per)\s+(1|10|100|1\.000|1000|10\.000|10000|100\.000|100000)\b/.test(h) || h.includes('‰')) return 'other';
  if (h.includes('%') || /anteil|quote|prozent|percent|share|rate\b/.test(h)) return 'percent';
  if (h.includes('€') || /\beur\b|euro/.test(h)) return 'eur';
  // "Durchschnittsalter" is in years, "Einwohner 65 Jahre und älter" is a count.
  if (/durchschnittsalter|medianalter|lebenserwartung|in jahren|\(jahre\)|mean age|average age/.test(h)) return 'years';
  if (COUNT_WORDS.test(h)) return 'count';
  if (/^alter\b|\bjahre\b|\byears\b|^age\b/.test(h)) return 'years';
  return null;
}
