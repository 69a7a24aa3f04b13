/**
 * Reads one number typed by a user: German decimal comma or point,
 * thousands points with a comma ("1.234,5"), a leading minus. Returns null
 * for an empty field and NaN for anything that is not a number.
 */
export function parseNumberInput(text: string): number | null {
  const trimmed = text.trim().replace(/\s/g, '').replace('−', '-');
  if (trimmed === '') return null;
  const normalised = trimmed.includes(',') ? trimmed.replace(/\./g, '').replace(',', '.') : trimmed;
  return /^-?\d+(\.\d+)?$/.test(normalised) || /^-?\.\d+$/.test(normalised) ? Number(normalised) : NaN;
}
