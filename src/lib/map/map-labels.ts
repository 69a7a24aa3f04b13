// MapLibre names its canvas and zoom buttons in English: in the UI's language
// instead, and the canvas says how to use it by keyboard (screen readers
// announce it on focus). Used by the main map and the swipe map.
import { translate, type Lang } from '../i18n';

export function labelMapControls(container: HTMLElement, lang: Lang): void {
  container.querySelector('.maplibregl-canvas')?.setAttribute('aria-label', translate(lang, 'a11y.mapCanvas'));
  for (const [selector, key] of [['.maplibregl-ctrl-zoom-in', 'a11y.zoomIn'], ['.maplibregl-ctrl-zoom-out', 'a11y.zoomOut']] as const) {
    const button = container.querySelector(selector);
    button?.setAttribute('aria-label', translate(lang, key));
    button?.setAttribute('title', translate(lang, key));
  }
}
