// Trend arrows over the choropleth, drawn with deck.gl. Load lazily (dynamic
// import when the trend layer is switched on): deck.gl is large.
import { IconLayer } from '@deck.gl/layers';
import { MapLibreOverlay } from '@deck.gl/maplibre';
import type { Map as MapLibreMap } from 'maplibre-gl';

/** One arrow: where, which way (degrees, counter-clockwise from east), how big (px), what colour. */
export interface TrendGlyph {
  id: string;
  position: [number, number];
  angle: number;
  size: number;
  color: [number, number, number, number];
}

// A right-pointing arrow as a mask; deck.gl tints it per glyph. Inline, so nothing is fetched from elsewhere.
const ARROW =
  'data:image/svg+xml;charset=utf-8,' +
  encodeURIComponent(
    "<svg xmlns='http://www.w3.org/2000/svg' width='64' height='64'><path d='M6 32 H50 M34 14 L54 32 L34 50' stroke='white' stroke-width='9' fill='none' stroke-linecap='round' stroke-linejoin='round'/></svg>",
  );
const ICON = { id: 'arrow', url: ARROW, width: 64, height: 64, mask: true, anchorX: 32, anchorY: 32 };

export class TrendLayer {
  private readonly overlay: MapLibreOverlay;
  private glyphs: TrendGlyph[] = [];
  private visible = true;
  private waiting: (() => void)[] = [];

  constructor(private readonly map: MapLibreMap) {
    this.overlay = new MapLibreOverlay({ interleaved: false, layers: [], onAfterRender: () => this.release() });
    map.addControl(this.overlay);
  }

  setGlyphs(glyphs: TrendGlyph[]): void {
    this.glyphs = glyphs;
    this.update();
  }

  setVisible(visible: boolean): void {
    if (this.visible === visible) return;
    this.visible = visible;
    this.update();
  }

  /** Resolves after deck.gl has drawn the current glyphs. */
  painted(): Promise<void> {
    return new Promise((resolve) => {
      this.waiting.push(resolve);
      this.map.triggerRepaint();
    });
  }

  private update(): void {
    const layer = new IconLayer<TrendGlyph>({
      id: 'trend-arrows',
      data: this.glyphs,
      visible: this.visible,
      getIcon: () => ICON,
      getPosition: (d) => d.position,
      getAngle: (d) => d.angle,
      getSize: (d) => d.size,
      getColor: (d) => d.color,
      sizeUnits: 'pixels',
      billboard: true,
      updateTriggers: { getAngle: this.glyphs, getSize: this.glyphs, getColor: this.glyphs },
    });
    this.overlay.setProps({ layers: [layer] });
  }

  private release(): void {
    const waiting = this.waiting;
    this.waiting = [];
    for (const resolve of waiting) resolve();
  }
}
