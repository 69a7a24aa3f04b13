// The picture of the current view (map, legend, title, source line, date) at a
// preset size: for the PNG export and the slides of the PPTX export.
import type { Atlas } from './atlas.svelte';
import { viewTexts } from './view-export';
import { canvasToPng, canvasToSlideImage, composeLayout, composeViewImage, drawLegend, PNG_PRESETS, type PngPreset } from '../io/image-compose';

/** Device pixels per CSS pixel of the hidden export map: sharp print without a huge WebGL canvas. */
function exportPixelRatio(w: number): number {
  return w > 2000 ? 2 : 1;
}

async function mapFor(atlas: Atlas, box: { w: number; h: number }): Promise<HTMLCanvasElement> {
  const pr = exportPixelRatio(box.w);
  return atlas.mapImage(Math.round(box.w / pr), Math.round(box.h / pr), pr);
}

export async function viewPng(atlas: Atlas, preset: PngPreset): Promise<{ blob: Blob; fileName: string }> {
  const { width, height, scale, dpi } = PNG_PRESETS[preset];
  const texts = viewTexts(atlas);
  const opts = { width, height, scale, title: texts.title, subtitle: texts.subtitle, legend: texts.legend, sourceLine: texts.sourceLine, dateLine: texts.dateLine };
  const layout = composeLayout(opts);
  const map = await mapFor(atlas, layout.mapBox);
  const blob = await canvasToPng(composeViewImage({ ...opts, map }), { dpi });
  return { blob, fileName: `${texts.fileStem}-${preset === 'a4' ? 'A4' : '1920x1080'}.png` };
}

/** A slide's pictures of the current view: the map (16:9-ish) and the legend, as PNG data URLs. */
export async function viewSlideImages(atlas: Atlas) {
  const texts = viewTexts(atlas);
  const map = await mapFor(atlas, { w: 1280, h: 900 });
  return { texts, map: canvasToSlideImage(map), legend: canvasToSlideImage(drawLegend(texts.legend, 1.4)) };
}
