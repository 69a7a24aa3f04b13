// The layout of a shareable picture of the current view: a white page with the
// title and subtitle on top, the map (aspect kept, never stretched), the legend
// on the right, and the source/licence line and date at the bottom; also the
// legend alone (for the PPTX export).
//
// Pure functions (layoutPage, layoutLegend, fitImage, …) that take a text
// measuring function, so they run and are tested in Node; drawing is in
// draw.ts. All texts come from the caller (already translated).

import { wrapText, type FontSpec, type Measure } from './text';

export interface LegendSpec {
  title: string;
  subtitle?: string;
  items: { color: string; label: string; hatched?: boolean; count?: string }[];
  note?: string;
}

/** What a picture of the view shows, apart from the map image itself. */
export interface ViewLayoutInput {
  width: number;
  height: number;
  title: string;
  subtitle?: string;
  legend: LegendSpec;
  sourceLine: string;
  dateLine: string;
  /** Size of texts and spacing relative to a 1920×1080 picture; default from the size (see defaultScale). */
  scale?: number;
  /** How the map fills its box: 'contain' (default, nothing cut off) or 'cover' (fills the box, edges cut). */
  fit?: FitMode;
}

export interface Rect {
  x: number;
  y: number;
  w: number;
  h: number;
}

export type FitMode = 'contain' | 'cover';

/** Arguments for the 9-argument drawImage: source rectangle → destination rectangle. */
export interface ImagePlacement {
  sx: number;
  sy: number;
  sw: number;
  sh: number;
  dx: number;
  dy: number;
  dw: number;
  dh: number;
}

/** Something to draw. Text: `y` is the vertical middle of the line (textBaseline 'middle'). */
export type DrawOp =
  | { kind: 'text'; text: string; x: number; y: number; font: FontSpec; color: string; align: 'left' | 'right' }
  | { kind: 'swatch'; x: number; y: number; w: number; h: number; color: string; hatched: boolean };

export interface LegendLayout {
  width: number;
  height: number;
  ops: DrawOp[];
}

export interface PageLayout {
  width: number;
  height: number;
  /** Title, subtitle, source and date lines. */
  ops: DrawOp[];
  mapBox: Rect;
  /** Where the legend image goes (already shrunk when the legend is taller than the room for it). */
  legendBox: Rect;
}

export const COLORS = {
  page: '#ffffff',
  text: '#1a1a1a',
  muted: '#555555',
  frame: '#d0d0d0',
  swatchBorder: 'rgba(0, 0, 0, 0.3)',
  hatchBackground: '#ffffff',
  hatchFallback: '#888888',
} as const;

/** Scale of texts for a picture size: 1 for 1920×1080, larger for larger pictures (same proportions). */
export function defaultScale(width: number, height: number): number {
  const s = Math.min(width / 1920, height / 1080);
  return Number.isFinite(s) && s > 0 ? s : 1;
}

/** Font sizes in pixels for a scale. */
export function fontSizes(scale: number) {
  return {
    title: 34 * scale,
    subtitle: 22 * scale,
    legendTitle: 19 * scale,
    legendSubtitle: 15 * scale,
    legendLabel: 16 * scale,
    legendNote: 14 * scale,
    footer: 14 * scale,
  };
}


/**
 * Where to draw an image into a box without stretching it. 'contain': the
 * whole image, centred, with empty bands; 'cover': fills the box, the source
 * is cropped around its centre.
 */
export function fitImage(srcWidth: number, srcHeight: number, box: Rect, mode: FitMode = 'contain'): ImagePlacement {
  const full = { sx: 0, sy: 0, sw: srcWidth, sh: srcHeight };
  if (!(srcWidth > 0 && srcHeight > 0 && box.w > 0 && box.h > 0)) return { ...full, dx: box.x, dy: box.y, dw: 0, dh: 0 };
  const srcAspect = srcWidth / srcHeight;
  const boxAspect = box.w / box.h;
  if (mode === 'contain') {
    const s = Math.min(box.w / srcWidth, box.h / srcHeight);
    const dw = srcWidth * s;
    const dh = srcHeight * s;
    return { ...full, dx: box.x + (box.w - dw) / 2, dy: box.y + (box.h - dh) / 2, dw, dh };
  }
  // cover: crop the source to the box's aspect ratio.
  let sw = srcWidth;
  let sh = srcHeight;
  if (srcAspect > boxAspect) sw = srcHeight * boxAspect;
  else sh = srcWidth / boxAspect;
  return { sx: (srcWidth - sw) / 2, sy: (srcHeight - sh) / 2, sw, sh, dx: box.x, dy: box.y, dw: box.w, dh: box.h };
}

/** Diagonal hatch lines (bottom-left → top-right) covering a rectangle; draw them clipped to it. */
export function hatchSegments(rect: Rect, spacing: number): [number, number, number, number][] {
  const out: [number, number, number, number][] = [];
  if (!(spacing > 0)) return out;
  for (let x = rect.x - rect.h; x < rect.x + rect.w; x += spacing) {
    out.push([x, rect.y + rect.h, x + rect.h, rect.y]);
  }
  return out;
}

/** Legend width in pixels at a scale (the page may make it narrower). */
export function legendWidth(scale: number): number {
  return Math.round(340 * scale);
}

/** The legend's contents, positioned in a box of the given width starting at (0, 0). */
export function layoutLegend(legend: LegendSpec, scale: number, measure: Measure, width = legendWidth(scale)): LegendLayout {
  const size = fontSizes(scale);
  const pad = 16 * scale;
  const inner = Math.max(1, width - 2 * pad);
  const ops: DrawOp[] = [];
  let y = pad;

  const block = (text: string | undefined, font: FontSpec, color: string, maxLines: number, lineFactor = 1.3) => {
    if (!text) return;
    const lh = font.size * lineFactor;
    for (const line of wrapText(text, inner, font, measure, maxLines)) {
      ops.push({ kind: 'text', text: line, x: pad, y: y + lh / 2, font, color, align: 'left' });
      y += lh;
    }
  };

  block(legend.title, { size: size.legendTitle, weight: 'bold' }, COLORS.text, 3);
  block(legend.subtitle, { size: size.legendSubtitle }, COLORS.muted, 3);
  if (legend.items.length > 0) y += 8 * scale;

  const labelFont: FontSpec = { size: size.legendLabel };
  const lh = labelFont.size * 1.25;
  const sw = 28 * scale;
  const sh = 18 * scale;
  const gap = 10 * scale;
  for (const item of legend.items) {
    const countWidth = item.count ? measure(item.count, labelFont) + gap : 0;
    const labelWidth = Math.max(1, inner - sw - gap - countWidth);
    const lines = wrapText(item.label, labelWidth, labelFont, measure, 2);
    const rowH = Math.max(sh + 8 * scale, lines.length * lh);
    const mid = y + rowH / 2;
    ops.push({ kind: 'swatch', x: pad, y: mid - sh / 2, w: sw, h: sh, color: item.color, hatched: Boolean(item.hatched) });
    const textTop = mid - (lines.length * lh) / 2;
    lines.forEach((line, i) =>
      ops.push({ kind: 'text', text: line, x: pad + sw + gap, y: textTop + (i + 0.5) * lh, font: labelFont, color: COLORS.text, align: 'left' }),
    );
    if (item.count) ops.push({ kind: 'text', text: item.count, x: width - pad, y: mid, font: labelFont, color: COLORS.muted, align: 'right' });
    y += rowH;
  }

  if (legend.note) {
    y += 8 * scale;
    block(legend.note, { size: size.legendNote }, COLORS.muted, 5);
  }
  return { width, height: Math.ceil(y + pad), ops };
}

export interface PageInput {
  width: number;
  height: number;
  scale: number;
  title: string;
  subtitle?: string;
  sourceLine: string;
  dateLine: string;
  /** Height of the legend when drawn at `legendWidth` (from layoutLegend). */
  legendHeight: number;
  legendWidth: number;
}

/** The page's legend column width: the legend's own width, but at most 30 % of the page. */
export function pageLegendWidth(width: number, scale: number): number {
  const margin = 40 * scale;
  return Math.min(legendWidth(scale), Math.round((width - 2 * margin) * 0.3));
}

/** Where title, map, legend and footer go on the page. */
export function layoutPage(input: PageInput, measure: Measure): PageLayout {
  const { width: W, height: H, scale: s } = input;
  const size = fontSizes(s);
  const m = 40 * s;
  const innerW = Math.max(1, W - 2 * m);
  const ops: DrawOp[] = [];

  // Header.
  let y = m;
  const titleFont: FontSpec = { size: size.title, weight: 'bold' };
  for (const line of wrapText(input.title, innerW, titleFont, measure, 2)) {
    const lh = titleFont.size * 1.25;
    ops.push({ kind: 'text', text: line, x: m, y: y + lh / 2, font: titleFont, color: COLORS.text, align: 'left' });
    y += lh;
  }
  if (input.subtitle) {
    const subFont: FontSpec = { size: size.subtitle };
    y += 4 * s;
    for (const line of wrapText(input.subtitle, innerW, subFont, measure, 2)) {
      const lh = subFont.size * 1.3;
      ops.push({ kind: 'text', text: line, x: m, y: y + lh / 2, font: subFont, color: COLORS.muted, align: 'left' });
      y += lh;
    }
  }
  const bodyTop = y + 16 * s;

  // Footer: source lines on the left (wrapped), the date right-aligned on the last line.
  const footFont: FontSpec = { size: size.footer };
  const flh = footFont.size * 1.35;
  const dateWidth = input.dateLine ? measure(input.dateLine, footFont) : 0;
  const sourceWidth = Math.max(1, innerW - (dateWidth > 0 ? dateWidth + 24 * s : 0));
  const sourceLines = input.sourceLine ? wrapText(input.sourceLine, sourceWidth, footFont, measure, 4) : [];
  const footLines = Math.max(1, sourceLines.length);
  const footTop = H - m - footLines * flh;
  sourceLines.forEach((line, i) =>
    ops.push({ kind: 'text', text: line, x: m, y: footTop + (i + 0.5) * flh, font: footFont, color: COLORS.muted, align: 'left' }),
  );
  if (input.dateLine) {
    ops.push({ kind: 'text', text: input.dateLine, x: W - m, y: footTop + (footLines - 0.5) * flh, font: footFont, color: COLORS.muted, align: 'right' });
  }

  // Body: map on the left, legend column on the right.
  const bodyBottom = footTop - 16 * s;
  const bodyH = Math.max(0, bodyBottom - bodyTop);
  const lw = input.legendWidth;
  const shrink = input.legendHeight > bodyH && input.legendHeight > 0 ? bodyH / input.legendHeight : 1;
  const legendBox: Rect = { x: W - m - lw, y: bodyTop, w: lw * shrink, h: input.legendHeight * shrink };
  const mapBox: Rect = { x: m, y: bodyTop, w: Math.max(0, W - 2 * m - lw - 24 * s), h: bodyH };
  return { width: W, height: H, ops, mapBox, legendBox };
}

/** The page and its legend for a picture of the view (the scale defaults from the size). */
export function layoutView(opts: ViewLayoutInput, measure: Measure): { scale: number; legend: LegendLayout; page: PageLayout } {
  const scale = opts.scale ?? defaultScale(opts.width, opts.height);
  const lw = pageLegendWidth(opts.width, scale);
  const legend = layoutLegend(opts.legend, scale, measure, lw);
  const page = layoutPage(
    {
      width: opts.width,
      height: opts.height,
      scale,
      title: opts.title,
      subtitle: opts.subtitle,
      sourceLine: opts.sourceLine,
      dateLine: opts.dateLine,
      legendHeight: legend.height,
      legendWidth: lw,
    },
    measure,
  );
  return { scale, legend, page };
}
