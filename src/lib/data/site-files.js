// The files of one site, collected generically from its catalog entry (catalog-types.ts: Site):
// used by scripts/publish-package.mjs (which files a published package holds) and by the app's
// online packages (data/online-package.ts: every path resolved against the package's URL).
// Plain ESM JavaScript (Node scripts import it); types in site-files.d.ts.
//
// A path is in: `areas`, `values`, `firstView`, every `levels[].geometry`, every
// `levels[].tiles.url` (vector tiles; a "pmtiles://" prefix is kept around the path), every
// `extraValues[].file`, and every file of `valueParts.files` (values split per indicator, one
// Parquet file per indicator id: catalog-types.ts ValueParts).

const PMTILES = 'pmtiles://';
/**
 * A copy of the site entry with every file path replaced by `map(path)` (in the order
 * sitePackageFiles lists them); everything else is kept as it is.
 * @template {import('./site-files').SiteWithFiles} S
 * @param {S} site
 * @param {(path: string) => string} map
 * @returns {S}
 */
export function mapSitePaths(site, map) {
  /** @type {Record<string, unknown>} */
  const out = { ...site };
  for (const key of /** @type {const} */ (['areas', 'values', 'firstView'])) {
    if (typeof site[key] === 'string' && site[key] !== '') out[key] = map(site[key]);
  }
  if (Array.isArray(site.levels)) {
    out.levels = site.levels.map((level) => {
      /** @type {Record<string, unknown>} */
      const l = { ...level };
      if (typeof level.geometry === 'string' && level.geometry !== '') l.geometry = map(level.geometry);
      const tiles = level.tiles;
      if (tiles && typeof tiles === 'object' && typeof tiles.url === 'string') {
        const prefixed = tiles.url.startsWith(PMTILES);
        const url = map(prefixed ? tiles.url.slice(PMTILES.length) : tiles.url);
        l.tiles = { ...tiles, url: prefixed ? PMTILES + url : url };
      }
      return l;
    });
  }
  if (Array.isArray(site.extraValues)) out.extraValues = site.extraValues.map((e) => (typeof e.file === 'string' ? { ...e, file: map(e.file) } : e));
  const parts = site.valueParts;
  if (parts && typeof parts === 'object' && parts.files && typeof parts.files === 'object') {
    out.valueParts = { ...parts, files: Object.fromEntries(Object.entries(parts.files).map(([id, file]) => [id, typeof file === 'string' ? map(file) : file])) };
  }
  return /** @type {S} */ (out);
}

/**
 * Every file a site's catalog entry names (paths as written there, each once, in order).
 * @param {import('./site-files').SiteWithFiles} site
 * @returns {string[]}
 */
export function sitePackageFiles(site) {
  /** @type {string[]} */
  const files = [];
  mapSitePaths(site, (path) => {
    if (!files.includes(path)) files.push(path);
    return path;
  });
  return files;
}
