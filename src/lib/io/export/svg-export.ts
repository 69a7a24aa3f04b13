// A chart (d3, rendered as <svg> in the page) as a standalone .svg file. The
// app's stylesheets do not travel with the file, so the computed values of
// the properties that change how SVG looks are written into each element's
// style attribute. To keep files small, an inherited property is only written
// where it differs from the parent (the file's own inheritance restores it),
// and a non-inherited one only where it differs from its initial value.
// Scripts and event handler attributes are dropped. Pure DOM, no canvas.

const SVG_NS = 'http://www.w3.org/2000/svg';
const XMLNS_NS = 'http://www.w3.org/2000/xmlns/';
const XLINK_NS = 'http://www.w3.org/1999/xlink';

/** Inherited properties: written where the value differs from the parent's. */
export const INHERITED_PROPS = [
  'fill',
  'fill-opacity',
  'fill-rule',
  'stroke',
  'stroke-width',
  'stroke-opacity',
  'stroke-dasharray',
  'stroke-linecap',
  'stroke-linejoin',
  'font-family',
  'font-size',
  'font-weight',
  'font-style',
  'letter-spacing',
  'text-anchor',
  'dominant-baseline',
  'paint-order',
  'visibility',
] as const;

/** Non-inherited properties with their initial value: written where they differ from it. */
export const OWN_PROPS: Readonly<Record<string, string>> = {
  opacity: '1',
  display: 'inline',
  'stop-color': 'rgb(0, 0, 0)',
  'stop-opacity': '1',
  'mix-blend-mode': 'normal',
};

/** Values a standalone file's root starts with (SVG/CSS initial values as browsers report them). */
const INITIAL: Readonly<Record<string, string>> = {
  fill: 'rgb(0, 0, 0)',
  'fill-opacity': '1',
  'fill-rule': 'nonzero',
  stroke: 'none',
  'stroke-width': '1px',
  'stroke-opacity': '1',
  'stroke-dasharray': 'none',
  'stroke-linecap': 'butt',
  'stroke-linejoin': 'miter',
  'font-style': 'normal',
  'font-weight': '400',
  'letter-spacing': 'normal',
  'text-anchor': 'start',
  'dominant-baseline': 'auto',
  'paint-order': 'normal',
  visibility: 'visible',
  // font-family and font-size have no portable initial value: always written at the root.
};

/** Reads a computed property value (a CSSStyleDeclaration fits). */
export interface StyleSource {
  getPropertyValue(property: string): string;
}

/**
 * The style declarations an element needs in a standalone file.
 * `parent` is the parent element's computed style (null for the root <svg>);
 * `hasAttribute(prop)` tells whether the element carries the property as a
 * presentation attribute (fill="…"), which the file would otherwise apply.
 */
export function styleDeclarations(
  computed: StyleSource,
  parent: StyleSource | null,
  hasAttribute: (property: string) => boolean = () => false,
): [string, string][] {
  const out: [string, string][] = [];
  for (const prop of INHERITED_PROPS) {
    const value = computed.getPropertyValue(prop).trim();
    if (!value) continue;
    const reference = parent ? parent.getPropertyValue(prop).trim() : INITIAL[prop];
    if (value !== reference || hasAttribute(prop)) out.push([prop, value]);
  }
  for (const [prop, initial] of Object.entries(OWN_PROPS)) {
    const value = computed.getPropertyValue(prop).trim();
    if (!value) continue;
    if (value !== initial || hasAttribute(prop)) out.push([prop, value]);
  }
  return out;
}

export interface SvgSize {
  width: number;
  height: number;
  viewBox: [number, number, number, number];
}

/** A length attribute in user units (plain numbers or px); null for %, em, auto, … */
export function parseLength(value: string | null | undefined): number | null {
  if (value === null || value === undefined) return null;
  const m = /^\s*([0-9]*\.?[0-9]+(?:e[+-]?\d+)?)\s*(px)?\s*$/i.exec(value);
  if (!m) return null;
  const n = Number(m[1]);
  return Number.isFinite(n) && n > 0 ? n : null;
}

/**
 * Width, height and viewBox for the file: numeric width/height attributes win,
 * then the viewBox's size, then the size on screen.
 */
export function resolveSvgSize(input: {
  width: string | null;
  height: string | null;
  viewBox: string | null;
  rendered: { width: number; height: number };
}): SvgSize {
  const vb = (input.viewBox ?? '')
    .trim()
    .split(/[\s,]+/)
    .map(Number);
  const hasViewBox = vb.length === 4 && vb.every(Number.isFinite) && vb[2]! > 0 && vb[3]! > 0;
  const rw = input.rendered.width > 0 ? input.rendered.width : null;
  const rh = input.rendered.height > 0 ? input.rendered.height : null;
  const width = parseLength(input.width) ?? (hasViewBox ? vb[2]! : null) ?? rw ?? 300;
  const height = parseLength(input.height) ?? (hasViewBox ? vb[3]! : null) ?? rh ?? 150;
  const viewBox: SvgSize['viewBox'] = hasViewBox ? [vb[0]!, vb[1]!, vb[2]!, vb[3]!] : [0, 0, width, height];
  return { width, height, viewBox };
}

const round = (n: number) => String(Math.round(n * 100) / 100);

function isUnsafeUrl(value: string): boolean {
  return /^\s*(javascript|data:text\/html|vbscript):/i.test(value);
}

/** Removes scripts, event handlers and javascript: links from a cloned tree. */
function sanitize(root: Element): void {
  for (const el of [...root.querySelectorAll('script, foreignObject')]) el.remove();
  for (const el of [root, ...root.querySelectorAll('*')]) {
    for (const attr of [...el.attributes]) {
      const name = attr.name.toLowerCase();
      if (name.startsWith('on')) el.removeAttribute(attr.name);
      else if ((name === 'href' || name === 'xlink:href') && isUnsafeUrl(attr.value)) el.removeAttribute(attr.name);
    }
  }
}

/**
 * A standalone SVG file of a chart in the page. The element must be in the
 * document (its computed styles are read). The original is not changed.
 */
export function serializeSvg(svg: SVGSVGElement, opts: { title?: string; background?: string } = {}): string {
  const clone = svg.cloneNode(true) as SVGSVGElement;

  // Inline computed styles, walking the original and the clone in parallel.
  const walk = (orig: Element, copy: Element, parentStyle: CSSStyleDeclaration | null) => {
    const computed = getComputedStyle(orig);
    const decls = styleDeclarations(computed, parentStyle, (p) => orig.hasAttribute(p));
    // Properties not handled here (e.g. transform-origin) stay as they were inline.
    const el = copy as SVGElement;
    for (const [p, v] of decls) el.style.setProperty(p, v);
    if (!el.getAttribute('style')) el.removeAttribute('style');
    const a = orig.children;
    const b = copy.children;
    for (let i = 0; i < a.length && i < b.length; i++) walk(a[i]!, b[i]!, computed);
  };
  walk(svg, clone, null);
  sanitize(clone);

  // Size: what is on screen, unless the chart declares its own.
  const rect = svg.getBoundingClientRect();
  const size = resolveSvgSize({
    width: svg.getAttribute('width'),
    height: svg.getAttribute('height'),
    viewBox: svg.getAttribute('viewBox'),
    rendered: { width: rect.width, height: rect.height },
  });
  clone.setAttributeNS(XMLNS_NS, 'xmlns', SVG_NS);
  const usesXlink = [clone, ...clone.querySelectorAll('*')].some((el) => [...el.attributes].some((a) => a.name.startsWith('xlink:')));
  if (usesXlink) {
    clone.setAttributeNS(XMLNS_NS, 'xmlns:xlink', XLINK_NS);
  }
  clone.setAttribute('width', round(size.width));
  clone.setAttribute('height', round(size.height));
  clone.setAttribute('viewBox', size.viewBox.map(round).join(' '));
  // Layout styles of the page (max-width: 100 %, height: auto, …) mean nothing in a file.
  for (const p of ['width', 'height', 'max-width', 'max-height', 'position', 'left', 'top', 'cursor']) clone.style.removeProperty(p);
  if (!clone.getAttribute('style')) clone.removeAttribute('style');

  const doc = clone.ownerDocument;
  if (opts.background) {
    const bg = doc.createElementNS(SVG_NS, 'rect');
    const [x, y, w, h] = size.viewBox;
    bg.setAttribute('x', round(x));
    bg.setAttribute('y', round(y));
    bg.setAttribute('width', round(w));
    bg.setAttribute('height', round(h));
    bg.setAttribute('fill', opts.background);
    bg.setAttribute('stroke', 'none');
    clone.insertBefore(bg, clone.firstChild);
  }
  if (opts.title) {
    let title = [...clone.children].find((c) => c.localName === 'title');
    if (!title) title = doc.createElementNS(SVG_NS, 'title');
    title.textContent = opts.title;
    clone.insertBefore(title, clone.firstChild); // the first child, where viewers look for it
  }

  return '<?xml version="1.0" encoding="UTF-8" standalone="no"?>\n' + new XMLSerializer().serializeToString(clone) + '\n';
}
