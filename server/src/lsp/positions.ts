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

/**
 * Line starts of a text, built once per text. Both directions are binary searches / lookups. Line breaks are
 * `\r\n`, `\n` and a lone `\r`, as in `TextDocument` and VS Code, so disk files and open documents agree.
 */
export class LineIndex implements PositionSource {
  private readonly starts: number[];

  constructor(private readonly text: string) {
    const starts = [0];
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c === 13 /* \r */) {
        if (text.charCodeAt(i + 1) === 10) i++;
        starts.push(i + 1);
      } else if (c === 10 /* \n */) {
        starts.push(i + 1);
      }
    }
    this.starts = starts;
  }

  positionAt(offset: number): Position {
    const o = Math.max(0, Math.min(offset, this.text.length));
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.starts[mid] <= o) lo = mid;
      else hi = mid - 1;
    }
    // Between the `\r` and `\n` of a line break: the end of the line, as `TextDocument` answers.
    let at = o;
    while (at > this.starts[lo] && isLineBreak(this.text.charCodeAt(at - 1))) at--;
    return { line: lo, character: at - this.starts[lo] };
  }

  offsetAt(position: Position): number {
    if (position.line < 0) return 0;
    if (position.line >= this.starts.length) return this.text.length;
    const start = this.starts[position.line];
    // A character past the end of the line stops before its line break.
    let end = position.line + 1 < this.starts.length ? this.starts[position.line + 1] : this.text.length;
    if (end > start && this.text.charCodeAt(end - 1) === 10) end--;
    if (end > start && this.text.charCodeAt(end - 1) === 13) end--;
    return Math.max(start, Math.min(start + Math.max(0, position.character), end));
  }
}

function isLineBreak(c: number): boolean {
  return c === 10 || c === 13;
}

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
