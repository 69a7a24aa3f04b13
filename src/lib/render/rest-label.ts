// The name of a programme area's rest within its reference (issue 17, item 3): "übrige Stadt" when the
// reference is the city, "übriger Landkreis Verden" for a Kreis, "übriges Niedersachsen" for a Land,
// "Rest von Deutschland" for another top level; with several programme areas shown, each rest names its
// area ("übrige Stadt (ohne Grünau)"). Pure: from the site, the reference and the texts.
import type { Site } from '../data/catalog-types';
import { hierarchyLevels, topLevel } from '../data/programme-areas';
import type { RestReference } from '../data/programme-rest-reference';
import { pick, translate, type Lang } from '../i18n';
import '../i18n/panels-messages'; // its texts arrive with it (loaded with the programme level)

/**
 * The rest's name: the reference (the area the rest lies in: value-cache `restReferences`) without the
 * programme area; without a reference, the whole site (its top level).
 */
export function restLabel(site: Pick<Site, 'id' | 'levels'>, lang: Lang, areaName?: string, reference?: Pick<RestReference, 'level' | 'name' | 'bases'> | null): string {
  const top = topLevel(site);
  const level = reference && reference.level !== top.id ? reference.level : top.id;
  const rest =
    level === 'stadt'
      ? translate(lang, 'pa.restCity')
      : level === 'kreis' && reference
        ? // a Kreis of one Gemeinde is a kreisfreie Stadt
          translate(lang, reference.bases > 1 ? 'pa.restKreis' : 'pa.restTown', { name: reference.name })
        : level === 'land' && reference
          ? translate(lang, 'pa.restLand', { name: reference.name })
          : hierarchyLevels(site).length > 1
            ? translate(lang, 'pa.restOf', { name: pick(top.label, lang) })
            : translate(lang, 'pa.restAll');
  return areaName === undefined ? rest : translate(lang, 'pa.restWithout', { rest, name: areaName });
}
