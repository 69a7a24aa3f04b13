import { parseGermanNumber } from '../analysis/german-number';

/**
 * Reads one number typed by a user: German decimal comma or point,
 * thousands points with a comma ("1.234,5"), a leading minus; spaces are
 * ignored. The rule is parseGermanNumber's with `decimal: 'auto'` ("1.234" is
 * 1.234 here) and no exponent. Returns null for an empty field and NaN for
 * anything that is not a number.
 */
export function parseNumberInput(text: string): number | null {
  const trimmed = text.replace(/\s/g, '');
  if (trimmed === '') return null;
  return parseGermanNumber(trimmed, { decimal: 'auto', exponent: false }) ?? NaN;
}
