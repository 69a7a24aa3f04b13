// Deterministic number and CSV/JSON formatting helpers for scripts/prepare-data.mjs.

/**
 * Round half away from zero to `d` decimals using a decimal exponent shift, which avoids
 * most binary artefacts of `Math.round(x * 10 ** d) / 10 ** d` (e.g. 1.005 -> 1.01).
 * Returns null for null/undefined/NaN.
 */
export function roundTo(x, d) {
  if (x === null || x === undefined || Number.isNaN(x)) return null;
  if (!Number.isFinite(x)) throw new Error(`roundTo: non-finite value ${x}`);
  const sign = x < 0 ? -1 : 1;
  const abs = Math.abs(x);
  const s = String(abs);
  let shifted;
  if (/e/i.test(s)) shifted = abs * 10 ** d; // tiny/huge values: plain shift is fine
  else shifted = Number(`${s}e${d}`);
  const r = Number(`${Math.round(shifted)}e-${d}`) * sign;
  return Object.is(r, -0) ? 0 : r;
}

/** Plain JS number text (no exponent, no trailing zeros, '.' as decimal point); '' for missing. */
export function fmtNum(v) {
  if (v === null || v === undefined) return '';
  if (typeof v !== 'number' || !Number.isFinite(v)) throw new Error(`fmtNum: not a finite number: ${v}`);
  if (Object.is(v, -0)) return '0';
  const s = String(v);
  if (/e/i.test(s)) throw new Error(`fmtNum: value would print in exponent form: ${s}`);
  return s;
}

/** One CSV field per RFC 4180: quote only when needed. */
export function csvField(v) {
  const s = typeof v === 'number' ? fmtNum(v) : v === null || v === undefined ? '' : String(v);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** CSV text with `\n` line ends and a final newline. */
export function csvText(header, rows) {
  const lines = [header.map(csvField).join(',')];
  for (const r of rows) lines.push(r.map(csvField).join(','));
  return lines.join('\n') + '\n';
}

/**
 * JSON object text with keys in the given (sorted) order. Needed because JS objects put
 * integer-like keys ("10", "11000") before other keys, which would break "sorted keys".
 */
export function jsonObjectOrdered(entries) {
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${v === null ? 'null' : typeof v === 'number' ? fmtNum(v) : JSON.stringify(v)}`).join(',')}}`;
}

/** Byte-wise (code unit) string comparison, independent of locale. */
export function cmpStr(a, b) {
  return a < b ? -1 : a > b ? 1 : 0;
}
