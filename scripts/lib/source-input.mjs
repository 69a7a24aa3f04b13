// Reading the shared source files for scripts/prepare-data.mjs: where they are, and how their
// numbers are parsed.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const SHARED = path.resolve(ROOT, process.env.SHARED_DATA ?? '../shared/data');
export const LEIPZIG_DIR = path.join(SHARED, 'leipzig-ortsteile');
export const KREISE_DIR = path.join(SHARED, 'germany-kreise-gemeinden');

export function readText(p) {
  if (!fs.existsSync(p)) throw new Error(`missing input ${p} (set SHARED_DATA to the shared data folder)`);
  return fs.readFileSync(p, 'utf8').replace(/^\uFEFF/, '');
}

/** Parse a source number: '' / NA -> null. */
export function num(s) {
  if (s === undefined || s === null) return null;
  const t = String(s).trim();
  if (t === '' || t === 'NA' || t === '-' || t === '.' || t === 'x') return null;
  const v = Number(t.replace(',', '.'));
  if (!Number.isFinite(v)) throw new Error(`not a number: ${JSON.stringify(s)}`);
  return v;
}

export const mul = (a, b) => (a === null || b === null ? null : a * b);
export const div = (v, d) => (v === null ? null : v / d);

export function range(a, b) {
  const out = [];
  for (let i = a; i <= b; i++) out.push(i);
  return out;
}
