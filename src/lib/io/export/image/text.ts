// Text for the composed picture: the font, a text measuring function and line
// breaking. Pure: the measuring function comes from the caller (a canvas in the
// browser, a stand-in in tests).

export const FONT_FAMILY = 'system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif';

export interface FontSpec {
  size: number;
  weight?: 'normal' | 'bold';
}

/** Width of a text in pixels when drawn in the given font. */
export type Measure = (text: string, font: FontSpec) => number;

export function cssFont(font: FontSpec): string {
  return `${font.weight === 'bold' ? 'bold' : 'normal'} ${Math.round(font.size * 100) / 100}px ${FONT_FAMILY}`;
}

const ELLIPSIS = '…';

/** The text cut at the end (with "…") so it fits `maxWidth`. */
export function ellipsize(text: string, maxWidth: number, font: FontSpec, measure: Measure): string {
  if (measure(text, font) <= maxWidth) return text;
  let lo = 0;
  let hi = text.length;
  // Largest n with text.slice(0, n) + '…' fitting.
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    if (measure(text.slice(0, mid).trimEnd() + ELLIPSIS, font) <= maxWidth) lo = mid;
    else hi = mid - 1;
  }
  return lo === 0 ? ELLIPSIS : text.slice(0, lo).trimEnd() + ELLIPSIS;
}

/** Splits a word that is wider than a line into pieces that fit (long URLs, ids). */
function breakWord(word: string, maxWidth: number, font: FontSpec, measure: Measure): string[] {
  const pieces: string[] = [];
  let rest = word;
  while (rest.length > 0) {
    let n = rest.length;
    while (n > 1 && measure(rest.slice(0, n), font) > maxWidth) n--;
    pieces.push(rest.slice(0, n));
    rest = rest.slice(n);
  }
  return pieces;
}

/**
 * Greedy line breaking at spaces (and at explicit line breaks); words longer
 * than a line are broken. With `maxLines`, the last kept line ends in "…".
 */
export function wrapText(text: string, maxWidth: number, font: FontSpec, measure: Measure, maxLines = Infinity): string[] {
  const lines: string[] = [];
  for (const paragraph of text.split(/\r?\n/)) {
    const words = paragraph.split(/\s+/).filter(Boolean);
    let line = '';
    for (const word of words) {
      const candidate = line ? `${line} ${word}` : word;
      if (measure(candidate, font) <= maxWidth) {
        line = candidate;
        continue;
      }
      if (line) lines.push(line);
      if (measure(word, font) <= maxWidth) {
        line = word;
      } else {
        const pieces = breakWord(word, maxWidth, font, measure);
        lines.push(...pieces.slice(0, -1));
        line = pieces[pieces.length - 1] ?? '';
      }
    }
    if (line) lines.push(line);
  }
  if (lines.length > maxLines) {
    const kept = lines.slice(0, Math.max(1, maxLines));
    kept[kept.length - 1] = ellipsize(kept[kept.length - 1]! + ELLIPSIS, maxWidth, font, measure);
    return kept;
  }
  return lines;
}
