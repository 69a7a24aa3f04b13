// Imported data ("Meine Daten"): what an import is made of. Sites made from the
// user's files become ordinary sites of the site registry (site-registry.svelte.ts);
// their files live in user-files.ts and IndexedDB (user-store.ts).
import type { Indicator, Site, Source } from './catalog-types';
import type { PointLayerInfo } from './points';

export interface UserSite {
  site: Site;
  source: Source;
  /** File contents by path (user/<id>/…). */
  files: Record<string, Uint8Array>;
  created: string;
}

/** An imported point layer: its description and GeoJSON (user/<layer id>/points.geojson). */
export interface UserPointLayer {
  layer: PointLayerInfo;
  fileName: string;
  bytes: Uint8Array;
  created: string;
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
 * A category colour as the importer writes it ("#rrggbb"); anything else (a
 * crafted project file could hold "url(https://…)", which the legend's CSS
 * would load) becomes grey.
 */
export function safeColor(color: unknown): string {
  return typeof color === 'string' && /^#[0-9a-f]{6}$/i.test(color) ? color : '#666666';
}

export function isUserPointLayer(id: string): boolean {
  return id.startsWith('upts-');
}

export function isUserSite(id: string): boolean {
  return id.startsWith('user-');
}

/** Extensions derived from bundled point layers ("pts-…"), computed again when shown, not stored as the user's tables. */
export function isDerivedExtension(id: string): boolean {
  return id.startsWith('pts-');
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
    ...project.extensions.filter((e) => !isDerivedExtension(e.id) && (!e.id.startsWith('ext-') || e.sourceKey !== `${e.id}-source`)).map((e) => e.id),
    ...project.pointLayers.filter(({ layer }) => !isUserPointLayer(layer.id)).map(({ layer }) => layer.id),
  ];
}
