// Stands in for svelte/compiler inside dependency-cruiser (see
// svelte-deps-hook.mjs). `compile` parses the component with Svelte's own
// parser and returns, instead of the compiled component, one JavaScript
// statement per import it finds: static imports and re-exports (type-only ones
// included, as `import "x"`) in <script> and <script module>, and dynamic
// `import("x")` with a literal specifier anywhere (scripts or markup, e.g.
// `{#await import('./Dialog.svelte')}`), plus TypeScript `import("x").T` types.

import { parse, VERSION } from 'svelte/compiler';

export { VERSION };

/** The string value of a literal specifier node, or null. */
function literal(node) {
  if (!node || typeof node !== 'object') return null;
  if (node.type === 'Literal' && typeof node.value === 'string') return node.value;
  if (node.type === 'TemplateLiteral' && node.expressions.length === 0) return node.quasis[0].value.cooked;
  if (node.type === 'TSLiteralType') return literal(node.literal);
  return null;
}

export function imports(source) {
  const ast = parse(source, { modern: true });
  const found = [];
  const seen = new WeakSet();
  const walk = (node) => {
    if (!node || typeof node !== 'object' || seen.has(node)) return;
    seen.add(node);
    if (Array.isArray(node)) {
      for (const child of node) walk(child);
      return;
    }
    switch (node.type) {
      case 'ImportDeclaration':
      case 'ExportNamedDeclaration':
      case 'ExportAllDeclaration': {
        const name = literal(node.source);
        if (name !== null) found.push({ name, dynamic: false });
        break;
      }
      case 'ImportExpression': {
        const name = literal(node.source);
        if (name !== null) found.push({ name, dynamic: true });
        break;
      }
      case 'TSImportType': {
        const name = literal(node.argument ?? node.parameter);
        if (name !== null) found.push({ name, dynamic: false });
        break;
      }
    }
    for (const key of Object.keys(node)) {
      if (key !== 'loc' && key !== 'metadata') walk(node[key]);
    }
  };
  walk(ast);
  return found;
}

export function compile(source) {
  const code = imports(source)
    .map(({ name, dynamic }) => (dynamic ? `import(${JSON.stringify(name)});` : `import ${JSON.stringify(name)};`))
    .join('\n');
  return { js: { code } };
}
