// Bundles the extension client, the language server and the CLI into dist/, the ER diagram webview into
// media/diagram/diagram.js. `--watch` rebuilds on change.
import * as esbuild from 'esbuild';
import { copyFileSync, mkdirSync } from 'node:fs';

const watch = process.argv.includes('--watch');
const common = {
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  sourcemap: true,
  logLevel: 'warning',
};
// The TypeScript parser (for TypeORM entities) is 9 MB of JavaScript: a bundle of its own, dist/typescript.js, that
// the server and the CLI load on first use (server/src/core/parse/ts-api.ts), so SQL-only runs never parse it.
/** Leaves `require(<spec>)` to run time: the module is a bundle of its own beside the one requiring it. */
const separate = (filter) => ({
  name: 'separate-bundle',
  setup(build) {
    build.onResolve({ filter }, (args) => ({ path: args.path, external: true }));
  },
});
const lazyTypescript = {
  name: 'lazy-typescript',
  setup(build) {
    build.onResolve({ filter: /^typescript$/ }, () => ({ path: './typescript.js', external: true }));
  },
};
const builds = [
  // The extension host loads extension.js at activation: a few lines, which load client.js (the language client,
  // ~450 KB minified) on the next turn.
  { ...common, entryPoints: ['client/src/extension.ts'], outfile: 'dist/extension.js', external: ['vscode'], minify: true, plugins: [separate(/^\.\/client\.js$/)] },
  { ...common, entryPoints: ['client/src/client.ts'], outfile: 'dist/client.js', external: ['vscode'], minify: true },
  { ...common, entryPoints: ['server/src/lsp/main.ts'], outfile: 'dist/server.js', plugins: [lazyTypescript] },
  { ...common, entryPoints: ['server/src/cli/main.ts'], outfile: 'dist/cli.js', banner: { js: '#!/usr/bin/env node' }, plugins: [lazyTypescript] },
  { ...common, entryPoints: ['node_modules/typescript/lib/typescript.js'], outfile: 'dist/typescript.js', minify: true, sourcemap: false },
  // The ER diagram webview: a browser script, and the only bundle that holds mermaid (3 MB minified).
  {
    entryPoints: ['media/diagram/src/main.ts'],
    outfile: 'media/diagram/diagram.js',
    bundle: true,
    platform: 'browser',
    format: 'iife',
    target: 'chrome114',
    minify: true,
    logLevel: 'error',
  },
];

mkdirSync('dist', { recursive: true });
mkdirSync('out', { recursive: true });
// libpg-query loads its WASM from the directory of the running script.
copyFileSync('node_modules/libpg-query/wasm/libpg-query.wasm', 'dist/libpg-query.wasm');

if (watch) {
  for (const b of builds) await (await esbuild.context(b)).watch();
} else {
  await Promise.all(builds.map((b) => esbuild.build(b)));
}
