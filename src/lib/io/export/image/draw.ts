// Drawing the picture of the view on a canvas (browser only): the page laid out
// by layout.ts, the map image and the legend. Text is drawn with fillText only
// (never as HTML) in system fonts (no web fonts, nothing fetched).

import { COLORS, fitImage, hatchSegments, layoutLegend, layoutView, legendWidth, type DrawOp, type LegendSpec, type PageLayout, type ViewLayoutInput } from './layout';
import { cssFont, type Measure } from './text';

export interface ComposeOptions extends ViewLayoutInput {
  map: CanvasImageSource & { width: number; height: number };
}

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
  return layoutView(opts, measure).page;
}

/** The whole picture of the view. */
export function composeViewImage(opts: ComposeOptions): HTMLCanvasElement {
  const { canvas, ctx } = newCanvas(opts.width, opts.height);
  const measure = canvasMeasure(ctx);
  const { scale, legend, page } = layoutView(opts, measure);

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
