/**
 * The TypeScript compiler API (syntax only: `createSourceFile`, never a Program or a type checker), loaded on first
 * use. It is 9 MB of JavaScript: the bundles keep it in a file of its own (see esbuild.mjs) so that analysing SQL
 * alone never pays for parsing it.
 */
import type * as TS from 'typescript';

let api: typeof TS | undefined;

export function typescript(): typeof TS {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return (api ??= require('typescript') as typeof TS);
}
