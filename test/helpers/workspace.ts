/** Test helpers: run the analyzer on in-memory files, apply fixes, read caret annotations. */
import { Analyzer } from '../../server/src/core/engine';
import { defaultConfig, mergeConfig } from '../../server/src/core/config';
import type { AnalysisResult, Config, Diagnostic, Fix, SourceFile } from '../../server/src/core/api';

let ready: Promise<void> | undefined;
export function initCore(): Promise<void> {
  return (ready ??= Analyzer.init());
}

export function analyze(files: Record<string, string>, config: Partial<Config> = {}, analyzer = new Analyzer()): AnalysisResult {
  const list: SourceFile[] = Object.entries(files).map(([path, text]) => ({ path, text }));
  return analyzer.analyze(list, mergeConfig(defaultConfig(), config));
}

export function allDiagnostics(r: AnalysisResult): Diagnostic[] {
  return [...r.diagnostics.values()].flat();
}

/** Applies a fix's edits (sorted from the end so offsets stay valid). */
export function applyFix(files: Record<string, string>, fix: Fix): Record<string, string> {
  const out = { ...files };
  const edits = [...fix.edits].sort((a, b) => b.start - a.start);
  for (const e of edits) {
    const t = out[e.file];
    if (t === undefined) throw new Error(`fix edits unknown file ${e.file}`);
    out[e.file] = t.slice(0, e.start) + e.newText + t.slice(e.end);
  }
  return out;
}

export interface LineCol {
  line: number;
  col: number;
}

export function lineColOf(text: string, offset: number): LineCol {
  let line = 0;
  let ls = 0;
  for (let i = text.indexOf('\n'); i >= 0 && i < offset; i = text.indexOf('\n', i + 1)) {
    line++;
    ls = i + 1;
  }
  return { line, col: offset - ls };
}

/** `path:line:startCol-endCol rule-id` (0-based line and columns; multi-line ranges end with `+N`). */
export function diagKey(text: string, d: Pick<Diagnostic, 'file' | 'start' | 'end' | 'ruleId'>): string {
  const a = lineColOf(text, d.start);
  const b = lineColOf(text, d.end);
  const end = b.line === a.line ? `${b.col}` : `${b.col}+${b.line - a.line}`;
  return `${d.file}:${a.line + 1}:${a.col}-${end} ${d.ruleId}`;
}

/**
 * Caret annotations: a comment line of carets marks a range on the nearest code line above it.
 *   customer_id bigint REFERENCES customers (id)
 * --^^^^^^^^^^^ unindexed-foreign-key
 * `#` (MySQL) and `//` (Prisma, TypeScript) comments work too, and several annotation lines may follow one code line.
 */
const ANNOTATION = /^(\s*(?:--|#|\/\/)\s*)(\^+)\s+([a-z0-9-]+)\s*$/;

export function expectedKeys(path: string, text: string): string[] {
  const lines = text.split('\n');
  const out: string[] = [];
  let target = -1;
  for (let i = 0; i < lines.length; i++) {
    const m = ANNOTATION.exec(lines[i].replace(/\r$/, ''));
    if (!m) {
      target = i;
      continue;
    }
    if (target < 0) throw new Error(`${path}:${i + 1}: annotation with no code line above it`);
    const col = m[1].length;
    out.push(`${path}:${target + 1}:${col}-${col + m[2].length} ${m[3]}`);
  }
  return out;
}
