// Imported data ("Meine Daten"): sites made from the user's files. They become
// ordinary catalog sites whose files (GeoJSON, areas.csv, values.csv) live in
// memory here and in IndexedDB (user-store.ts), under paths "user/<site id>/…",
// so the map, DuckDB and every view treat them like the bundled data.
import type { Indicator, Site, Source } from './catalog-types';
import { catalog } from './catalog';
import { dropImportedPointLayer, putImportedPointLayer, type PointLayerInfo } from './points';

export interface UserSite {
  site: Site;
  source: Source;
  /** File contents by path (user/<id>/…). */
  files: Record<string, Uint8Array>;
  created: string;
}

const files = new Map<string, Uint8Array>();
const blobUrls = new Map<string, string>();
const listeners = new Set<() => void>();

export const USER_PREFIX = 'user/';

export function isUserPath(path: string): boolean {
  return path.startsWith(USER_PREFIX);
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

/** Makes an imported site visible to the catalog (idempotent). */
export function registerUserSite(entry: UserSite): void {
  for (const [path, bytes] of Object.entries(entry.files)) files.set(path, bytes);
  catalog.sources[entry.site.geometrySource] = entry.source;
  const i = catalog.sites.findIndex((s) => s.id === entry.site.id);
  if (i >= 0) catalog.sites[i] = entry.site;
  else catalog.sites.push(entry.site);
  for (const listener of listeners) listener();
}

export function unregisterUserSite(id: string): void {
  const i = catalog.sites.findIndex((s) => s.id === id);
  if (i >= 0) catalog.sites.splice(i, 1);
  forgetFiles(id);
  for (const listener of listeners) listener();
}

function forgetFiles(id: string): void {
  for (const path of [...files.keys()]) {
    if (!path.startsWith(`${USER_PREFIX}${id}/`)) continue;
    files.delete(path);
    const url = blobUrls.get(path);
    if (url) URL.revokeObjectURL(url);
    blobUrls.delete(path);
  }
}

/** An imported point layer: its description and GeoJSON (user/<layer id>/points.geojson). */
export interface UserPointLayer {
  layer: PointLayerInfo;
  fileName: string;
  bytes: Uint8Array;
  created: string;
}

/**
 * A category colour as the importer writes it ("#rrggbb"); anything else (a
 * crafted project file could hold "url(https://…)", which the legend's CSS
 * would load) becomes grey.
 */
export function safeColor(color: unknown): string {
  return typeof color === 'string' && /^#[0-9a-f]{6}$/i.test(color) ? color : '#666666';
}

export function registerPointLayer(entry: UserPointLayer): void {
  files.set(entry.layer.file, entry.bytes);
  catalog.sources[`${entry.layer.id}-source`] = entry.layer.source;
  entry.layer.categories = entry.layer.categories.map((c) => ({ ...c, color: safeColor(c.color) }));
  putImportedPointLayer(entry.layer);
  for (const listener of listeners) listener();
}

export function unregisterPointLayer(id: string): void {
  dropImportedPointLayer(id);
  forgetFiles(id);
  for (const listener of listeners) listener();
}

export function isUserPointLayer(id: string): boolean {
  return id.startsWith('upts-');
}

/** Called whenever the set of sites (or of imported point layers) changes. */
export function onSitesChanged(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** An imported table added to a site (bundled or imported): its indicators and values file. */
export interface TableExtension {
  id: string;
  siteId: string;
  fileName: string;
  indicators: Indicator[];
  /** Path of the values file (user/<id>/values.csv). */
  file: string;
  bytes: Uint8Array;
  sourceKey: string;
  source: Source;
  created: string;
}

/**
 * Adds an imported table's indicators to its site. The site object is
 * replaced (not mutated) so that views holding the old one notice. Returns
 * false when the site is not (yet) in the catalog.
 */
export function registerExtension(ext: TableExtension): boolean {
  const i = catalog.sites.findIndex((s) => s.id === ext.siteId);
  const site = catalog.sites[i];
  if (!site) return false;
  files.set(ext.file, ext.bytes);
  catalog.sources[ext.sourceKey] = ext.source;
  if (site.extraValues?.some((e) => e.file === ext.file)) return true;
  catalog.sites[i] = {
    ...site,
    indicators: [...site.indicators, ...ext.indicators.filter((n) => !site.indicators.some((o) => o.id === n.id))],
    extraValues: [...(site.extraValues ?? []), { file: ext.file, indicators: ext.indicators.map((n) => n.id) }],
  };
  for (const listener of listeners) listener();
  return true;
}

/** Removes an extension's indicators from its site (the site object is replaced). */
export function unregisterExtension(ext: { siteId: string; file: string; indicators: readonly { id: string }[] }): void {
  const i = catalog.sites.findIndex((s) => s.id === ext.siteId);
  const site = catalog.sites[i];
  files.delete(ext.file);
  if (!site) return;
  const gone = new Set(ext.indicators.map((n) => n.id));
  catalog.sites[i] = {
    ...site,
    indicators: site.indicators.filter((n) => !gone.has(n.id)),
    extraValues: (site.extraValues ?? []).filter((e) => e.file !== ext.file),
  };
  for (const listener of listeners) listener();
}

/**
 * The parts of a project file that are not imports of its own (ids as the import
 * dialog makes them: user-…, ext-…, upts-…, their source keys "<id>-source"). A
 * crafted file could otherwise replace a bundled site, point layer or source,
 * e.g. Leipzig's data with its own, kept in the browser and not listed under
 * "Meine Daten". Empty: the file holds imports only.
 */
export function foreignProjectParts(project: {
  sites: readonly { site: Site }[];
  extensions: readonly { id: string; sourceKey: string }[];
  pointLayers: readonly { layer: { id: string } }[];
}): string[] {
  return [
    ...project.sites.filter(({ site }) => !isUserSite(site.id) || site.geometrySource !== `${site.id}-source`).map(({ site }) => site.id),
    // "pts-…" extensions are derived from bundled point layers; the import skips them.
    ...project.extensions.filter((e) => !e.id.startsWith('pts-') && (!e.id.startsWith('ext-') || e.sourceKey !== `${e.id}-source`)).map((e) => e.id),
    ...project.pointLayers.filter(({ layer }) => !isUserPointLayer(layer.id)).map(({ layer }) => layer.id),
  ];
}

export function isUserSite(id: string): boolean {
  return id.startsWith('user-');
}
