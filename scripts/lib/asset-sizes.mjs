// Sizes of a build that the benchmark prints: the initial JavaScript (gzip level 9 of the chunks that
// dist/index.html references; lazy chunks and workers excluded) and the DuckDB wasm.
//   node scripts/lib/asset-sizes.mjs [DIST]   prints them as JSON
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

/** @param {string} dist */
export function assetSizes(dist) {
  const dir = `${dist}/assets`;
  const files = readdirSync(dir);
  const html = readFileSync(`${dist}/index.html`, 'utf8');
  const entry = files.filter((f) => f.endsWith('.js') && html.includes(f));
  const gz = (f) => gzipSync(readFileSync(join(dir, f)), { level: 9 }).length;
  const wasm = files.filter((f) => f.endsWith('.wasm'));
  return {
    initialJsGzipKB: entry.reduce((s, f) => s + gz(f), 0) / 1024,
    wasmMB: wasm.reduce((s, f) => s + statSync(join(dir, f)).size, 0) / 1024 / 1024,
    wasmGzipMB: wasm.reduce((s, f) => s + gz(f), 0) / 1024 / 1024,
  };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) console.log(JSON.stringify(assetSizes(process.argv[2] ?? 'dist')));
