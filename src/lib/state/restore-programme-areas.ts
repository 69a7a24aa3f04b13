// Programme areas of earlier visits, back into the site registry at start (main.ts loads
// this only when some were kept).
import { PROGRAMME_LEVEL, type ProgrammeArea } from '../data/programme-areas';
import type { SiteRegistry } from '../data/site-registry.svelte';
import type { StorageNotice } from './app-reports.svelte';

/** Programme areas of earlier visits, back into the site registry at start (main.ts, before the view is read). */
export async function restoreProgrammeAreas(registry: SiteRegistry, report: (notice: StorageNotice) => void): Promise<void> {
  let stored;
  try {
    stored = await (await import('../data/programme-areas-store')).loadProgrammeAreas();
  } catch (err) {
    report({ kind: 'failed', message: err instanceof Error ? err.message : String(err) });
    return;
  }
  const bySite = new Map<string, ProgrammeArea[]>();
  // Areas here already (a share link's, kept while this ran after the first map) stay as they are.
  const here = new Set(registry.programmeAreas.map((a) => a.id));
  for (const a of stored.areas) if (!here.has(a.id)) bySite.set(a.site, [...(bySite.get(a.site) ?? []), a]);
  for (const [site, list] of bySite) {
    // An imported site deleted meanwhile: its areas wait (they come back with the site's project file).
    // (Their outlines follow; a failure leaves the level with an empty outline, the figures still show.)
    if (registry.find(site)) registry.setProgrammeAreas(site, [...registry.programmeAreasOf(site), ...list]).catch((err: unknown) => console.warn(err));
  }
  if (stored.unreadable.length > 0) {
    console.warn('Quartiersatlas: stored programme areas that could not be restored', stored.unreadable);
    report({ kind: 'failed', message: `${PROGRAMME_LEVEL}: ${stored.unreadable.map((u) => `${u.key} (${u.reason})`).join(', ')}` });
  }
}
