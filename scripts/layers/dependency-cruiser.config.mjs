// The layers of src/lib and the ban on import cycles, as dependency-cruiser
// rules. scripts/check-layers.mjs runs them (`npm run lint`); the rules are
// written here once, from the table LAYERS below: one rule per forbidden pair,
// so a violation names exactly what it broke.
//
// Paths are relative to the repository root. Every import counts: static,
// dynamic `import()`, type-only (`import type`, `import('x').T`), in .ts,
// .svelte.ts and .svelte files (for .svelte see layers/svelte-deps-hook.mjs).

/** Each layer of src/lib, the folders it must not import, and why. */
export const LAYERS = [
  {
    from: 'analysis',
    not: ['db', 'map', 'state', 'io', 'charts', 'components'],
    why: 'analysis functions are pure',
  },
  {
    from: 'map',
    not: ['db'],
    why: 'the map draws the rows it is given; lib/state queries them',
  },
  {
    from: 'charts',
    not: ['db'],
    why: 'charts draw the rows they are given; lib/state queries them',
  },
  {
    from: 'db',
    not: ['map', 'state', 'charts', 'components'],
    why: 'the database knows nothing of the views that show its rows',
  },
  {
    from: 'io',
    not: ['state', 'map', 'components', 'db'],
    why: 'io reads and writes files; lib/state hands their contents on',
  },
  {
    from: 'data',
    not: ['db', 'state', 'io', 'charts', 'components'],
    why: 'the catalog and its data files come before every layer that uses them',
  },
  {
    // Only the palette's Direction type (catalog-types.ts), as today.
    from: 'data',
    not: ['map'],
    except: '^src/lib/map/palette[.]ts$',
    why: 'the catalog needs only the palette from lib/map',
  },
  {
    from: 'render',
    not: ['db', 'io', 'charts', 'components'],
    why: 'render functions turn answers into what the map shows, from the rows they are given',
  },
  {
    // The view's type and its normalisation, nothing of the stores.
    from: 'render',
    not: ['state'],
    except: '^src/lib/state/view-(state|normalize)[.]ts$',
    why: 'render functions are pure; lib/state calls them',
  },
  {
    from: '(analysis|charts|data|db|i18n|io|map|render|state)',
    label: 'lib',
    not: ['components'],
    why: 'components use src/lib, never the other way round',
  },
];

/** The folder a layer name stands for (components sit beside lib, in src/). */
const folder = (name) => (name === 'components' ? 'src/components' : `src/lib/${name}`);
const shown = (name) => (name === 'components' ? 'components' : `lib/${name}`);

const layerRules = LAYERS.flatMap(({ from, label, not, except, why }) =>
  not.map((to) => ({
    name: `layers-${label ?? from}-not-${to}`,
    severity: 'error',
    comment: `layers: ${shown(label ?? from)} must not import ${shown(to)} — ${why}`,
    from: { path: `^${folder(from)}/` },
    to: { path: `^${folder(to)}/`, ...(except ? { pathNot: except } : {}) },
  })),
);

export default {
  forbidden: [
    {
      name: 'no-circular',
      severity: 'error',
      comment:
        'cycles: src/ has no import cycles (type-only and dynamic imports count too) — ' +
        'move what both sides need into a module that neither imports',
      from: { path: '^src/' },
      to: { circular: true },
    },
    ...layerRules,
  ],
  options: {
    // Only the app's own modules: imports of packages are not followed.
    includeOnly: '^src/',
    // Type-only imports are dependencies too (a cycle of types is still a cycle).
    tsPreCompilationDeps: true,
    moduleSystems: ['es6'],
    enhancedResolveOptions: {
      // './state/atlas.svelte' is atlas.svelte.ts
      extensions: ['.ts', '.svelte', '.js', '.mjs', '.json'],
    },
  },
};
