import { mount } from 'svelte';
import App from './components/App.svelte';
import { registerExtension, registerPointLayer, registerUserSite } from './lib/data/user-data';
import { hasStoredImports, loadExtensions, loadPointLayers, loadUserSites } from './lib/data/user-store';
import './app.css';

const target = document.getElementById('app');
if (!target) throw new Error('#app missing');

/** Imported sites from earlier visits ("Meine Daten"), back into the catalog. */
async function restoreUserSites(): Promise<void> {
  try {
    for (const entry of await loadUserSites()) registerUserSite(entry);
    // Tables added to sites (bundled or imported), after the sites they belong to.
    for (const ext of await loadExtensions()) registerExtension(ext);
    for (const layer of await loadPointLayers()) registerPointLayer(layer);
  } catch {
    // No IndexedDB (private mode, blocked storage): imports then last for the session only.
  }
}

// With imports stored, restore them before the view is read from the URL (a link
// may name an imported site or indicator); without, the first map does not wait
// for the browser's storage.
if (hasStoredImports()) {
  void restoreUserSites().then(() => mount(App, { target }));
} else {
  mount(App, { target });
  void restoreUserSites();
}
