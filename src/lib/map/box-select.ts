// Shift-drag on the screen map draws a rectangle and reports its box in lon/lat
// (programme areas: every base area whose label point lies in it is taken).
// MapLibre's own shift-drag (box zoom) is off meanwhile. Loaded on first use.
import { clickSwallow } from './click-swallow';
import type { ChoroplethMap } from './choropleth-map';

/** Drags shorter than this (pixels) are a shift-click, not a box. */
const MIN_DRAG = 5;

/** Starts listening; `onBox` gets [west, south, east, north]. Returns the end (box zoom comes back). */
export function boxSelect(areas: ChoroplethMap, onBox: (bounds: [number, number, number, number]) => void): () => void {
  const map = areas.map;
  const container = map.getCanvasContainer();
  const zoomWasOn = map.boxZoom.isEnabled();
  map.boxZoom.disable();
  let start: { x: number; y: number } | null = null;
  let rect: HTMLDivElement | null = null;

  const at = (e: MouseEvent) => {
    const r = container.getBoundingClientRect();
    return { x: e.clientX - r.left, y: e.clientY - r.top };
  };
  const down = (e: MouseEvent) => {
    if (!e.shiftKey || e.button !== 0) return;
    e.preventDefault();
    e.stopPropagation();
    start = at(e);
    map.dragPan.disable();
    document.addEventListener('mousemove', move);
    document.addEventListener('mouseup', up);
  };
  const move = (e: MouseEvent) => {
    if (!start) return;
    const p = at(e);
    if (!rect) {
      rect = document.createElement('div');
      rect.dataset.testid = 'map-box';
      Object.assign(rect.style, { position: 'absolute', left: '0', top: '0', border: '2px dashed #0072b2', background: 'rgba(0, 114, 178, 0.12)', pointerEvents: 'none', zIndex: '2' });
      container.appendChild(rect);
    }
    const x = Math.min(start.x, p.x);
    const y = Math.min(start.y, p.y);
    rect.style.transform = `translate(${x}px, ${y}px)`;
    rect.style.width = `${Math.abs(p.x - start.x)}px`;
    rect.style.height = `${Math.abs(p.y - start.y)}px`;
  };
  const finish = () => {
    document.removeEventListener('mousemove', move);
    document.removeEventListener('mouseup', up);
    rect?.remove();
    rect = null;
    start = null;
    map.dragPan.enable();
  };
  const swallow = clickSwallow();
  const click = swallow.listener;
  const up = (e: MouseEvent) => {
    const from = start;
    const to = at(e);
    finish();
    swallow.arm(from !== null);
    if (!from || Math.hypot(to.x - from.x, to.y - from.y) < MIN_DRAG) return;
    const a = map.unproject([from.x, from.y]);
    const b = map.unproject([to.x, to.y]);
    onBox([Math.min(a.lng, b.lng), Math.min(a.lat, b.lat), Math.max(a.lng, b.lng), Math.max(a.lat, b.lat)]);
  };
  // Capture: ahead of MapLibre's own handlers on the same element.
  container.addEventListener('mousedown', down, true);
  container.addEventListener('click', click, true);
  return () => {
    container.removeEventListener('mousedown', down, true);
    container.removeEventListener('click', click, true);
    finish();
    if (zoomWasOn) map.boxZoom.enable();
  };
}
