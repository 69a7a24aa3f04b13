#!/usr/bin/env node
// Writes an online data package of one site: a folder with site.json (the site's catalog entry and
// the sources it cites, file paths relative to site.json) and the site's files, ready for any static
// host or object store (README "Publishing a data package"). The app opens it with
// ?src=<URL of site.json> (src/lib/data/online-open.ts).
//
//   node scripts/publish-package.mjs <site id | folder> <out dir>
//
// <site id>: a site of the bundled data/catalog.json (e.g. leipzig). <folder>: a folder with a
// catalog.json in the same format (its first site, paths relative to the folder) or a package's
// site.json (published again, e.g. after editing it). The files are collected from the entry by
// sitePackageFiles (src/lib/data/site-files.js: geometry, areas, values, first view, vector tiles,
// per-indicator value parts), copied byte for byte, and every one is checked to exist.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { mapSitePaths, sitePackageFiles } from '../src/lib/data/site-files.js';

export const PACKAGE_FORMAT = 'quartiersatlas-site-package/1';
const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/**
 * The site entry, its sources and the folder its paths are relative to.
 * @param {string} what a bundled site id or a folder
 */
function readInput(what) {
  if (fs.existsSync(what) && fs.statSync(what).isDirectory()) {
    const pkg = path.join(what, 'site.json');
    if (fs.existsSync(pkg)) {
      const json = JSON.parse(fs.readFileSync(pkg, 'utf8'));
      return { site: json.site, sources: json.sources ?? {}, base: what };
    }
    const catalog = JSON.parse(fs.readFileSync(path.join(what, 'catalog.json'), 'utf8'));
    if (!catalog.sites?.[0]) throw new Error(`${what}/catalog.json holds no site`);
    return { site: catalog.sites[0], sources: catalog.sources ?? {}, base: what };
  }
  const base = path.join(ROOT, 'data');
  const catalog = JSON.parse(fs.readFileSync(path.join(base, 'catalog.json'), 'utf8'));
  const site = catalog.sites.find((/** @type {{ id: string }} */ s) => s.id === what);
  if (!site) throw new Error(`no site "${what}" in data/catalog.json (sites: ${catalog.sites.map((/** @type {{ id: string }} */ s) => s.id).join(', ')})`);
  return { site, sources: catalog.sources, base };
}

/** The folder all paths share ("leipzig/" for data/leipzig/…), dropped inside the package. */
function commonDir(/** @type {string[]} */ paths) {
  const dirs = paths.map((p) => p.split('/').slice(0, -1));
  const first = dirs[0] ?? [];
  let n = 0;
  while (n < first.length && dirs.every((d) => d[n] === first[n])) n++;
  return first.slice(0, n).join('/');
}

/**
 * Publishes a site into `outDir`; returns what was written.
 * @param {string} what
 * @param {string} outDir
 */
export function publishPackage(what, outDir) {
  const { site, sources, base } = readInput(what);
  if (site.kind === 'grid') throw new Error(`${site.id}: a grid site cannot be published as a package (only sites of areas)`);
  const files = sitePackageFiles(site);
  for (const f of files) {
    if (path.isAbsolute(f) || f.split('/').includes('..') || /^[a-z]+:/i.test(f)) throw new Error(`${site.id}: the path "${f}" leaves the site's folder`);
    if (!fs.existsSync(path.join(base, f))) throw new Error(`${site.id}: the file "${f}" named by the entry does not exist in ${base}`);
  }
  const dir = commonDir(files);
  const inPackage = (/** @type {string} */ f) => (dir ? f.slice(dir.length + 1) : f);
  const cited = new Set([site.geometrySource, ...site.indicators.map((/** @type {{ source: string }} */ i) => i.source)]);
  const ownSources = Object.fromEntries([...cited].sort().map((k) => {
    if (!sources[k]) throw new Error(`${site.id}: the source "${k}" is not in the catalog`);
    return [k, sources[k]];
  }));
  fs.mkdirSync(outDir, { recursive: true });
  /** @type {{ path: string, bytes: number }[]} */
  const written = [];
  for (const f of files) {
    const dest = path.join(outDir, inPackage(f));
    fs.mkdirSync(path.dirname(dest), { recursive: true });
    fs.copyFileSync(path.join(base, f), dest);
    written.push({ path: inPackage(f), bytes: fs.statSync(dest).size });
  }
  const entry = mapSitePaths(site, inPackage);
  const json = `${JSON.stringify({ format: PACKAGE_FORMAT, site: entry, sources: ownSources }, null, 1)}\n`;
  fs.writeFileSync(path.join(outDir, 'site.json'), json);
  written.unshift({ path: 'site.json', bytes: Buffer.byteLength(json) });
  return { siteId: site.id, files: written };
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const [what, out] = process.argv.slice(2);
  if (!what || !out) {
    console.error('usage: node scripts/publish-package.mjs <site id | folder> <out dir>');
    process.exit(2);
  }
  try {
    const { siteId, files } = publishPackage(what, path.resolve(out));
    for (const f of files) console.log(`${String(f.bytes).padStart(12)}  ${f.path}`);
    console.log(`${siteId}: ${files.length} files in ${path.resolve(out)}; open it with ?src=<URL of ${path.join(out, 'site.json')}>`);
  } catch (err) {
    console.error(`publish-package: ${err instanceof Error ? err.message : err}`);
    process.exit(1);
  }
}
