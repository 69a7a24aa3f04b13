// The lasso of the programme-area form: once armed (the form's `pa-lasso` button), a drag on the screen
// map draws a free shape and reports it in lon/lat when the button is released (its base areas whose label
// point lies inside are then added, or removed with Alt held: analysis/lasso.ts). Escape cancels; the map
// does not pan meanwhile. One shape per arming. Loaded on first use.
import { clickSwallow } from './click-swallow';
import type { ChoroplethMap } from './choropleth-map';

/** Fewer screen pixels between kept vertices are skipped. */
const MIN_STEP = 3;

export interface LassoEvents {
  /** The shape drawn: its ring in lon/lat, and whether Alt was held (remove instead of add). */
  onShape: (ring: [number, number][], remove: boolean) => void;
  /** The lasso ended: a shape reported, Escape, or end() called. */
  onEnd: () => void;
}

/** Arms the lasso; returns the end (panning comes back). */
export function lassoSelect(areas: ChoroplethMap, events: LassoEvents): () => void {
  const map = areas.map;
  const container = map.getCanvasContainer();
  const panWasOn = map.dragPan.isEnabled();
  map.dragPan.disable();
  container.style.cursor = 'crosshair';
  container.dataset.lasso = 'on';
  let path: { x: number; y: number }[] | null = null;
  const svgNs = 'http://www.w3.org/2000/svg';
  const svg = document.createElementNS(svgNs, 'svg');
  svg.dataset.testid = 'map-lasso';
  Object.assign(svg.style, { position: 'absolute', left: '0', top: '0', width: '100%', height: '100%', pointerEvents: 'none', zIndex: '2' });
  const line = document.createElementNS(svgNs, 'polygon');
  line.setAttribute('fill', 'rgba(0, 114, 178, 0.12)');
  line.setAttribute('stroke', '#0072b2');
  line.setAttribute('stroke-width', '2');
  line.setAttribute('stroke-dasharray', '6 4');
  svg.appendChild(line);

  const at = (e: MouseEvent) => {
    const r = container.getBoundingClientRect();
    return { x: e.clientX - r.left, y: e.clientY - r.top };
  };
  const draw = () => line.setAttribute('points', (path ?? []).map((p) => `${p.x},${p.y}`).join(' '));
  const down = (e: MouseEvent) => {
    if (e.button !== 0) return;
    e.preventDefault();
    e.stopPropagation();
    path = [at(e)];
    container.appendChild(svg);
    draw();
    document.addEventListener('mousemove', move);
    document.addEventListener('mouseup', up);
  };
  const move = (e: MouseEvent) => {
    if (!path) return;
    const p = at(e);
    const last = path[path.length - 1]!;
    if (Math.hypot(p.x - last.x, p.y - last.y) < MIN_STEP) return;
    path.push(p);
    draw();
  };
  const swallow = clickSwallow();
  const click = swallow.listener;
  const up = (e: MouseEvent) => {
    const shape = path;
    if (shape) shape.push(at(e));
    swallow.arm();
    end();
    if (shape && shape.length >= 3) events.onShape(shape.map((p) => { const ll = map.unproject([p.x, p.y]); return [ll.lng, ll.lat]; }), e.altKey);
  };
  const key = (e: KeyboardEvent) => {
    if (e.key !== 'Escape') return;
    // The lasso's Escape: not the form's, nor the selection's.
    e.preventDefault();
    e.stopPropagation();
    end();
  };
  let ended = false;
  function end(): void {
    if (ended) return;
    ended = true;
    document.removeEventListener('mousemove', move);
    document.removeEventListener('mouseup', up);
    document.removeEventListener('keydown', key, true);
    container.removeEventListener('mousedown', down, true);
    // The click that follows the mouseup is swallowed by `click`, removed after it.
    setTimeout(() => container.removeEventListener('click', click, true), 0);
    svg.remove();
    path = null;
    container.style.cursor = '';
    delete container.dataset.lasso;
    if (panWasOn) map.dragPan.enable();
    events.onEnd();
  }
  // Capture: ahead of MapLibre's own handlers on the same element.
  container.addEventListener('mousedown', down, true);
  container.addEventListener('click', click, true);
  document.addEventListener('keydown', key, true);
  return end;
}
