import { isUserPath, userFileBytes, userFileUrl } from './user-files';
import { isOnlinePath, onlineFileUrl } from './online-files';

// Bundled data files are fingerprinted assets: Vite turns every file under
// data/ into a URL at build time, so a path from the catalog maps to its URL.
const files = import.meta.glob(['../../../data/*/*.{csv,geojson,json,arrow,pmtiles}', '../../../data/*/values/*.parquet'], {
  query: '?url',
  import: 'default',
  eager: true,
}) as Record<string, string>;

const PREFIX = '../../../data/';

export function dataUrl(path: string): string {
  if (isUserPath(path)) return userFileUrl(path);
  if (isOnlinePath(path)) return onlineFileUrl(path);
  const url = files[PREFIX + path];
  if (!url) throw new Error(`Bundled data file "${path}" not found`);
  return url;
}

async function fetchOk(path: string): Promise<Response> {
  // Online packages' files: no cookies to another origin.
  const res = await fetch(dataUrl(path), { credentials: isOnlinePath(path) ? 'omit' : 'same-origin' });
  if (!res.ok) throw new Error(`Could not load ${path}: HTTP ${res.status}`);
  return res;
}

export async function fetchBytes(path: string): Promise<Uint8Array> {
  // Imported files are in memory; DuckDB takes over (detaches) what it is given, so hand it a copy.
  if (isUserPath(path)) return userFileBytes(path).slice();
  return new Uint8Array(await (await fetchOk(path)).arrayBuffer());
}

const jsonOnce = new Map<string, Promise<unknown>>();

/** fetchJson, once per path (boundaries and point layers are read by several views); a failure is retried next time. */
export function fetchJsonOnce<T>(path: string): Promise<T> {
  let json = jsonOnce.get(path) as Promise<T> | undefined;
  if (!json) {
    json = fetchJson<T>(path);
    jsonOnce.set(path, json);
    json.catch(() => jsonOnce.delete(path));
  }
  return json;
}

export async function fetchJson<T>(path: string): Promise<T> {
  if (isUserPath(path)) return JSON.parse(new TextDecoder().decode(userFileBytes(path))) as T;
  return (await (await fetchOk(path)).json()) as T;
}
