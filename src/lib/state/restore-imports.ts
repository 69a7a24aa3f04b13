// Imports of earlier visits ("Meine Daten"), back into the site registry at start.
import type { SiteRegistry } from '../data/site-registry.svelte';
import { hasStoredImports, loadStoredData, StorageVersionError, type UnreadableRecord } from '../data/user-store';
import type { StorageNotice } from './app-reports.svelte';

/**
 * Every record on its own: a damaged one is skipped and named in a notice, the
 * others are restored.
 */
export async function restoreStoredImports(registry: SiteRegistry, report: (notice: StorageNotice) => void): Promise<void> {
  let data;
  try {
    data = await loadStoredData();
  } catch (err) {
    if (err instanceof StorageVersionError) report({ kind: 'newer' });
    // Imports were kept before, but the storage cannot be opened now (blocked, another tab upgrading).
    else if (hasStoredImports()) report({ kind: 'failed', message: err instanceof Error ? err.message : String(err) });
    // Otherwise no IndexedDB (private mode, blocked storage): imports then last for the session only.
    return;
  }
  const unreadable: UnreadableRecord[] = [...data.unreadable];
  const failed = (store: UnreadableRecord['store'], key: string, name: string, err: unknown) =>
    unreadable.push({ store, key, name, reason: err instanceof Error ? err.message : String(err) });
  for (const entry of data.sites) {
    try {
      registry.addSite(entry);
    } catch (err) {
      failed('user-sites', entry.site.id, entry.site.label.de, err);
    }
  }
  // Tables added to sites (bundled or imported), after the sites they belong to.
  for (const ext of data.extensions) {
    try {
      if (!registry.addExtension(ext)) failed('table-extensions', ext.id, ext.fileName, new Error(`its site "${ext.siteId}" is missing`));
    } catch (err) {
      failed('table-extensions', ext.id, ext.fileName, err);
    }
  }
  for (const layer of data.pointLayers) {
    try {
      if (!registry.find(layer.layer.site)) throw new Error(`its site "${layer.layer.site}" is missing`);
      registry.addPointLayer(layer);
    } catch (err) {
      failed('point-layers', layer.layer.id, layer.layer.label.de, err);
    }
  }
  if (unreadable.length > 0) {
    console.warn('Quartiersatlas: stored data that could not be restored', unreadable);
    report({ kind: 'unreadable', records: unreadable });
  }
}
