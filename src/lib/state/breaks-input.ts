import { parseNumberInput } from './number-input';

/**
 * Parses manual class breaks typed by a user: numbers separated by ";" (German
 * decimal comma or point accepted, "1.234,5" and "1234.5" both read). Returns
 * null when anything is not a number, or fewer than 2 or more than 8 breaks.
 */
export function parseBreaksInput(text: string): number[] | null {
  const parts = text.split(';').map((p) => p.trim()).filter((p) => p !== '');
  if (parts.length < 2 || parts.length > 8) return null;
  const values: number[] = [];
  for (const part of parts) {
    const value = parseNumberInput(part);
    if (value === null || Number.isNaN(value)) return null;
    values.push(value);
  }
  const sorted = [...new Set(values)].sort((a, b) => a - b);
  return sorted.length === values.length ? sorted : null;
}
