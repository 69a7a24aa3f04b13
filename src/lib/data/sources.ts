import type { Indicator, Site, Source } from './catalog-types';
import { siteRegistry } from './site-registry.svelte';

/** The sources behind what is visible: the indicator's and the geometry's. */
export function visibleSources(site: Site, ind: Indicator): { key: string; source: Source }[] {
  const keys = [...new Set([ind.source, site.geometrySource])];
  return keys.flatMap((key) => {
    const source = siteRegistry.source(key);
    return source ? [{ key, source }] : [];
  });
}

/**
 * A URL that may become a link: http(s) only. Sources of imports come from the
 * user's files and project files, so a licence URL could be "javascript:…".
 */
export function linkUrl(url: string | undefined): string | null {
  if (!url) return null;
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'https:' || parsed.protocol === 'http:' ? parsed.href : null;
  } catch {
    return null;
  }
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** Attribution line for the map control (HTML, escaped); `extra`: sources of point layers shown. */
export function attributionHtml(site: Site, ind: Indicator, extra: readonly Source[] = []): string {
  return [...visibleSources(site, ind).map(({ source }) => source), ...extra]
    .map((source) => escapeHtml(source.attribution))
    .join(' · ');
}
