// Opening a site from an online data package (?src=<URL of site.json>): the URL is checked, another
// origin needs the page's CSP to allow it and the user's consent (asked through `ask`), site.json is
// fetched and read (online-package.ts), and the site joins the site registry. Nothing is changed
// before everything is read: a failure leaves every loaded site as it was.
import type { SiteRegistry } from './site-registry.svelte';
import { putOnlineSite } from './online-files';
import { allowOriginAlways, cspAllowsConnect, isOriginAllowed, pagePolicy } from './online-consent';
import { readPackage } from './online-package';
import { translate, type Lang } from '../i18n';
import '../i18n/panels-messages';

export type Consent = 'once' | 'always' | 'cancel';

const MAX_PACKAGE_CHARS = 5_000_000;

/** Why a package could not be opened: what, where (the URL) and the details (problems by field). */
export interface OnlineFailure {
  kind: 'url' | 'csp' | 'http' | 'network' | 'json' | 'invalid';
  url: string;
  origin: string;
  detail: string;
  problems: string[];
}

export type OnlineResult = { status: 'opened'; siteId: string } | { status: 'cancelled'; origin: string } | { status: 'failed'; failure: OnlineFailure };

/** Opens the package at `src` (absolute, or relative to the page); what went wrong is told in `lang`. */
export async function openOnlinePackage(registry: SiteRegistry, src: string, ask: (origin: string, url: string) => Promise<Consent>, lang: Lang = 'en'): Promise<OnlineResult> {
  const fail = (kind: OnlineFailure['kind'], url: string, origin: string, detail = '', problems: string[] = []): OnlineResult => ({
    status: 'failed',
    failure: { kind, url, origin, detail, problems },
  });
  let url: URL;
  try {
    url = new URL(src, location.href);
  } catch {
    return fail('url', src, '');
  }
  if (!/^https?:$/.test(url.protocol) || url.username || url.password) return fail('url', src, '');
  const origin = url.origin;
  if (origin !== location.origin) {
    if (!cspAllowsConnect(url, pagePolicy(), location.origin)) return fail('csp', url.href, origin);
    if (!isOriginAllowed(origin)) {
      const consent = await ask(origin, url.href);
      if (consent === 'cancel') return { status: 'cancelled', origin };
      if (consent === 'always') allowOriginAlways(origin);
    }
  }
  let text: string;
  try {
    const res = await fetch(url.href, { credentials: 'omit' });
    if (!res.ok) return fail('http', url.href, origin, `HTTP ${res.status}`);
    text = await res.text();
    // A site entry is tens of KB (Leipzig's with 12 indicators: 28 KB); a huge one is not a package.
    if (text.length > MAX_PACKAGE_CHARS) return fail('json', url.href, origin, translate(lang, 'online.err.tooLarge', { mb: MAX_PACKAGE_CHARS / 1e6 }));
  } catch (err) {
    return fail('network', url.href, origin, err instanceof Error ? err.message : String(err));
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    return fail('json', url.href, origin, err instanceof Error ? err.message : String(err));
  }
  const read = readPackage(json, url.href, lang);
  if (!read.ok) return fail('invalid', url.href, origin, '', read.problems);
  const { pkg } = read;
  // Marked in the site list (and in titles and exports) with where it comes from.
  const label = { de: translate('de', 'online.siteLabel', { label: pkg.site.label.de, origin }), en: translate('en', 'online.siteLabel', { label: pkg.site.label.en, origin }) };
  putOnlineSite(pkg.site.id, pkg.url, pkg.files);
  registry.addOnlineSite({ ...pkg.site, label }, pkg.sources);
  return { status: 'opened', siteId: pkg.site.id };
}
