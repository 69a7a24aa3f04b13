// The bytes of imported files ("Meine Daten"): sites, tables and point layers made
// from the user's files live in memory here (and in IndexedDB, user-store.ts) under
// paths "user/<id>/…", so the map, DuckDB and every view read them like bundled files.

const files = new Map<string, Uint8Array>();
const blobUrls = new Map<string, string>();

export const USER_PREFIX = 'user/';

export function isUserPath(path: string): boolean {
  return path.startsWith(USER_PREFIX);
}

export function putUserFile(path: string, bytes: Uint8Array): void {
  files.set(path, bytes);
}

export function dropUserFile(path: string): void {
  files.delete(path);
  const url = blobUrls.get(path);
  if (url) URL.revokeObjectURL(url);
  blobUrls.delete(path);
}

/** Forgets every file of one import (user/<id>/…). */
export function dropUserFiles(id: string): void {
  for (const path of [...files.keys()]) if (path.startsWith(`${USER_PREFIX}${id}/`)) dropUserFile(path);
}

/** Bytes of an imported file. */
export function userFileBytes(path: string): Uint8Array {
  const bytes = files.get(path);
  if (!bytes) throw new Error(`Imported file "${path}" is not loaded`);
  return bytes;
}

/** A blob: URL for an imported file (the map's worker fetches GeoJSON by URL). */
export function userFileUrl(path: string): string {
  let url = blobUrls.get(path);
  if (!url) {
    const type = path.endsWith('.geojson') ? 'application/geo+json' : 'text/csv';
    url = URL.createObjectURL(new Blob([userFileBytes(path) as BlobPart], { type }));
    blobUrls.set(path, url);
  }
  return url;
}
