// Which indicators the two-indicator modes and the social index use when the URL
// does not say (kept apart from the analysis code so the controls stay light).
import type { Indicator, Site } from '../data/catalog-types';
import type { IndexWeight, ViewState } from './view-state';

/** The default index set: the site's shares where higher is worse or better (not neutral). */
export function defaultIndexWeights(site: Site): IndexWeight[] {
  return site.indicators.filter((i) => i.unit === 'percent' && i.direction !== 'neutral').map((i) => ({ id: i.id, w: 1 }));
}

/** The second indicator: the one in the URL, else the first other indicator with a direction. */
export function secondIndicator(site: Site, view: ViewState): Indicator {
  const chosen = view.ind2 ? site.indicators.find((i) => i.id === view.ind2) : undefined;
  return (
    chosen ??
    site.indicators.find((i) => i.id !== view.ind && i.direction !== 'neutral' && i.unit === 'percent') ??
    site.indicators.find((i) => i.id !== view.ind) ??
    site.indicators[0]!
  );
}
