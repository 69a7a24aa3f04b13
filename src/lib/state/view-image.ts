// The picture of the current view (map, legend, title, source line, date) at a
// preset size: for the PNG export and the slides of the PPTX export.
import type { App } from './app.svelte';
import { viewTexts } from './view-export';
import { composeLayout, composeViewImage, drawLegend } from '../io/export/image/draw';
import { canvasToPng, canvasToSlideImage, PNG_PRESETS, type PngPreset } from '../io/export/image/png';

/** Device pixels per CSS pixel of the hidden export map: sharp print without a huge WebGL canvas. */
function exportPixelRatio(w: number): number {
  return w > 2000 ? 2 : 1;
}

async function mapFor(app: App, box: { w: number; h: number }): Promise<HTMLCanvasElement> {
  const pr = exportPixelRatio(box.w);
  return app.map.mapImage(Math.round(box.w / pr), Math.round(box.h / pr), pr);
}

export async function viewPng(app: App, preset: PngPreset): Promise<{ blob: Blob; fileName: string }> {
  const { width, height, scale, dpi } = PNG_PRESETS[preset];
  const texts = viewTexts(app);
  const opts = { width, height, scale, title: texts.title, subtitle: texts.subtitle, legend: texts.legend, sourceLine: texts.sourceLine, dateLine: texts.dateLine };
  const layout = composeLayout(opts);
  const map = await mapFor(app, layout.mapBox);
  const blob = await canvasToPng(composeViewImage({ ...opts, map }), { dpi });
  return { blob, fileName: `${texts.fileStem}-${preset === 'a4' ? 'A4' : '1920x1080'}.png` };
}

/** A slide's pictures of the current view: the map (16:9-ish) and the legend, as PNG data URLs. */
export async function viewSlideImages(app: App) {
  const texts = viewTexts(app);
  const map = await mapFor(app, { w: 1280, h: 900 });
  return { texts, map: canvasToSlideImage(map), legend: canvasToSlideImage(drawLegend(texts.legend, 1.4)) };
}

export interface SlideView {
  title: string;
  notes: string;
  /** The view's URL query. */
  query: string;
  camera: { center: [number, number]; zoom: number; bearing?: number } | null;
}

/**
 * A PPTX with one slide per saved view: each view is shown in turn (the map draws it), pictured,
 * and the view the user had is restored afterwards. `progress(i, n)` after each slide.
 */
export async function viewsPptx(app: App, views: readonly SlideView[], progress: (done: number, total: number) => void = () => {}): Promise<{ blob: Blob; fileName: string }> {
  const { buildPptx } = await import('../io/export/pptx-export');
  const { serializeViewState } = await import('./url');
  const before = serializeViewState(app.views.view);
  const camera = app.map.camera();
  const slides = [];
  try {
    for (const [i, view] of views.entries()) {
      app.views.showQuery(view.query, { write: false });
      await app.shown.whenViewPainted();
      if (view.camera) app.map.moveCamera(view.camera);
      const { texts, map, legend } = await viewSlideImages(app);
      slides.push({ title: view.title || texts.title, subtitle: texts.subtitle, map, legend, sourceLine: `${texts.sourceLine} · ${texts.dateLine}`, notes: view.notes });
      progress(i + 1, views.length);
    }
  } finally {
    app.views.showQuery(before, { write: false });
    await app.shown.whenViewPainted();
    if (camera) app.map.moveCamera(camera);
  }
  const bytes = await buildPptx(slides, { title: 'Quartiersatlas', lang: app.views.view.lang });
  const type = 'application/vnd.openxmlformats-officedocument.presentationml.presentation';
  return { blob: new Blob([bytes.slice().buffer], { type }), fileName: `quartiersatlas-ansichten-${new Date().toISOString().slice(0, 10)}.pptx` };
}
