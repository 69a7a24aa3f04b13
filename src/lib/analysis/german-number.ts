// The one parser of number text in the app: table cells of a German Excel export
// (io/import/table/numbers.ts) and numbers a user types into a form
// (state/number-input.ts: manual class breaks, the scatter plot's range).

/** Which character separates the decimals; see parseGermanNumber. */
export type DecimalSeparator = ',' | '.';

export interface GermanNumberOptions {
  /**
   * ',' (default): German, the point only groups thousands, so "1.234" is 1234 (a cell
   * of a German Excel export). '.': English, the comma groups thousands, "1,234" is
   * 1234. 'auto': German when the text holds a comma, else English, so "1.234" is
   * 1.234 and "1.234,5" is 1234.5 (a field where a person types either convention).
   */
  decimal?: DecimalSeparator | 'auto';
  /** Whether an exponent may follow ("1,5E+07", as Excel writes very large or small numbers); default true. */
  exponent?: boolean;
}

const GROUP_SPACE = '[ \\u00A0\\u202F]';
const pattern = (decimal: DecimalSeparator, exponent: boolean): RegExp => {
  const group = decimal === ',' ? '\\.' : ',';
  const point = decimal === ',' ? ',' : '\\.';
  const exp = exponent ? '(?:[eE]([+-]?\\d+))?' : '()';
  return new RegExp(`^([+-])?(\\d{1,3}(?:${group}\\d{3})+|\\d{1,3}(?:${GROUP_SPACE}\\d{3})+|\\d+)?(?:${point}(\\d+))?${exp}$`);
};
const PATTERNS = {
  ',': { exponent: pattern(',', true), plain: pattern(',', false) },
  '.': { exponent: pattern('.', true), plain: pattern('.', false) },
} as const;

/**
 * Reads one number. The rule: an optional sign ("+", "-", or a typeset minus "−"
 * or en dash "–" in front of the digits), an integer part, and an optional
 * fractional part after the decimal separator (",5" is 0.5). The other separator
 * may group the integer part's thousands, but only in groups of three digits
 * ("1.234.567,8"; "1.23,4" is no number); a space (also no-break or narrow
 * no-break) may group them as well ("1 234,5"). Surrounding spaces are ignored.
 * Anything else (units, text, "Infinity", a number too large for a double) is
 * no number: null.
 *
 * Which separator is the decimal one is the caller's context (see
 * GermanNumberOptions.decimal): in a German table "1.234" is 1234, in a form that
 * accepts both conventions it is 1.234.
 */
export function parseGermanNumber(text: string, options: GermanNumberOptions = {}): number | null {
  let t = text.trim();
  const first = t.charCodeAt(0);
  // U+2212 minus and an en dash directly before the number (typeset tables)
  if ((first === 0x2212 || first === 0x2013) && /^.[\d.,]/.test(t)) t = `-${t.slice(1)}`;
  const option = options.decimal ?? ',';
  const decimal = option === 'auto' ? (t.includes(',') ? ',' : '.') : option;
  const m = PATTERNS[decimal][options.exponent === false ? 'plain' : 'exponent'].exec(t);
  if (!m || (m[2] === undefined && m[3] === undefined)) return null;
  const int = (m[2] ?? '0').replace(/[^\d]/g, '');
  const value = Number(`${m[1] ?? ''}${int}${m[3] !== undefined ? `.${m[3]}` : ''}${m[4] ? `e${m[4]}` : ''}`);
  return Number.isFinite(value) ? value : null;
}
