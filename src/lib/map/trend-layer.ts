// Trend arrows over the choropleth, drawn with deck.gl. Load lazily (dynamic
// import when the trend layer is switched on): deck.gl is large.
import { IconLayer } from '@deck.gl/layers';
import { MapLibreOverlay } from '@deck.gl/maplibre';
import type { Map as MapLibreMap } from 'maplibre-gl';
import { OnDemandFrames } from './deck-frames';
import { dropDefaultWidgets } from './deck-widgets';

/** One arrow: where, which way (degrees, counter-clockwise from east), how big (px), what colour. */
export interface TrendGlyph {
  id: string;
  position: [number, number];
  angle: number;
  size: number;
  color: [number, number, number, number];
}

// A right-pointing arrow as a mask; deck.gl tints it per glyph. Inline, so
// nothing is fetched from elsewhere. A pre-packed atlas is an async prop, so the
// layer counts as loaded only once the image is in (see afterRender).
const ICON_SIZE = 64;
const ICON_ATLAS =
  'data:image/svg+xml;charset=utf-8,' +
  encodeURIComponent(
    `<svg xmlns='http://www.w3.org/2000/svg' width='${ICON_SIZE}' height='${ICON_SIZE}'><path d='M6 32 H50 M34 14 L54 32 L34 50' stroke='white' stroke-width='9' fill='none' stroke-linecap='round' stroke-linejoin='round'/></svg>`,
  );
const ICON_MAPPING = {
  arrow: { x: 0, y: 0, width: ICON_SIZE, height: ICON_SIZE, mask: true, anchorX: ICON_SIZE / 2, anchorY: ICON_SIZE / 2 },
};

export class TrendLayer {
  private readonly overlay: MapLibreOverlay;
  private readonly frames = new OnDemandFrames();
  private glyphs: TrendGlyph[] = [];
  private visible = true;
  private layer: IconLayer<TrendGlyph> | null = null;
  private waiting: (() => void)[] = [];
  /** Set when the layer changed, cleared when deck.gl has drawn it. */
  private pending = false;
  private widgetsDropped = false;

  /**
   * `interleaved`: drawn into MapLibre's own canvas (a picture of the map then holds the arrows);
   * the screen map uses a canvas of deck.gl's own, which measured no slower and keeps the two apart.
   */
  constructor(private readonly map: MapLibreMap, { interleaved = false }: { interleaved?: boolean } = {}) {
    this.overlay = new MapLibreOverlay({
      interleaved,
      layers: [],
      onAfterRender: () => this.afterRender(),
      // Not in DeckProps' type, but Deck hands its props to luma.gl's AnimationLoop, which takes it.
      ...({ animationFrameProvider: this.frames } as object),
    });
    map.addControl(this.overlay);
    map.on('resize', this.frames.tick.bind(this.frames));
  }

  /** Sets the arrows; the same array again changes nothing (year switches keep the arrows). */
  setGlyphs(glyphs: TrendGlyph[]): void {
    if (glyphs === this.glyphs) return;
    this.glyphs = glyphs;
    this.update();
  }

  setVisible(visible: boolean): void {
    if (this.visible === visible) return;
    this.visible = visible;
    this.update();
  }

  /** Resolves after deck.gl has drawn the current glyphs (at once if they are drawn already). */
  painted(): Promise<void> {
    if (!this.pending) return Promise.resolve();
    return new Promise((resolve) => this.waiting.push(resolve));
  }

  private update(): void {
    this.layer = new IconLayer<TrendGlyph>({
      id: 'trend-arrows',
      data: this.glyphs,
      visible: this.visible,
      iconAtlas: ICON_ATLAS,
      iconMapping: ICON_MAPPING,
      getIcon: () => 'arrow',
      getPosition: (d) => d.position,
      getAngle: (d) => d.angle,
      getSize: (d) => d.size,
      getColor: (d) => d.color,
      sizeUnits: 'pixels',
      billboard: true,
      updateTriggers: { getAngle: this.glyphs, getSize: this.glyphs, getColor: this.glyphs },
    });
    this.pending = true;
    this.overlay.setProps({ layers: [this.layer] });
    this.frames.tick();
  }

  private afterRender(): void {
    this.widgetsDropped ||= dropDefaultWidgets(this.overlay);
    // Let deck.gl's loop run while it starts or the layer loads, then only on demand.
    if (this.layer?.isLoaded) {
      this.frames.settle();
      this.pending = false;
      this.release();
    } else this.frames.run();
  }

  private release(): void {
    const waiting = this.waiting;
    this.waiting = [];
    for (const resolve of waiting) resolve();
  }
}
