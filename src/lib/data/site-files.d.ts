// Types for site-files.js (tsconfig has allowJs off). What the functions do is described there.

/** The parts of a catalog site entry (catalog-types.ts: Site) that name files; other fields pass through. */
export interface SiteWithFiles {
  areas?: string;
  values?: string;
  firstView?: string;
  levels?: readonly { geometry?: string; tiles?: { url?: string } }[];
  extraValues?: readonly { file?: string }[];
  valueParts?: { format?: string; files?: Readonly<Record<string, string>> };
}

/** A copy of the site entry with every file path replaced by `map(path)`. */
export function mapSitePaths<S extends SiteWithFiles>(site: S, map: (path: string) => string): S;
/** Every file a site's catalog entry names, each once. */
export function sitePackageFiles(site: SiteWithFiles): string[];
