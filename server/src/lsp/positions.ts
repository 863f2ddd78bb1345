/**
 * Offsets ↔ LSP positions, and file paths ↔ URIs. The core speaks UTF-16 offsets and `/`-separated paths;
 * line/character pairs and URIs exist only here, at the edge.
 */
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Position, Range } from 'vscode-languageserver';

/** Anything that can turn an offset into a position: an open `TextDocument` or a `LineIndex` over disk text. */
export interface PositionSource {
  positionAt(offset: number): Position;
  offsetAt(position: Position): number;
}

/** Line index over disk text: the one the CLI uses (node/lines.ts), so editor and CLI positions agree. */
export { LineIndex } from '../node/lines';

export function rangeOf(src: PositionSource, start: number, end: number): Range {
  return { start: src.positionAt(start), end: src.positionAt(Math.max(start, end)) };
}

/** True when the two ranges touch or overlap (a caret at either end of a diagnostic counts). */
export function rangesTouch(a: Range, b: Range): boolean {
  return !(before(a.end, b.start) || before(b.end, a.start));
}

function before(p: Position, q: Position): boolean {
  return p.line < q.line || (p.line === q.line && p.character < q.character);
}

/**
 * The core key for a document: the file system path with `/` separators for `file:` URIs, the URI itself for
 * anything else (untitled buffers).
 */
export function uriToPath(uri: string): string {
  if (!uri.startsWith('file:')) return uri;
  try {
    return toSlashes(fileURLToPath(uri));
  } catch {
    return uri;
  }
}

export function pathToUri(path: string): string {
  if (/^[a-z][a-z0-9+.-]*:/i.test(path) && !/^[a-z]:[\\/]/i.test(path)) return path;
  return pathToFileURL(path).href;
}

export function toSlashes(p: string): string {
  return p.replace(/\\/g, '/');
}

/** True when `path` is `dir` or inside it (both `/`-separated). */
export function isInside(path: string, dir: string): boolean {
  const d = dir.endsWith('/') ? dir : dir + '/';
  return path === dir || path.startsWith(d);
}
