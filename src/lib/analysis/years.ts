/** Compacts a sorted list of years into ranges: [2000, 2001, 2002, 2005] → "2000–2002, 2005". */
export function yearRanges(years: readonly number[]): string {
  const parts: string[] = [];
  let start: number | null = null;
  let prev: number | null = null;
  for (const y of [...years].sort((a, b) => a - b)) {
    if (start === null || prev === null) {
      start = prev = y;
    } else if (y === prev + 1) {
      prev = y;
    } else {
      parts.push(start === prev ? String(start) : `${start}–${prev}`);
      start = prev = y;
    }
  }
  if (start !== null && prev !== null) parts.push(start === prev ? String(start) : `${start}–${prev}`);
  return parts.join(', ');
}
