// An online data package: a folder on any static host with `site.json` (one catalog site entry and
// the sources it cites, file paths relative to site.json) and the site's files
// (scripts/publish-package.mjs writes one). This reads a site.json: the same checks as a catalog
// entry (site-check.ts), every path resolved against the package's URL and kept on its origin, ids
// made distinct from bundled and imported sites. Pure (no fetch): data/online-open.ts fetches.
import type { Site, Source } from './catalog-types';
import { ONLINE_PREFIX } from './online-files';
import { siteProblems, sourcesProblems } from './site-check';
import { translate, type Lang } from '../i18n';
import { mapSitePaths } from './site-files.js';

/** The package's entry file. */
export const PACKAGE_FILE = 'site.json';
/** An online site's id is this + the package's own id (never a bundled "leipzig" or an import's "user-…"). */
export const ONLINE_SITE_PREFIX = 'online-';

/** site.json: what scripts/publish-package.mjs writes. */
export interface PackageJson {
  format?: string;
  site: Site;
  sources: Record<string, Source>;
}

export interface OnlinePackage {
  /** The site as the app holds it: id, source keys and file paths rewritten (paths "online/<id>/…"). */
  site: Site;
  /** Its sources under the rewritten keys. */
  sources: Record<string, Source>;
  /** The URL of every file, by the path the site names it with. */
  files: Record<string, string>;
  /** site.json's URL and origin. */
  url: string;
  origin: string;
}

export type PackageRead = { ok: true; pkg: OnlinePackage } | { ok: false; problems: string[] };

/** A file name that is safe as a DuckDB file name and tells what the file is. */
function safeName(path: string): string {
  const base = path.split(/[/?#]/).filter(Boolean).pop() ?? 'file';
  return base.replace(/[^A-Za-z0-9_.-]/g, '_').slice(-80);
}

/** Reads a package's site.json (parsed JSON) found at `packageUrl` (absolute http(s)); problems in `lang`. */
export function readPackage(json: unknown, packageUrl: string, lang: Lang = 'en'): PackageRead {
  if (typeof json !== 'object' || json === null || Array.isArray(json)) return { ok: false, problems: [`${PACKAGE_FILE}: ${translate(lang, 'check.packageObject')}`] };
  const raw = json as Partial<PackageJson>;
  const problems = [...siteProblems(raw.site, raw.sources, 'site', lang), ...sourcesProblems(raw.sources, 'sources', lang)];
  const fileProblem = (path: string, what: string) => `${translate(lang, 'check.file', { path })}: ${what}`;
  if (problems.length > 0) return { ok: false, problems };
  const base = new URL(packageUrl);
  const site = raw.site as Site;
  const id = ONLINE_SITE_PREFIX + site.id;
  const files: Record<string, string> = {};
  let n = 0;
  const resolved = mapSitePaths(site, (path) => {
    let url: URL;
    try {
      url = new URL(path, base);
    } catch {
      problems.push(fileProblem(path, translate(lang, 'check.notPath')));
      return path;
    }
    if (url.origin !== base.origin || !/^https?:$/.test(url.protocol)) {
      problems.push(fileProblem(path, translate(lang, 'check.otherOrigin', { origin: url.origin, base: base.origin })));
      return path;
    }
    url.hash = '';
    const existing = Object.entries(files).find(([, u]) => u === url.href);
    if (existing) return existing[0];
    const virtual = `${ONLINE_PREFIX}${id}/${n++}-${safeName(url.pathname)}`;
    files[virtual] = url.href;
    return virtual;
  });
  if (problems.length > 0) return { ok: false, problems };
  const key = (k: string) => `${id}.${k}`;
  const sources = Object.fromEntries(Object.entries(raw.sources as Record<string, Source>).map(([k, s]) => [key(k), s]));
  const out: Site = {
    ...resolved,
    id,
    kind: 'areas',
    firstView: resolved.firstView ?? '',
    geometrySource: key(site.geometrySource),
    indicators: site.indicators.map((i) => ({ ...i, source: key(i.source) })),
    online: { url: base.href, origin: base.origin },
  };
  return { ok: true, pkg: { site: out, sources, files, url: base.href, origin: base.origin } };
}
