// Files of sites opened from an online data package (?src=…, data/online-open.ts): each file of the
// package is known to the app under a path "online/<site id>/…", so DuckDB, the map and every view read
// it like a bundled file; this maps such a path to the URL it was resolved to. Kept small: urls.ts
// and url.ts (the share link's `src`) are in the first bundle.

export const ONLINE_PREFIX = 'online/';

const fileUrls = new Map<string, string>();
const packageUrls = new Map<string, string>();

export function isOnlinePath(path: string): boolean {
  return path.startsWith(ONLINE_PREFIX);
}

/** The URL of a package's file. */
export function onlineFileUrl(path: string): string {
  const url = fileUrls.get(path);
  if (!url) throw new Error(`Online file "${path}" is not known`);
  return url;
}

/** Registers an online site: its package URL (site.json) and the URL of each of its files by path. */
export function putOnlineSite(siteId: string, packageUrl: string, files: Readonly<Record<string, string>>): void {
  packageUrls.set(siteId, packageUrl);
  for (const [path, url] of Object.entries(files)) fileUrls.set(path, url);
}

/** The package URL (site.json) a site was opened from; null for bundled and imported sites. */
export function onlineSiteUrl(siteId: string): string | null {
  return packageUrls.get(siteId) ?? null;
}
