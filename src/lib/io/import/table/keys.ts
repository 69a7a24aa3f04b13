// Area keys of a table: the leading zeros Excel drops ("01" → 1) restored.

/** Repairs keys whose leading zeros Excel dropped, given the width the others have (or the width of the target site's ids): "1" → "01". Only digit keys are padded; others come back trimmed. */
export function padKey(key: string | number, width: number): string {
  const k = typeof key === 'number' ? String(key) : key.trim();
  return /^\d+$/.test(k) && k.length < width ? k.padStart(width, '0') : k;
}

/**
 * The width digit keys should have when some lost their leading zeros: the
 * common width of the target site's ids if given (and all keys fit in it),
 * otherwise the longest width if at least half of the keys have it. Null when
 * nothing needs padding or keys are not all digits.
 */
export function inferKeyWidth(keys: readonly string[], targetIds?: readonly string[]): number | null {
  const ks = keys.map((k) => k.trim()).filter((k) => k !== '');
  if (ks.length === 0 || !ks.every((k) => /^\d+$/.test(k))) return null;
  if (targetIds && targetIds.length > 0 && targetIds.every((id) => /^\d+$/.test(id))) {
    const w = targetIds[0]!.length;
    if (targetIds.every((id) => id.length === w) && ks.every((k) => k.length <= w)) {
      return ks.some((k) => k.length < w) ? w : null;
    }
  }
  // A loop, not Math.max(...): a spread of a million keys overflows the stack.
  let max = 0;
  for (const k of ks) if (k.length > max) max = k.length;
  const full = ks.filter((k) => k.length === max).length;
  if (full === ks.length || full * 2 < ks.length) return null;
  return max;
}
