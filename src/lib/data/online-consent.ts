// Whether the app may load an online data package from an origin: the user's consent (kept per
// origin in localStorage when given "always") and the page's Content-Security-Policy (a <meta> tag
// fixed at build: connect-src lists 'self' and the origins of ATLAS_PACKAGE_ORIGINS, vite.config.ts).

const STORE_KEY = 'quartiersatlas.onlineOrigins';

function storedOrigins(): string[] {
  try {
    const list: unknown = JSON.parse(localStorage.getItem(STORE_KEY) ?? '[]');
    return Array.isArray(list) ? list.filter((o): o is string => typeof o === 'string') : [];
  } catch {
    return [];
  }
}

/** The user chose "always for this origin" before. */
export function isOriginAllowed(origin: string): boolean {
  return storedOrigins().includes(origin);
}

/** Keeps "always for this origin" (a full or blocked storage: the consent lasts for this load only). */
export function allowOriginAlways(origin: string): void {
  try {
    const list = storedOrigins();
    if (!list.includes(origin)) localStorage.setItem(STORE_KEY, JSON.stringify([...list, origin]));
  } catch {
    /* storage unavailable */
  }
}

/** One source expression of connect-src against a URL (CSP Level 3 matching, simplified to what a build writes). */
function sourceMatches(expr: string, url: URL, self: string): boolean {
  if (expr === "'self'") return url.origin === self;
  if (expr === '*') return /^(https?|wss?):$/.test(url.protocol);
  if (/^[a-z][a-z0-9+.-]*:$/i.test(expr)) return url.protocol === expr.toLowerCase();
  const m = /^(?:([a-z][a-z0-9+.-]*):\/\/)?(\*\.)?([^:/]+)(?::(\d+|\*))?(\/.*)?$/i.exec(expr);
  if (!m) return false;
  const [, scheme, wildcard, host, port, path] = m;
  if (scheme ? url.protocol !== `${scheme.toLowerCase()}:` : !/^https?:$/.test(url.protocol)) return false;
  const h = url.hostname.toLowerCase();
  const want = host!.toLowerCase();
  if (wildcard ? !h.endsWith(`.${want}`) : h !== want) return false;
  const defaultPort = (protocol: string) => (protocol === 'https:' ? '443' : '80');
  if (port !== '*' && (url.port || defaultPort(url.protocol)) !== (port ?? defaultPort(url.protocol))) return false;
  return !path || path.endsWith('/') ? url.pathname.startsWith(path ?? '/') : url.pathname === path;
}

/**
 * Whether the page's Content-Security-Policy lets it fetch `url` (connect-src, or default-src without
 * it). No policy (the dev server): true.
 */
export function cspAllowsConnect(url: URL, policy: string | null, self: string): boolean {
  if (policy === null) return true;
  const directives = new Map(
    policy
      .split(';')
      .map((d) => d.trim().split(/\s+/))
      .filter((d) => d[0])
      .map((d) => [d[0]!.toLowerCase(), d.slice(1)] as const),
  );
  const list = directives.get('connect-src') ?? directives.get('default-src');
  if (!list) return true;
  return list.some((expr) => sourceMatches(expr, url, self));
}

/** The page's policy from its <meta http-equiv="Content-Security-Policy">, or null. */
export function pagePolicy(): string | null {
  return document.querySelector('meta[http-equiv="Content-Security-Policy"]')?.getAttribute('content') ?? null;
}
