// The verdict of the location check as the import dialog words it: "Liegt in Deutschland
// (Sachsen)", "Liegt bei 34,0° O / 48,2° N – außerhalb Deutschlands".
import { formatNumber } from '../../lib/analysis/format';
import { translate, type Lang } from '../../lib/i18n';
import '../../lib/i18n/import-messages'; // the dialog's texts arrive with it
import type { LocationCheck } from '../../lib/io/import/location-check';

const degrees = (v: number, lang: Lang) => formatNumber(Math.abs(v), 1, lang);

/** "34,0° O" / "34.0° E", "3,5° W", one decimal. */
export function lonText(lon: number, lang: Lang): string {
  return translate(lang, lon < 0 ? 'import.location.west' : 'import.location.east', { v: degrees(lon, lang) });
}

/** "48,2° N", "33,9° S". */
export function latText(lat: number, lang: Lang): string {
  return translate(lang, lat < 0 ? 'import.location.south' : 'import.location.north', { v: degrees(lat, lang) });
}

export function locationVerdict(check: LocationCheck, lang: Lang): string {
  if (check.inside) return check.land ? translate(lang, 'import.location.insideLand', { land: check.land }) : translate(lang, 'import.location.inside');
  if (!check.center) return translate(lang, 'import.location.invalid');
  const [lon, lat] = check.center;
  return translate(lang, 'import.location.outside', { lon: lonText(lon, lang), lat: latText(lat, lang) });
}
