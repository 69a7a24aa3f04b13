// The name of a programme area's rest within its reference (issue 17, item 3): "übrige Stadt" when the
// reference is the city, "Rest von Deutschland" for another top level; with several programme areas
// shown, each rest names its area ("übrige Stadt (ohne Grünau)"). Pure: from the site and the texts.
import type { Site } from '../data/catalog-types';
import { hierarchyLevels, topLevel } from '../data/programme-areas';
import { pick, translate, type Lang } from '../i18n';
import '../i18n/panels-messages'; // its texts arrive with it (loaded with the programme level)

/** The rest's name: the whole site (its top level) without the programme area. */
export function restLabel(site: Pick<Site, 'id' | 'levels'>, lang: Lang, areaName?: string): string {
  const top = topLevel(site);
  const rest =
    top.id === 'stadt'
      ? translate(lang, 'pa.restCity')
      : hierarchyLevels(site).length > 1
        ? translate(lang, 'pa.restOf', { name: pick(top.label, lang) })
        : translate(lang, 'pa.restAll');
  return areaName === undefined ? rest : translate(lang, 'pa.restWithout', { rest, name: areaName });
}
