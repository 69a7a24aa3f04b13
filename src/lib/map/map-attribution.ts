// The map's sources behind a compact toggle ("Quellen"), so that no strip of the map is covered: the full
// text is in the legend, the about dialog and every export. Moved out of choropleth-map.ts unchanged.
import * as maplibregl from 'maplibre-gl';

export class MapAttribution {
  private control: maplibregl.AttributionControl | null = null;
  private html = '';

  constructor(private readonly map: maplibregl.Map) {}

  /** Shows `html` as the attribution; `label` names the toggle. */
  set(html: string, label: { text: string; toggle: string }): void {
    // Replacing the control lays out the page (~7 ms): only when the text changes, not on every update.
    if (!this.control || html !== this.html) {
      this.html = html;
      if (this.control) this.map.removeControl(this.control);
      this.control = new maplibregl.AttributionControl({ compact: true, customAttribution: html });
      this.map.addControl(this.control, 'bottom-right');
      // MapLibre opens a compact attribution until the map is first moved: start closed.
      const box = this.map.getContainer().querySelector('.maplibregl-ctrl-attrib');
      box?.classList.add('maplibregl-compact');
      box?.classList.remove('maplibregl-compact-show');
      box?.removeAttribute('open');
    }
    const button = this.map.getContainer().querySelector('.maplibregl-ctrl-attrib-button');
    button?.setAttribute('data-label', label.text);
    button?.setAttribute('title', label.toggle);
    button?.setAttribute('aria-label', label.toggle);
  }
}
