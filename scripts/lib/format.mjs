// Deterministic number formatting helpers for scripts/prepare-data.mjs (the CSV and JSON of the
// site package are written by src/lib/data/site-package.js).
import { numberText } from '../../src/lib/data/site-package.js';

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

/**
 * Plain JS number text (no exponent, no trailing zeros, '.' as decimal point); '' for missing. The
 * number rule of the site package (src/lib/data/site-package.js) in its strict form.
 */
export function fmtNum(v) {
  if (v === null || v === undefined) return '';
  if (typeof v !== 'number') throw new Error(`fmtNum: not a number: ${v}`);
  return numberText(v, { strict: true });
}

/** Integer with ',' thousands separators (locale-independent), for SOURCES.md. */
export const fmtInt = (n) => fmtNum(n).replace(/\B(?=(\d{3})+(?!\d))/g, ',');

/** Byte-wise (code unit) string comparison, independent of locale. */
export function cmpStr(a, b) {
  return a < b ? -1 : a > b ? 1 : 0;
}
