import type * as maplibregl from 'maplibre-gl';

/**
 * Keeps two maps' cameras equal, both ways (the swipe view): `b` jumps to `a`'s camera at once, then
 * each follows the other's moves. Returns a function that ends the link.
 */
export function linkCameras(a: maplibregl.Map, b: maplibregl.Map): () => void {
  let syncing = false;
  const follow = (from: maplibregl.Map, to: maplibregl.Map) => () => {
    if (syncing) return;
    syncing = true;
    to.jumpTo({ center: from.getCenter(), zoom: from.getZoom(), bearing: from.getBearing(), pitch: from.getPitch() });
    syncing = false;
  };
  const aToB = follow(a, b);
  const bToA = follow(b, a);
  a.on('move', aToB);
  b.on('move', bToA);
  aToB();
  return () => {
    a.off('move', aToB);
    b.off('move', bToA);
  };
}
