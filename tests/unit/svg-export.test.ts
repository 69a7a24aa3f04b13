import { describe, expect, it } from 'vitest';
import { INHERITED_PROPS, parseLength, resolveSvgSize, styleDeclarations, type StyleSource } from '../../src/lib/io/export/svg-export';

const style = (values: Record<string, string>): StyleSource => ({ getPropertyValue: (p) => values[p] ?? '' });

// What a browser reports for an element without any styling.
const defaults: Record<string, string> = {
  fill: 'rgb(0, 0, 0)',
  'fill-opacity': '1',
  'fill-rule': 'nonzero',
  stroke: 'none',
  'stroke-width': '1px',
  'stroke-opacity': '1',
  'stroke-dasharray': 'none',
  'stroke-linecap': 'butt',
  'stroke-linejoin': 'miter',
  'font-family': 'system-ui, sans-serif',
  'font-size': '12px',
  'font-weight': '400',
  'font-style': 'normal',
  'letter-spacing': 'normal',
  'text-anchor': 'start',
  'dominant-baseline': 'auto',
  'paint-order': 'normal',
  visibility: 'visible',
  opacity: '1',
  display: 'inline',
  'stop-color': 'rgb(0, 0, 0)',
  'stop-opacity': '1',
  'mix-blend-mode': 'normal',
};

describe('styleDeclarations', () => {
  it('writes only the font at the root when nothing else is styled', () => {
    expect(styleDeclarations(style(defaults), null)).toEqual([
      ['font-family', 'system-ui, sans-serif'],
      ['font-size', '12px'],
    ]);
  });

  it('writes what the app CSS changed, relative to the parent', () => {
    const parent = style({ ...defaults, fill: 'rgb(51, 51, 51)', 'font-size': '11px' });
    const bar = style({ ...defaults, fill: 'rgb(70, 130, 180)', 'font-size': '11px', stroke: 'rgb(255, 255, 255)', 'stroke-width': '0.5px' });
    // font-size equals the parent's: inherited in the file, not repeated.
    expect(styleDeclarations(bar, parent)).toEqual([
      ['fill', 'rgb(70, 130, 180)'],
      ['stroke', 'rgb(255, 255, 255)'],
      ['stroke-width', '0.5px'],
    ]);
  });

  it('skips inherited values equal to the parent, but not when a presentation attribute would win', () => {
    const parent = style({ ...defaults, fill: 'rgb(255, 0, 0)' });
    const child = style({ ...defaults, fill: 'rgb(255, 0, 0)' });
    expect(styleDeclarations(child, parent)).toEqual([]);
    expect(styleDeclarations(child, parent, (p) => p === 'fill')).toEqual([['fill', 'rgb(255, 0, 0)']]);
  });

  it('writes non-inherited properties where they differ from the initial value', () => {
    const parent = style({ ...defaults, opacity: '0.5' });
    const child = style({ ...defaults, opacity: '1', display: 'none', 'text-anchor': 'middle', 'dominant-baseline': 'central' });
    expect(styleDeclarations(child, parent)).toEqual([
      ['text-anchor', 'middle'],
      ['dominant-baseline', 'central'],
      ['display', 'none'],
    ]);
  });

  it('covers the properties that matter for charts', () => {
    for (const p of ['fill', 'stroke', 'stroke-width', 'font-family', 'font-size', 'font-weight', 'text-anchor', 'dominant-baseline']) {
      expect(INHERITED_PROPS).toContain(p);
    }
  });
});

describe('resolveSvgSize', () => {
  it('uses numeric width/height attributes and keeps the viewBox', () => {
    expect(resolveSvgSize({ width: '640', height: '320px', viewBox: '0 0 640 320', rendered: { width: 500, height: 250 } })).toEqual({
      width: 640,
      height: 320,
      viewBox: [0, 0, 640, 320],
    });
  });

  it('falls back to the viewBox for relative sizes, then to the size on screen', () => {
    expect(resolveSvgSize({ width: '100%', height: null, viewBox: '-10,-5 400 200', rendered: { width: 800, height: 400 } })).toEqual({
      width: 400,
      height: 200,
      viewBox: [-10, -5, 400, 200],
    });
    expect(resolveSvgSize({ width: '100%', height: 'auto', viewBox: null, rendered: { width: 812.4, height: 300 } })).toEqual({
      width: 812.4,
      height: 300,
      viewBox: [0, 0, 812.4, 300],
    });
    expect(resolveSvgSize({ width: null, height: null, viewBox: '0 0 0 0', rendered: { width: 0, height: 0 } })).toEqual({
      width: 300,
      height: 150,
      viewBox: [0, 0, 300, 150],
    });
  });

  it('parses plain and px lengths only', () => {
    expect(parseLength('12')).toBe(12);
    expect(parseLength(' 12.5px ')).toBe(12.5);
    expect(parseLength('50%')).toBeNull();
    expect(parseLength('2em')).toBeNull();
    expect(parseLength('0')).toBeNull();
    expect(parseLength(null)).toBeNull();
  });
});
