// The readable name of a coordinate system in the import dialog and in a site's attribution:
// the German variants by their parameters ("ETRS89 / UTM 32N, 7-stellig (Ostwert mit 2.500.000)"),
// with the code when there is one.
import { translate, type Lang } from '../../lib/i18n';
import '../../lib/i18n/import-messages'; // the dialog's texts arrive with it
import type { Crs } from '../../lib/io/import/crs/definitions';

export function crsName(lang: Lang, crs: Crs): string {
  const label = translate(lang, crs.label.key, crs.label.params);
  if (crs.code !== null) return `${label} (EPSG:${crs.code})`;
  return crs.key.startsWith('WKT:') ? label : `${label} (${crs.key})`;
}
