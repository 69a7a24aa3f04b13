// The kepler.gl peer of the benchmark: a minimal kepler.gl 3.2.6 app showing the same data as Quartiersatlas'
// first map (`?data=leipzig|gemeinden`, the files of scripts/kepler/make-input.mjs next to index.html) as one
// filled polygon layer coloured by `value` with a quantile scale of 5 classes in our colours, fitted to the data.
// No basemap (kepler's "no_map" style), no Mapbox token, no request beyond this origin.
//
// When the first coloured frame is drawn: deck.gl's onAfterRender (kepler's `deckRenderCallbacks.onDeckAfterRender`,
// a prop of its MapContainer that the KeplerGl component does not pass on: given through kepler's own dependency
// injection, a MapContainer factory that adds it) runs right after each frame's drawing commands were issued into
// the WebGL drawing buffer. From the frame whose layers include the polygon layer and whose view shows the data,
// a few pixels are read back (gl.readPixels at the projected label points of the areas, make-input.mjs; no read
// before that frame, none after the first success): the frame counts as coloured when at least 3 of the 5 class
// colours are found (each at ≥ 2 points). Its time is taken at the start of the callback, before the read-back:
// `kepler:first-coloured` (performance mark, ms from navigation). The first read-back waits until the GPU (here
// SwiftShader, on the CPU) has finished the frame, so `readBackMs` in window.__keplerFirst tells when its pixels
// existed (an upper bound; the mark is the lower one, as MapLibre's frame event is in our app).
import { createElement } from 'react';
import { createRoot } from 'react-dom/client';
import { Provider } from 'react-redux';
import { applyMiddleware, combineReducers, createStore } from 'redux';
import keplerGlReducer, { enhanceReduxMiddleware } from '@kepler.gl/reducers';
import { injectComponents, MapContainerFactory } from '@kepler.gl/components';
import { addDataToMap } from '@kepler.gl/actions';
import { processGeojson } from '@kepler.gl/processors';
import { initApplicationConfig } from '@kepler.gl/utils';

// kepler's icon layer fetches <cdnUrl>/icons/svg-icons.json (a third-party CDN by default) as soon as its layer
// types are set up: served from this origin instead, empty (public/icons/), so the app asks no one else for anything.
initApplicationConfig({ cdnUrl: '.' });

const DATA = new URLSearchParams(location.search).get('data') ?? 'leipzig';
const LAYER_ID = 'areas';
const MIN_CLASSES = 3;

const reducers = combineReducers({
  keplerGl: keplerGlReducer.initialState({
    mapStyle: { styleType: 'no_map' },
    uiState: { currentModal: null },
  }),
});
const store = createStore(reducers, {}, applyMiddleware(...enhanceReduxMiddleware([])));

const hexToRgb = (hex) => [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16));
let classColours = null; // [[r, g, b], …] once the data has come
let probes = []; // [lon, lat] label points inside areas (make-input.mjs)
let deck = null;
let glContext = null;
let frames = 0;
let done = false;

/** The class (index into classColours) of the pixel at (x, y) CSS pixels of the frame just drawn, or -1. */
function classAt(gl, x, y, pixel) {
  const dpr = gl.drawingBufferWidth / gl.canvas.clientWidth;
  gl.readPixels(Math.round(x * dpr), gl.drawingBufferHeight - 1 - Math.round(y * dpr), 1, 1, gl.RGBA, gl.UNSIGNED_BYTE, pixel);
  if (pixel[3] < 250) return -1;
  return classColours.findIndex(([r, g, b]) => Math.abs(pixel[0] - r) <= 2 && Math.abs(pixel[1] - g) <= 2 && Math.abs(pixel[2] - b) <= 2);
}

function onDeckAfterRender(props) {
  if (done) return;
  const t = performance.now();
  frames++;
  // kepler hands deck.gl nested arrays of layers (each kepler layer renders one or more deck.gl layers).
  const ids = (props.layers ?? []).flat(Infinity).map((l) => l?.id);
  if (!classColours || !deck || !glContext || !ids.some((id) => id === LAYER_ID || id?.startsWith(`${LAYER_ID}-`))) return;
  // Only the probes this frame's view shows (the first frames with data may still show kepler's default view).
  const viewport = deck.getViewports()[0];
  if (!viewport) return;
  const { clientWidth: w, clientHeight: h } = glContext.canvas;
  const inView = probes.map((p) => viewport.project(p)).filter(([x, y]) => x >= 1 && y >= 1 && x < w - 1 && y < h - 1);
  if (inView.length < MIN_CLASSES) return;
  const gl = glContext;
  const bound = gl.getParameter(gl.FRAMEBUFFER_BINDING);
  gl.bindFramebuffer(gl.FRAMEBUFFER, null);
  const pixel = new Uint8Array(4);
  const counts = classColours.map(() => 0);
  for (const [x, y] of inView) {
    const c = classAt(gl, x, y, pixel);
    if (c >= 0) counts[c]++;
  }
  gl.bindFramebuffer(gl.FRAMEBUFFER, bound);
  const readBackMs = performance.now() - t;
  (window.__keplerTries ??= []).push({ t, inView: inView.length, counts, readBackMs });
  if (counts.filter((n) => n >= 2).length < MIN_CLASSES) return;
  done = true;
  performance.mark('kepler:first-coloured', { startTime: t });
  // The first read-back waits until the frame's pixels exist: `t + readBackMs` is when they were there.
  window.__keplerFirst = { at: t, frames, probes: inView.length, counts, readBackMs };
}

async function load() {
  const response = await fetch(`./data/${DATA}.geojson`);
  if (!response.ok) throw new Error(`data/${DATA}.geojson: HTTP ${response.status}`);
  const geojson = await response.json();
  performance.mark('kepler:data-fetched');
  const meta = geojson.quartiersatlas;
  classColours = meta.colours.map(hexToRgb);
  probes = meta.probes;
  const data = processGeojson(geojson);
  performance.mark('kepler:data-processed');
  store.dispatch(
    addDataToMap({
      datasets: { info: { id: LAYER_ID, label: meta.label }, data },
      options: { centerMap: true, readOnly: false },
      config: {
        version: 'v1',
        config: {
          mapStyle: { styleType: 'no_map' },
          visState: {
            layers: [
              {
                id: LAYER_ID,
                type: 'geojson',
                config: {
                  dataId: LAYER_ID,
                  label: meta.label,
                  columns: { geojson: '_geojson' },
                  isVisible: true,
                  visConfig: {
                    opacity: 1,
                    filled: true,
                    stroked: true,
                    thickness: 0.5,
                    strokeColor: [255, 255, 255],
                    colorRange: { name: 'Quartiersatlas', type: 'sequential', category: 'Custom', colors: meta.colours },
                  },
                },
                visualChannels: { colorField: { name: 'value', type: 'real' }, colorScale: 'quantile' },
              },
            ],
          },
        },
      },
    }),
  );
  performance.mark('kepler:data-added');
}

/** kepler's MapContainer with `deckRenderCallbacks` (injected in place of the default one; nothing else changes). */
function MeasuredMapContainerFactory(...deps) {
  const MapContainer = MapContainerFactory(...deps);
  const deckRenderCallbacks = { onDeckAfterRender };
  return function MeasuredMapContainer(props) {
    return createElement(MapContainer, { ...props, deckRenderCallbacks });
  };
}
MeasuredMapContainerFactory.deps = MapContainerFactory.deps;
const KeplerGl = injectComponents([[MapContainerFactory, MeasuredMapContainerFactory]]);

createRoot(document.getElementById('app')).render(
  createElement(
    Provider,
    { store },
    createElement(KeplerGl, {
      id: 'map',
      width: window.innerWidth,
      height: window.innerHeight,
      mapboxApiAccessToken: '',
      onDeckInitialized: (instance, gl) => {
        deck = instance;
        glContext = gl;
      },
    }),
  ),
);
load().catch((err) => {
  window.__keplerError = String(err?.stack ?? err);
  console.error(err);
});
