// The bundled example programme areas (data/programme-areas/examples.json, written by
// scripts/data/programme-examples.mjs): read and checked, joined to their sites' programme
// areas at start (after the first map; before it when the URL names the programme level), and
// hidden — never deleted — when the user deletes one (the ids are kept in localStorage, so a
// hidden example stays hidden on the next visit until "Beispiele wiederherstellen").
import { checkProgrammeArea } from '../data/programme-areas-check';
import { isBundled, isRecord, type ProgrammeArea } from '../data/programme-areas';
import type { SiteRegistry } from '../data/site-registry.svelte';
import { fetchJson } from '../data/urls';

/** The bundled file (under data/). */
export const EXAMPLES_PATH = 'programme-areas/examples.json';
const HIDDEN_KEY = 'quartiersatlas.examples.hidden';

/** Where an example's definition comes from (data/SOURCES.md, section 7). */
export interface ExampleSource {
  id: string;
  title: string;
  url: string;
  /** What the source says about the area. */
  says: string;
  /** How the area was approximated by base areas (then it is labelled "Beispiel"). */
  approximation?: string;
}

const sources = new Map<string, ExampleSource>();

/** The source of a bundled area's definition (once the examples are read), by area id. */
export function exampleSource(areaId: string): ExampleSource | undefined {
  return sources.get(areaId);
}

const text = (x: unknown): string => (typeof x === 'string' ? x : '');

/** The areas of the examples file, each checked like any stored area; broken entries are left out. */
export function parseProgrammeExamples(json: unknown): { areas: ProgrammeArea[]; sources: Map<string, ExampleSource> } {
  const list = isRecord(json) && Array.isArray(json.areas) ? json.areas : [];
  const areas: ProgrammeArea[] = [];
  const found = new Map<string, ExampleSource>();
  for (const raw of list) {
    const checked = checkProgrammeArea(raw);
    if (!checked.ok || !isRecord(raw) || !isBundled(checked.value)) continue;
    // Bundled areas are never edited: what the file says is what they are.
    areas.push(checked.value);
    const s = isRecord(raw.source) ? raw.source : null;
    if (s) {
      found.set(checked.value.id, {
        id: text(s.id),
        title: text(s.title),
        url: text(s.url),
        says: text(s.says),
        ...(typeof s.approximation === 'string' ? { approximation: s.approximation } : {}),
      });
    }
  }
  // Known from now on to exampleSource() (the list's hover text, the exports).
  for (const [id, s] of found) sources.set(id, s);
  return { areas, sources: found };
}

/** Ids of bundled areas the user deleted (hidden until restored). */
export function hiddenExamples(): Set<string> {
  try {
    const raw: unknown = JSON.parse(localStorage.getItem(HIDDEN_KEY) ?? '[]');
    return new Set(Array.isArray(raw) ? raw.filter((x): x is string => typeof x === 'string') : []);
  } catch {
    return new Set();
  }
}

export function setHiddenExamples(ids: Iterable<string>): void {
  try {
    const list = [...new Set(ids)];
    if (list.length === 0) localStorage.removeItem(HIDDEN_KEY);
    else localStorage.setItem(HIDDEN_KEY, JSON.stringify(list));
  } catch {
    // no localStorage: hidden for this session only
  }
}

let read: Promise<ProgrammeArea[]> | null = null;

/** The bundled areas (read once; a failure is retried next time). */
export function bundledProgrammeAreas(): Promise<ProgrammeArea[]> {
  if (!read) {
    read = fetchJson<unknown>(EXAMPLES_PATH).then((json) => parseProgrammeExamples(json).areas);
    read.catch(() => (read = null));
  }
  return read;
}

/**
 * Joins the bundled areas that are neither hidden nor there already to their sites in the registry
 * (its level and outlines; DuckDB takes them when the site loads). Returns the sites changed and
 * a promise of their outlines.
 */
export async function addBundledAreas(registry: SiteRegistry, only?: ReadonlySet<string>): Promise<{ sites: string[]; outlines: Promise<unknown> }> {
  const hidden = hiddenExamples();
  const areas = (await bundledProgrammeAreas()).filter((a) => !hidden.has(a.id) && (!only || only.has(a.id)));
  const sites: string[] = [];
  const outlines: Promise<unknown>[] = [];
  for (const site of new Set(areas.map((a) => a.site))) {
    if (!registry.find(site)) continue;
    const here = new Set(registry.programmeAreas.map((a) => a.id));
    const fresh = areas.filter((a) => a.site === site && !here.has(a.id));
    if (fresh.length === 0) continue;
    outlines.push(registry.setProgrammeAreas(site, [...registry.programmeAreasOf(site), ...fresh]).catch((err: unknown) => console.warn(err)));
    sites.push(site);
  }
  return { sites, outlines: Promise.all(outlines) };
}
