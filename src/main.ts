import { mount } from 'svelte';
import App from './components/App.svelte';
import { siteRegistry } from './lib/data/site-registry.svelte';
import { hasStoredImports } from './lib/data/user-store';
import { hasStoredProgrammeAreas } from './lib/data/programme-areas-flag';
import { formulaIndicatorsAtStart } from './lib/data/formula-indicators-flag';
import { appReports, type StorageNotice } from './lib/state/app-reports.svelte';
import { restoreStoredImports } from './lib/state/restore-imports';
import { translate, type Lang } from './lib/i18n';
import './app.css';

// For scripts/trace-start.mjs: the initial JavaScript has been evaluated.
performance.mark('atlas:main');

const target = document.getElementById('app');
if (!target) throw new Error('#app missing');

/** Imported sites and programme areas from earlier visits ("Meine Daten"), back into the site registry. */
async function restoreUserSites(): Promise<void> {
  const report = (notice: StorageNotice) => {
    appReports.storage = [...appReports.storage, notice];
  };
  await restoreStoredImports(siteRegistry, report);
  // After the sites they belong to.
  if (hasStoredProgrammeAreas()) await (await import('./lib/state/restore-programme-areas')).restoreProgrammeAreas(siteRegistry, report);
  // A link to a bundled programme area (or their level) needs them before the view is read.
  if (namesBundledAreas) await (await import('./lib/state/programme-examples')).addBundledAreas(siteRegistry).catch(() => undefined);
  // After the sites and tables their formulas name.
  if (formulaIndicatorsAtStart(location.search)) {
    await (await import('./lib/state/restore-formula-indicators')).restoreFormulaIndicators(siteRegistry, location.search, report);
  }
}

/** The URL shows the programme level or names a bundled programme area. */
const namesBundledAreas = /programmgebiet|pa-ex-/.test(location.search);

/** The UI language before the app runs (for messages shown without it). */
function pageLang(): Lang {
  try {
    return new URLSearchParams(location.search).get('lang') === 'en' ? 'en' : 'de';
  } catch {
    return 'de';
  }
}

function errorText(err: unknown): string {
  if (err instanceof Error) return err.message || err.name;
  if (typeof err === 'string') return err;
  try {
    return JSON.stringify(err) ?? String(err);
  } catch {
    return String(err);
  }
}

/** Errors that need no message: browser noise, cancelled work, scripts of other origins (extensions). */
function isBenign(message: string, err: unknown, filename?: string): boolean {
  if (/ResizeObserver loop/i.test(message)) return true;
  if (message === 'Script error.' || message === '') return true;
  if (err instanceof DOMException && err.name === 'AbortError') return true;
  if (filename && !filename.startsWith(location.origin) && !filename.startsWith('blob:')) return true;
  return false;
}

/** An unexpected error: a non-blocking message (Notices shows it), the app keeps running. */
function showUnexpected(message: string): void {
  const text = message.slice(0, 300);
  if (appReports.errors.includes(text)) return;
  appReports.errors = [...appReports.errors, text].slice(-3);
}

window.addEventListener('error', (e) => {
  // Resources that failed to load (img, script) come here too, without a message: not for the user.
  if (!(e instanceof ErrorEvent)) return;
  const message = e.error !== undefined && e.error !== null ? errorText(e.error) : e.message;
  if (isBenign(e.message ?? message, e.error, e.filename)) return;
  showUnexpected(message);
});
window.addEventListener('unhandledrejection', (e) => {
  const message = errorText(e.reason);
  if (isBenign(message, e.reason)) return;
  showUnexpected(message);
});

/** When the app cannot start at all: a message in plain DOM (no Svelte) with a way back. */
function showStartFailure(err: unknown): void {
  console.error(err);
  const lang = pageLang();
  const t = (key: Parameters<typeof translate>[1]) => translate(lang, key);
  document.documentElement.lang = lang;
  const box = document.createElement('div');
  box.className = 'start-failure';
  box.setAttribute('role', 'alert');
  box.dataset.testid = 'start-failure';
  box.style.cssText = 'max-width:40rem;margin:3rem auto;padding:1rem 1.25rem;border:1px solid #b3261e;border-radius:6px;background:#fff;color:#1d1d1f;font:16px/1.5 system-ui,sans-serif';
  const heading = document.createElement('h1');
  heading.textContent = t('error.startHeading');
  heading.style.fontSize = '1.3rem';
  const intro = document.createElement('p');
  intro.textContent = t('error.startIntro');
  const detail = document.createElement('pre');
  detail.textContent = errorText(err);
  detail.style.cssText = 'white-space:pre-wrap;background:#f5f5f5;padding:0.5rem;border-radius:4px';
  const buttons = document.createElement('p');
  const button = (label: string, testid: string, action: () => void) => {
    const b = document.createElement('button');
    b.type = 'button';
    b.textContent = label;
    b.dataset.testid = testid;
    b.style.marginRight = '0.5rem';
    b.addEventListener('click', action);
    buttons.append(b);
  };
  button(t('error.home'), 'error-home', () => location.assign(location.pathname));
  button(t('error.reload'), 'error-reload', () => location.reload());
  box.append(heading, intro, detail, buttons);
  target!.replaceChildren(box);
}

function start(): void {
  try {
    mount(App, { target: target! });
  } catch (err) {
    showStartFailure(err);
  }
}

// With imports stored, restore them before the view is read from the URL (a link
// may name an imported site or indicator); without, the first map does not wait
// for the browser's storage. Restoring never holds the start up for long (an
// upgrade blocked by another tab): the app starts after RESTORE_WAIT_MS anyway.
const RESTORE_WAIT_MS = 10_000;
// A link to an online data package (?src=…, src/online-start.ts, loaded only then): opened, with the
// user's consent for another origin, before the view is read from the URL.
// Read without URLSearchParams: whatever breaks that must reach start() and its message, not stop here.
const onlineSrc = /[?&]src=/.test(location.search) ? onlineSource() : null;

function onlineSource(): string | null {
  try {
    return new URLSearchParams(location.search).get('src')?.trim() || null;
  } catch (err) {
    showStartFailure(err);
    return null;
  }
}
const beforeStart: Promise<unknown>[] = [];
if (onlineSrc) {
  beforeStart.push(import('./online-start').then((m) => m.openFromLink(onlineSrc, pageLang())).catch((err: unknown) => console.error(err)));
}
if (hasStoredImports() || hasStoredProgrammeAreas() || namesBundledAreas || formulaIndicatorsAtStart(location.search)) {
  beforeStart.push(Promise.race([restoreUserSites(), new Promise((r) => setTimeout(r, RESTORE_WAIT_MS))]));
  void Promise.all(beforeStart).then(start);
} else if (beforeStart.length > 0) {
  void Promise.all(beforeStart).then(start);
  void restoreUserSites();
} else {
  start();
  void restoreUserSites();
}
