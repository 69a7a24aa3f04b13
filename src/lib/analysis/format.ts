export type Lang = 'de' | 'en';
export type Unit = 'count' | 'persons' | 'percent' | 'per1000' | 'per10000' | 'years' | 'eur' | 'keur' | 'km2' | 'perkm2';

const LOCALES: Record<Lang, string> = { de: 'de-DE', en: 'en-GB' };
const MISSING: Record<Lang, string> = { de: 'keine Angabe', en: 'no data' };
const NBSP = '\u00A0';

const formatters = new Map<string, Intl.NumberFormat>();

function formatter(lang: Lang, decimals: number): Intl.NumberFormat {
  const key = `${lang}|${decimals}`;
  let f = formatters.get(key);
  if (!f) {
    f = new Intl.NumberFormat(LOCALES[lang], {
      minimumFractionDigits: decimals,
      maximumFractionDigits: decimals,
    });
    formatters.set(key, f);
  }
  return f;
}

/**
 * Rounds half away from zero on the shortest decimal representation of v, so
 * that 1.005 → 1.01 although the double 1.005 is slightly below 1.005
 * ((1.005).toFixed(2) === "1.00"). ICU-based Intl already behaves like this; the
 * pre-rounding makes the result independent of the engine. Shifting the exponent
 * in the string form avoids the binary error of v * 10^d.
 */
function roundDecimal(v: number, decimals: number): number {
  const s = String(Math.abs(v));
  if (s.includes('e')) return v; // very large/small: leave rounding to Intl
  const r = Math.sign(v) * Number(`${Math.round(Number(`${s}e${decimals}`))}e-${decimals}`);
  return r === 0 ? 0 : r; // drop negative zero ("-0,0")
}

function isMissing(v: number | null | undefined): v is null | undefined {
  // ±Infinity is treated like a missing value: it is never a meaningful indicator value.
  return v === null || v === undefined || !Number.isFinite(v);
}

/** Number with fixed decimals (clamped to 0..10) and locale grouping; missing → "keine Angabe" / "no data". */
export function formatNumber(v: number | null | undefined, decimals: number, lang: Lang): string {
  if (isMissing(v)) return MISSING[lang];
  const d = Number.isFinite(decimals) ? Math.min(10, Math.max(0, Math.round(decimals))) : 0;
  return formatter(lang, d).format(roundDecimal(v, d));
}

/**
 * Value with its unit (joined by a no-break space U+00A0, except English "%" and "€"), e.g. "12,3 %" / "12.3%",
 * "1.234,5 km²", "34.567 €" / "€34,567". Non-finite values count as missing.
 */
export function formatValue(v: number | null | undefined, unit: Unit, decimals: number, lang: Lang): string {
  if (isMissing(v)) return MISSING[lang];
  const n = formatNumber(v, decimals, lang);
  const de = lang === 'de';
  switch (unit) {
    case 'count':
      return n;
    case 'persons':
      return de ? `${n}${NBSP}Pers.` : `${n}${NBSP}persons`;
    case 'percent':
      return de ? `${n}${NBSP}%` : `${n}%`;
    case 'per1000':
      return de ? `${n}${NBSP}je 1.000` : `${n}${NBSP}per 1,000`;
    case 'per10000':
      return de ? `${n}${NBSP}je 10.000` : `${n}${NBSP}per 10,000`;
    case 'years': {
      const one = n === '1';
      return de ? `${n}${NBSP}${one ? 'Jahr' : 'Jahre'}` : `${n}${NBSP}${one ? 'year' : 'years'}`;
    }
    case 'eur':
      return de ? `${n}${NBSP}€` : withEuroPrefix(n, '');
    case 'keur':
      return de ? `${n}${NBSP}Tsd.${NBSP}€` : withEuroPrefix(n, 'k');
    case 'km2':
      return `${n}${NBSP}km²`;
    case 'perkm2':
      return de ? `${n}${NBSP}je km²` : `${n}${NBSP}per km²`;
  }
}

/** English currency style: "€1,234", "-€1,234", "€12.3k". */
function withEuroPrefix(n: string, suffix: string): string {
  return n.startsWith('-') ? `-€${n.slice(1)}${suffix}` : `€${n}${suffix}`;
}

const UNIT_LABELS: Record<Unit, Record<Lang, string>> = {
  count: { de: 'Anzahl', en: 'count' },
  persons: { de: 'Personen je Haushalt', en: 'persons per household' },
  percent: { de: '%', en: '%' },
  per1000: { de: 'je 1.000 Einw.', en: 'per 1,000 residents' },
  per10000: { de: 'je 10.000 Einw.', en: 'per 10,000 residents' },
  years: { de: 'Jahre', en: 'years' },
  eur: { de: '€', en: '€' },
  keur: { de: 'Tsd. €', en: 'thousand €' },
  km2: { de: 'km²', en: 'km²' },
  perkm2: { de: 'Einw. je km²', en: 'residents per km²' },
};

/** Unit caption for legends and axis titles. */
export function unitLabel(unit: Unit, lang: Lang): string {
  return UNIT_LABELS[unit][lang];
}
