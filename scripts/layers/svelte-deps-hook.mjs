// Node module hook, registered by check-layers.mjs before it loads
// dependency-cruiser. dependency-cruiser reads a .svelte file by compiling it
// with svelte/compiler and scanning the JavaScript that comes out; the
// compiler drops TypeScript type-only imports on the way, so a .svelte file's
// `import type` would be invisible to the layer rules and to cycle detection.
// This hook hands dependency-cruiser (and only it) svelte-deps-compiler.mjs
// instead, which lists every import of the component, type-only ones included.

const SHIM = new URL('./svelte-deps-compiler.mjs', import.meta.url).href;

export async function resolve(specifier, context, nextResolve) {
  if (specifier === 'svelte/compiler' && context.parentURL?.includes('/node_modules/dependency-cruiser/')) {
    return { url: SHIM, shortCircuit: true };
  }
  return nextResolve(specifier, context);
}
