// A link with ?src=<URL of an online data package's site.json>: before the app reads the view from the
// URL, the package is opened (components/OnlinePackageDialog.svelte: consent for another origin,
// loading, failures). Loaded by main.ts only for such links. Opened: the link's view shows the site
// (`site` set to it when the link names none). Cancelled or failed: `src` (and a `site` of an online
// package) leave the URL and the app starts as without them.
import { mount, unmount } from 'svelte';
import OnlinePackageDialog from './components/OnlinePackageDialog.svelte';
import { siteRegistry } from './lib/data/site-registry.svelte';
import { ONLINE_SITE_PREFIX } from './lib/data/online-package';
import type { OnlineResult } from './lib/data/online-open';
import type { Lang } from './lib/i18n';

function rewriteQuery(result: OnlineResult): void {
  const q = new URLSearchParams(location.search);
  const site = q.get('site');
  if (result.status === 'opened') {
    if (!site || (site.startsWith(ONLINE_SITE_PREFIX) && site !== result.siteId)) q.set('site', result.siteId);
  } else {
    q.delete('src');
    if (site?.startsWith(ONLINE_SITE_PREFIX)) q.delete('site');
  }
  const search = q.toString();
  history.replaceState(history.state, '', `${location.pathname}${search ? `?${search}` : ''}${location.hash}`);
}

/** Opens the package of the link; resolves when the app may start (opened, cancelled or failed). */
export function openFromLink(src: string, lang: Lang): Promise<OnlineResult> {
  return new Promise((resolve) => {
    const target = document.createElement('div');
    document.body.append(target);
    const dialog = mount(OnlinePackageDialog, {
      target,
      props: {
        src,
        lang,
        registry: siteRegistry,
        ondone: (result: OnlineResult) => {
          rewriteQuery(result);
          void unmount(dialog).then(() => target.remove());
          resolve(result);
        },
      },
    });
  });
}
