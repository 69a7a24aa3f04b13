// Formula indicators of earlier visits and of the link (fx=), into the site registry at start
// (main.ts loads this only when there are some, before the view is read: it may show one). Their
// rows are written into DuckDB when their site is loaded there (DataCoordinator).
import type { SiteRegistry } from '../data/site-registry.svelte';
import { decodeFormulaIndicators, type FormulaIndicator } from '../data/formula-indicators';
import type { StorageNotice } from './app-reports.svelte';
import { registerFormulaIndicators } from './formula-indicators.svelte';

/** The site a link without site= shows (view-store's DEFAULT_SITE; not imported, so the start-up code stays apart from the view's). */
const DEFAULT_SITE = 'leipzig';

export async function restoreFormulaIndicators(registry: SiteRegistry, search: string, report: (notice: StorageNotice) => void): Promise<void> {
  const problems: string[] = [];
  let stored: FormulaIndicator[] = [];
  const store = await import('../data/formula-indicators-store');
  try {
    const loaded = await store.loadFormulaIndicators();
    stored = loaded.list;
    problems.push(...loaded.unreadable.map((u) => `${u.key} (${u.reason})`));
  } catch (err) {
    // No IndexedDB (private mode): a link's formula indicators still come along for the session.
    console.warn('Quartiersatlas: stored formula indicators could not be read', err);
  }
  // The link's, for the site it shows; those kept already stay as they are.
  const q = new URLSearchParams(search);
  const fx = q.get('fx');
  const linked = fx ? decodeFormulaIndicators(fx, q.get('site') || DEFAULT_SITE).list.filter((f) => !stored.some((s) => s.id === f.id)) : [];
  problems.push(...registerFormulaIndicators(registry, [...stored, ...linked]));
  // A link's recipient keeps them like their own.
  const adopted = linked.filter((f) => registry.find(f.site)?.indicators.some((i) => i.id === f.id));
  if (adopted.length > 0) await store.saveFormulaIndicators(adopted).catch(() => undefined);
  if (problems.length > 0) {
    console.warn('Quartiersatlas: formula indicators that could not be restored', problems);
    report({ kind: 'failed', message: problems.join('; ') });
  }
}
