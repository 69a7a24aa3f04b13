// The base areas a pasted list names (a programme area "by keys"): keys separated by commas, semicolons,
// spaces or lines, as they come from a spreadsheet column or a council paper. Pure.
import { normalizeName } from '../io/import/table-join';

export interface AreaKeyMatch {
  /** base area ids found, in the order given, each once */
  ids: string[];
  /** entries that name no area, as given */
  unknown: string[];
}

/**
 * Matches each entry to an area: its key exactly, the key with its leading zeros restored ("1" → "01", when that
 * names exactly one area), or its name (compared loosely, as a table's join does; names with spaces need a line or a semicolon
 * of their own, since spaces also separate keys).
 */
export function matchAreaKeys(text: string, areas: readonly { id: string; name: string }[]): AreaKeyMatch {
  const byId = new Map(areas.map((a) => [a.id, a.id]));
  const byNumber = new Map<string, string[]>();
  for (const a of areas) if (/^\d+$/.test(a.id)) byNumber.set(String(Number(a.id)), [...(byNumber.get(String(Number(a.id))) ?? []), a.id]);
  const byName = new Map<string, string>();
  for (const a of areas) if (!byName.has(normalizeName(a.name))) byName.set(normalizeName(a.name), a.id);
  const ids: string[] = [];
  const unknown: string[] = [];
  const add = (id: string) => {
    if (!ids.includes(id)) ids.push(id);
  };
  // A line or a semicolon-separated part that is a name is taken whole; otherwise it is split into keys.
  for (const part of text.split(/[\n\r;]+/)) {
    const whole = part.trim();
    if (whole === '') continue;
    const named = byName.get(normalizeName(whole));
    if (named && !byId.has(whole)) {
      add(named);
      continue;
    }
    for (const entry of whole.split(/[\s,]+/)) {
      if (entry === '') continue;
      const exact = byId.get(entry);
      const padded = /^\d+$/.test(entry) ? byNumber.get(String(Number(entry))) : undefined;
      const id = exact ?? (padded?.length === 1 ? padded[0] : undefined) ?? byName.get(normalizeName(entry));
      if (id) add(id);
      else unknown.push(entry);
    }
  }
  return { ids, unknown };
}
