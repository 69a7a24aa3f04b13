// The whole check of a programme area (fields, polygon, weights), for what comes from
// the browser's storage, a project file or the editor; a URL's unions need only
// checkProgrammeAreaFields (programme-areas.ts), which the first map loads.
import type { MultiPolygon, Polygon } from 'geojson';
import { checkProgrammeAreaFields, isRecord, type Checked, type ProgrammeArea } from './programme-areas';

function ringsOk(rings: unknown): boolean {
  return (
    Array.isArray(rings) &&
    rings.length > 0 &&
    rings.every(
      (ring) =>
        Array.isArray(ring) &&
        ring.length >= 4 &&
        ring.every((p) => Array.isArray(p) && p.length >= 2 && Number.isFinite(p[0]) && Number.isFinite(p[1]) && Math.abs(p[0] as number) <= 180 && Math.abs(p[1] as number) <= 90),
    )
  );
}

function geometryOk(g: unknown): g is Polygon | MultiPolygon {
  if (!isRecord(g)) return false;
  if (g.type === 'Polygon') return ringsOk(g.coordinates);
  if (g.type === 'MultiPolygon') return Array.isArray(g.coordinates) && g.coordinates.length > 0 && g.coordinates.every(ringsOk);
  return false;
}

/** Shares in (0, 1] of members, checked: undefined when absent, false when damaged. */
function shareRecord(x: unknown, members: ReadonlySet<string>): Record<string, number> | undefined | false {
  if (x === undefined) return undefined;
  if (!isRecord(x)) return false;
  const out: Record<string, number> = {};
  for (const [id, s] of Object.entries(x)) {
    if (!members.has(id) || typeof s !== 'number' || !(s > 0 && s <= 1)) return false;
    out[id] = s;
  }
  return out;
}

/** A programme area, checked: what every layer reads of it is there and sane. */
export function checkProgrammeArea(x: unknown): Checked<ProgrammeArea> {
  // Only a polygon may come without members (a grid site's area: its figures come from the cells inside).
  const fields = checkProgrammeAreaFields(x, { emptyMembers: isRecord(x) && x.geometry !== undefined });
  if (!fields.ok || !isRecord(x)) return fields;
  const area = fields.value;
  if (x.geometry !== undefined && !geometryOk(x.geometry)) return { ok: false, reason: `programme area ${area.id} has a damaged polygon` };
  let weights: Record<string, number> | undefined;
  if (x.weights !== undefined) {
    if (!isRecord(x.weights)) return { ok: false, reason: `programme area ${area.id} has damaged weights` };
    const members = new Set(area.members);
    weights = {};
    for (const [id, w] of Object.entries(x.weights)) {
      if (!members.has(id) || typeof w !== 'number' || !(w > 0 && w <= 1)) return { ok: false, reason: `programme area ${area.id} has a weight outside (0, 1] or of no member` };
      weights[id] = w;
    }
  }
  const shares = shareRecord(x.areaShares, new Set(area.members));
  if (shares === false) return { ok: false, reason: `programme area ${area.id} has an area share outside (0, 1] or of no member` };
  return {
    ok: true,
    value: {
      ...area,
      ...(x.geometry !== undefined ? { geometry: x.geometry as Polygon | MultiPolygon } : {}),
      ...(weights ? { weights } : {}),
      ...(shares ? { areaShares: shares } : {}),
    },
  };
}
