// deck.gl 9.4 gives every Deck a default TooltipWidget (for Deck's `getTooltip`,
// which we never use: the map's own tooltip and panels show the values) and,
// after every draw, measures that widget's container (`clientWidth` of its
// parent). In the middle of an update the page's layout is dirty, so that read
// forces a layout: 1–2 ms of every indicator switch with trend arrows here
// (CPU profile: `_updateContainers` under `_drawLayers`). No public prop turns
// the default widget off, so once Deck has drawn, its widget manager is
// emptied. Should a deck.gl release change these internals, nothing happens
// (the trend spec checks that no deck.gl tooltip element is left in the page).
import type { MapLibreOverlay } from '@deck.gl/maplibre';

interface WidgetManagerInternals {
  finalize(): void;
  containers: Record<string, HTMLElement>;
}

/** Removes deck.gl's default widgets from the overlay's Deck; true when done (call after its first draw). */
export function dropDefaultWidgets(overlay: MapLibreOverlay): boolean {
  const deck = (overlay as unknown as { _deck?: { widgetManager?: Partial<WidgetManagerInternals> | null } })._deck;
  const manager = deck?.widgetManager;
  if (!manager || typeof manager.finalize !== 'function' || typeof manager.containers !== 'object') return false;
  manager.finalize();
  // finalize() removes the elements but keeps them listed; an empty list leaves nothing to measure.
  manager.containers = {};
  return true;
}
