// Programme areas ("Programmgebiete"): Fördergebiete, Sozialräume and other areas
// the user works in, made of base areas of a site (a union, exact) or drawn/imported
// as a polygon (estimated from the base areas it cuts, with a weight per base area).
// They are a level of their site (PROGRAMME_LEVEL), listed after the statistical
// levels but never part of their hierarchy (hierarchyLevels, topLevel).
// Pure: the model, its checks and the compact URL form (pa=).
import type { MultiPolygon, Polygon } from 'geojson';
import type { Level, Site } from './catalog-types';

export const PROGRAMME_LEVEL = 'programmgebiet';

export const PROGRAMMES = ['esf-plus', 'thinka', 'soziale-stadt', 'gemeinsam-klappts', 'sozialraum', 'own'] as const;
export type Programme = (typeof PROGRAMMES)[number];

export interface ProgrammeArea {
  /** 'pa-…' */
  id: string;
  site: string;
  name: string;
  programme: Programme;
  /** The programme's name when `programme` is 'own'. */
  programmeText?: string;
  /** First year of funding, or null. */
  startYear: number | null;
  /** '#rrggbb' */
  color: string;
  /** Base area ids (of the site's base level). */
  members: string[];
  /** A drawn or imported polygon (WGS 84); members and weights are then derived from it. */
  geometry?: Polygon | MultiPolygon;
  /** Base id → share of its counts inside (0 < w ≤ 1), for drawn ones; absent = 1 for every member. */
  weights?: Record<string, number>;
  /**
   * Base id → area(polygon ∩ base) / area(base) (0 < s < 1) of each base a drawn or imported polygon cuts,
   * for texts such as "geschätzt: 37 % der Fläche von …"; absent for whole members and for unions.
   */
  areaShares?: Record<string, number>;
  /** A bundled example whose definition could not be confirmed from a citable source. */
  example?: boolean;
}

/** The level's label in the site's list of levels. */
export const PROGRAMME_LEVEL_LABEL = { de: 'Programmgebiete', en: 'Programme areas' } as const;

export function isProgrammeLevel(level: string): boolean {
  return level === PROGRAMME_LEVEL;
}

/** The site's statistical levels, base first, without the programme level (the parent chain runs through these). */
export function hierarchyLevels(site: Pick<Site, 'levels'>): Level[] {
  return site.levels.filter((l) => !isProgrammeLevel(l.id));
}

/** The site's top statistical level (the city, Germany): the reference of compare and profile. */
export function topLevel(site: Pick<Site, 'id' | 'levels'>): Level {
  const levels = hierarchyLevels(site);
  const top = levels[levels.length - 1];
  if (!top) throw new Error(`Site "${site.id}" has no levels`);
  return top;
}

/** Whether an area's figures are estimated: some member enters with only part of its counts. */
export function isEstimated(area: Pick<ProgrammeArea, 'weights'>): boolean {
  return Object.values(area.weights ?? {}).some((w) => w < 1);
}

/** The weight of a member (1 when the area has no weights or does not name it). */
export function memberWeight(area: Pick<ProgrammeArea, 'weights'>, baseId: string): number {
  return area.weights?.[baseId] ?? 1;
}

/** Ids of the bundled programme areas (data/programme-areas/examples.json) start so; the app's own never do. */
export const BUNDLED_PREFIX = 'pa-ex-';

/** A bundled programme area (an example or a sourced one): never edited, kept or put into links; deleting hides it. */
export function isBundled(area: Pick<ProgrammeArea, 'id' | 'example'>): boolean {
  return area.example === true || area.id.startsWith(BUNDLED_PREFIX);
}

/** A union of base areas (travels in share links), not a drawn or imported polygon. */
export function isUnion(area: Pick<ProgrammeArea, 'geometry' | 'weights'>): boolean {
  return area.geometry === undefined && !isEstimated(area);
}

/** Colours for new programme areas (Okabe–Ito, distinguishable with colour-vision deficiency). */
export const PROGRAMME_COLORS = ['#e69f00', '#56b4e9', '#009e73', '#cc79a7', '#0072b2', '#d55e00', '#f0e442', '#000000'] as const;

export function defaultProgrammeColor(index: number): string {
  return PROGRAMME_COLORS[((index % PROGRAMME_COLORS.length) + PROGRAMME_COLORS.length) % PROGRAMME_COLORS.length]!;
}

/** A new id ("pa-" and 8 random base-36 characters). */
export function newProgrammeAreaId(random: () => number = Math.random): string {
  let s = '';
  for (let i = 0; i < 8; i++) s += Math.floor(random() * 36).toString(36);
  return `pa-${s}`;
}

// Checks, shared by the browser's storage, the project file and share links: a
// record may be damaged or hand-edited.

export const MAX_MEMBERS = 250_000;
export const MAX_NAME = 200;
/** An id that also fits the URL's sel= (32 characters at most). */
const ID_RE = /^pa-[A-Za-z0-9_-]{1,29}$/;
/** Control characters end SQL literals and have no place in a name or an id. */
const hasControl = (s: string) => [...s].some((c) => c.charCodeAt(0) < 0x20);
/** A base area id as the URL and the site package have them (no control characters, separators of the URL form, short). */
const memberOk = (m: unknown): m is string => typeof m === 'string' && m.length >= 1 && m.length <= 64 && !hasControl(m) && !/[,~|]/.test(m);
const COLOR_RE = /^#[0-9a-f]{6}$/i;

export type Checked<T> = { ok: true; value: T } | { ok: false; reason: string };

export const isRecord = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null && !Array.isArray(x);

/**
 * A programme area's fields apart from its polygon and weights, checked (enough for a union in
 * a URL); programme-areas-check.ts checkProgrammeArea checks the whole area. `emptyMembers`: an
 * area without members is accepted (a polygon on a grid site, whose figures come from the cells).
 */
export function checkProgrammeAreaFields(x: unknown, options: { emptyMembers?: boolean } = {}): Checked<ProgrammeArea> {
  if (!isRecord(x)) return { ok: false, reason: 'not a programme area' };
  if (typeof x.id !== 'string' || !ID_RE.test(x.id)) return { ok: false, reason: 'the programme area has no id ("pa-…")' };
  if (typeof x.site !== 'string' || x.site === '') return { ok: false, reason: `programme area ${x.id} names no site` };
  if (typeof x.name !== 'string' || x.name.trim() === '' || x.name.length > MAX_NAME || hasControl(x.name)) {
    return { ok: false, reason: `programme area ${x.id} has no usable name` };
  }
  if (!(PROGRAMMES as readonly unknown[]).includes(x.programme)) return { ok: false, reason: `programme area ${x.id} has an unknown programme` };
  if (x.programmeText !== undefined && (typeof x.programmeText !== 'string' || x.programmeText.length > MAX_NAME || hasControl(x.programmeText))) {
    return { ok: false, reason: `programme area ${x.id} has a damaged programme name` };
  }
  const start = x.startYear;
  if (start !== null && start !== undefined && !(Number.isInteger(start) && (start as number) >= 1900 && (start as number) <= 2100)) {
    return { ok: false, reason: `programme area ${x.id} has an impossible start year` };
  }
  if (!Array.isArray(x.members) || (x.members.length === 0 && !options.emptyMembers) || x.members.length > MAX_MEMBERS) return { ok: false, reason: `programme area ${x.id} has no members` };
  if (!x.members.every(memberOk)) return { ok: false, reason: `programme area ${x.id} has a damaged member id` };
  const members = [...new Set(x.members as string[])];
  return {
    ok: true,
    value: {
      id: x.id,
      site: x.site,
      name: x.name.trim(),
      programme: x.programme as Programme,
      ...(typeof x.programmeText === 'string' && x.programmeText.trim() !== '' ? { programmeText: x.programmeText.trim() } : {}),
      startYear: typeof start === 'number' ? start : null,
      color: typeof x.color === 'string' && COLOR_RE.test(x.color) ? x.color.toLowerCase() : defaultProgrammeColor(0),
      members,
      ...(x.example === true ? { example: true } : {}),
    },
  };
}

// The compact form for share links: pa=<entry>|<entry>…, each entry
// id~name~programme~startYear~members~colour[~programme text], fields
// URI-encoded (also "~"), members comma-separated, colour without "#" (3 hex digits where each pair
// repeats: f0f for #ff00ff).

const field = (s: string) => encodeURIComponent(s).replace(/~/g, '%7E');

/** The unions among `areas` in the compact URL form ('' when there are none). */
export function encodeProgrammeAreas(areas: readonly ProgrammeArea[]): string {
  return areas
    .filter((a) => isUnion(a) && !isBundled(a))
    .map((a) => {
      const parts = [a.id, field(a.name), a.programme, a.startYear === null ? '' : String(a.startYear), a.members.map(field).join(','), a.color.replace(/^#(?:([0-9a-f])\1([0-9a-f])\2([0-9a-f])\3|)/, '$1$2$3')];
      if (a.programme === 'own' && a.programmeText) parts.push(field(a.programmeText));
      return parts.join('~');
    })
    .join('|');
}

/** Unions of `site` from the compact URL form; entries that do not parse are returned as `rejected`. */
export function decodeProgrammeAreas(raw: string, site: string): { areas: ProgrammeArea[]; rejected: string[] } {
  const areas: ProgrammeArea[] = [];
  const rejected: string[] = [];
  for (const entry of raw.split('|')) {
    if (entry.trim() === '') continue;
    const parts = entry.split('~');
    let candidate: unknown = null;
    try {
      const [id, name, programme, start, members, color, text] = parts;
      if (parts.length >= 5 && parts.length <= 7) {
        candidate = {
          id,
          site,
          name: decodeURIComponent(name ?? ''),
          programme,
          startYear: start === '' || start === undefined ? null : /^\d{4}$/.test(start) ? Number(start) : NaN,
          members: (members ?? '').split(',').filter((m) => m !== '').map((m) => decodeURIComponent(m)),
          color: color ? `#${color.length === 3 ? color.replace(/./g, '$&$&') : color}` : undefined,
          ...(text ? { programmeText: decodeURIComponent(text) } : {}),
        };
      }
    } catch {
      candidate = null; // a broken %-escape
    }
    const checked = candidate ? checkProgrammeAreaFields(candidate) : null;
    if (checked?.ok && !areas.some((a) => a.id === checked.value.id)) areas.push(checked.value);
    else rejected.push(entry.slice(0, 40));
  }
  return { areas, rejected };
}
