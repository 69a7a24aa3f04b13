// A shareable picture of the current view: a white page with the title and
// subtitle on top, the map (aspect kept, never stretched), the legend on the
// right, and the source/licence line and date at the bottom. Also the legend
// alone (for the PPTX export) and PNG encoding.
//
// The layout is computed by pure functions (layoutPage, layoutLegend,
// wrapText, fitImage, …) that take a text measuring function, so they run and
// are tested in Node; only the functions that touch a canvas need a browser.
// Text is drawn with fillText only (never as HTML) in system fonts (no web
// fonts, nothing fetched). All texts come from the caller (already translated).

export interface LegendSpec {
  title: string;
  subtitle?: string;
  items: { color: string; label: string; hatched?: boolean; count?: string }[];
  note?: string;
}

export interface ComposeOptions {
  width: number;
  height: number;
  map: CanvasImageSource & { width: number; height: number };
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

/**
 * Picture sizes: Full HD for screens and slides, A4 landscape at 300 dpi for
 * print. `scale` makes the A4 texts as large on paper as on a Full HD picture
 * printed on the same sheet; `dpi` is written into the PNG so it prints as A4.
 */
export const PNG_PRESETS = {
  fhd: { width: 1920, height: 1080, scale: 1, dpi: 96 },
  a4: { width: 3508, height: 2480, scale: 3508 / 1920, dpi: 300 },
} as const;

export type PngPreset = keyof typeof PNG_PRESETS;

export const FONT_FAMILY = 'system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif';

export interface FontSpec {
  size: number;
  weight?: 'normal' | 'bold';
}

/** Width of a text in pixels when drawn in the given font. */
export type Measure = (text: string, font: FontSpec) => number;

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

// ---------------------------------------------------------------- PNG pHYs

const CRC_TABLE = (() => {
  const t = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[n] = c >>> 0;
  }
  return t;
})();

function crc32(bytes: Uint8Array): number {
  let c = 0xffffffff;
  for (const b of bytes) c = CRC_TABLE[(c ^ b) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

/**
 * The PNG with its resolution set (a pHYs chunk right after IHDR, replacing
 * an existing one), so an A4 picture at 300 dpi prints as A4. Bytes that are
 * not a PNG are returned unchanged.
 */
export function withPngDpi(png: Uint8Array, dpi: number): Uint8Array {
  if (png.length < 33 || PNG_SIGNATURE.some((b, i) => png[i] !== b) || !(dpi > 0)) return png;
  const view = new DataView(png.buffer, png.byteOffset, png.byteLength);
  const ihdrEnd = 8 + 8 + view.getUint32(8) + 4;
  const chunks: Uint8Array[] = [png.subarray(0, ihdrEnd)];

  const phys = new Uint8Array(4 + 4 + 9 + 4);
  const pv = new DataView(phys.buffer);
  pv.setUint32(0, 9);
  phys.set([0x70, 0x48, 0x59, 0x73], 4); // "pHYs"
  const ppm = Math.round(dpi / 0.0254);
  pv.setUint32(8, ppm);
  pv.setUint32(12, ppm);
  phys[16] = 1; // unit: metre
  pv.setUint32(17, crc32(phys.subarray(4, 17)));
  chunks.push(phys);

  // Copy the remaining chunks, dropping an old pHYs.
  let pos = ihdrEnd;
  while (pos + 12 <= png.length) {
    const len = view.getUint32(pos);
    const end = pos + 12 + len;
    if (end > png.length) break;
    const type = String.fromCharCode(png[pos + 4]!, png[pos + 5]!, png[pos + 6]!, png[pos + 7]!);
    if (type !== 'pHYs') chunks.push(png.subarray(pos, end));
    pos = end;
  }
  const out = new Uint8Array(chunks.reduce((n, c) => n + c.length, 0));
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.length;
  }
  return out;
}

// ------------------------------------------------------------ canvas (browser)

function newCanvas(width: number, height: number): { canvas: HTMLCanvasElement; ctx: CanvasRenderingContext2D } {
  const canvas = document.createElement('canvas');
  canvas.width = Math.max(1, Math.round(width));
  canvas.height = Math.max(1, Math.round(height));
  const ctx = canvas.getContext('2d');
  if (!ctx) throw new Error('image-compose: no 2D canvas context available');
  return { canvas, ctx };
}

/** A Measure backed by a canvas context (browser). */
export function canvasMeasure(ctx: CanvasRenderingContext2D): Measure {
  return (text, font) => {
    ctx.font = cssFont(font);
    return ctx.measureText(text).width;
  };
}

/** A Measure for computing layouts outside of drawing (e.g. to know the map box beforehand). */
export function createMeasure(): Measure {
  return canvasMeasure(newCanvas(1, 1).ctx);
}

function drawOps(ctx: CanvasRenderingContext2D, ops: readonly DrawOp[], scale: number, dx = 0, dy = 0): void {
  for (const op of ops) {
    if (op.kind === 'text') {
      ctx.font = cssFont(op.font);
      ctx.fillStyle = op.color;
      ctx.textAlign = op.align;
      ctx.textBaseline = 'middle';
      ctx.fillText(op.text, dx + op.x, dy + op.y);
      continue;
    }
    const rect = { x: dx + op.x, y: dy + op.y, w: op.w, h: op.h };
    ctx.save();
    if (op.hatched) {
      ctx.fillStyle = COLORS.hatchBackground;
      ctx.fillRect(rect.x, rect.y, rect.w, rect.h);
      ctx.beginPath();
      ctx.rect(rect.x, rect.y, rect.w, rect.h);
      ctx.clip();
      ctx.strokeStyle = op.color || COLORS.hatchFallback;
      ctx.lineWidth = 1.5 * scale;
      ctx.beginPath();
      for (const [x1, y1, x2, y2] of hatchSegments(rect, 5 * scale)) {
        ctx.moveTo(x1, y1);
        ctx.lineTo(x2, y2);
      }
      ctx.stroke();
    } else {
      ctx.fillStyle = op.color;
      ctx.fillRect(rect.x, rect.y, rect.w, rect.h);
    }
    ctx.restore();
    ctx.strokeStyle = COLORS.swatchBorder;
    ctx.lineWidth = Math.max(1, scale);
    ctx.strokeRect(rect.x, rect.y, rect.w, rect.h);
  }
}

/** The legend alone on a white canvas (for the PPTX export; draw at scale ≥ 2 for sharp slides). */
export function drawLegend(legend: LegendSpec, scale: number, width = legendWidth(scale)): HTMLCanvasElement {
  const measure = createMeasure();
  const layout = layoutLegend(legend, scale, measure, width);
  const { canvas, ctx } = newCanvas(layout.width, layout.height);
  ctx.fillStyle = COLORS.page;
  ctx.fillRect(0, 0, canvas.width, canvas.height);
  drawOps(ctx, layout.ops, scale);
  return canvas;
}

/** The layout composeViewImage will use (e.g. to render the map at the map box's aspect ratio). */
export function composeLayout(opts: Omit<ComposeOptions, 'map'>, measure: Measure = createMeasure()): PageLayout {
  const scale = opts.scale ?? defaultScale(opts.width, opts.height);
  const lw = pageLegendWidth(opts.width, scale);
  const legend = layoutLegend(opts.legend, scale, measure, lw);
  return layoutPage(
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
}

/** The whole picture of the view. */
export function composeViewImage(opts: ComposeOptions): HTMLCanvasElement {
  const scale = opts.scale ?? defaultScale(opts.width, opts.height);
  const { canvas, ctx } = newCanvas(opts.width, opts.height);
  const measure = canvasMeasure(ctx);
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

  ctx.fillStyle = COLORS.page;
  ctx.fillRect(0, 0, canvas.width, canvas.height);

  // Map, clipped to its box, with a thin frame around what was drawn.
  const p = fitImage(opts.map.width, opts.map.height, page.mapBox, opts.fit ?? 'contain');
  if (p.dw > 0 && p.dh > 0) {
    ctx.save();
    ctx.beginPath();
    ctx.rect(page.mapBox.x, page.mapBox.y, page.mapBox.w, page.mapBox.h);
    ctx.clip();
    ctx.imageSmoothingQuality = 'high';
    ctx.drawImage(opts.map, p.sx, p.sy, p.sw, p.sh, p.dx, p.dy, p.dw, p.dh);
    ctx.restore();
    ctx.strokeStyle = COLORS.frame;
    ctx.lineWidth = Math.max(1, scale);
    ctx.strokeRect(p.dx, p.dy, p.dw, p.dh);
  }

  // Legend: drawn in place, or (when too tall for the page) rendered apart and shrunk.
  if (page.legendBox.h >= legend.height - 0.5) {
    drawOps(ctx, legend.ops, scale, page.legendBox.x, page.legendBox.y);
  } else if (page.legendBox.h > 0) {
    const { canvas: lc, ctx: lctx } = newCanvas(legend.width, legend.height);
    lctx.fillStyle = COLORS.page;
    lctx.fillRect(0, 0, lc.width, lc.height);
    drawOps(lctx, legend.ops, scale);
    ctx.drawImage(lc, page.legendBox.x, page.legendBox.y, page.legendBox.w, page.legendBox.h);
  }

  drawOps(ctx, page.ops, scale);
  return canvas;
}

/** PNG bytes of a canvas; with `dpi`, the resolution is written into the file (print size). */
export async function canvasToPng(canvas: HTMLCanvasElement | OffscreenCanvas, opts: { dpi?: number } = {}): Promise<Blob> {
  const blob =
    'convertToBlob' in canvas
      ? await canvas.convertToBlob({ type: 'image/png' })
      : await new Promise<Blob>((resolve, reject) =>
          canvas.toBlob((b) => (b ? resolve(b) : reject(new Error('image-compose: the canvas could not be encoded as PNG'))), 'image/png'),
        );
  if (!opts.dpi) return blob;
  const bytes = withPngDpi(new Uint8Array(await blob.arrayBuffer()), opts.dpi);
  return new Blob([bytes as Uint8Array<ArrayBuffer>], { type: 'image/png' });
}

/** A canvas as the image of a PPTX slide (SlideImage of pptx-export). */
export function canvasToSlideImage(canvas: HTMLCanvasElement): { dataUrl: string; width: number; height: number } {
  return { dataUrl: canvas.toDataURL('image/png'), width: canvas.width, height: canvas.height };
}
