// The year a file's name mentions, to preset the year of an import (boundaries, points).

/** The first year 1900–2099 in a file name (e.g. "Bezirke_2021" → 2021), or null when it has none. */
export function yearInFileName(name: string): number | null {
  const found = /(19|20)\d\d/.exec(name);
  return found ? Number(found[0]) : null;
}
