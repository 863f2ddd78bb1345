/**
 * Suppression comments:
 *   `-- schemawise-ignore <rule-id>[, <rule-id>…] [-- reason]`       the next statement (when the comment leads
 *                                                                    one) or else the next line
 *   `-- schemawise-ignore-file <rule-id>[, …]`                       the whole file
 * `/* … *\/` comments work the same. Unknown ids are reported by the engine.
 */
import type { Dialect, Span } from './model/types';
import { Lexer, lexFlags } from './parse/lexer';
import type { TextEdit } from './api';

export interface Suppression {
  scope: 'next' | 'file';
  ruleIds: string[];
  /** Where the ids are written, up to a `-- reason` or the comment end (new ids are appended at its end). */
  span: Span;
  /** Where each id is written (same order as `ruleIds`). */
  idSpans: Span[];
  /** The comment itself. */
  comment: Span;
}

const DIRECTIVE = /schemawise-ignore(-file)?\b([^\n]*)/;

/** Reads the suppression directive in one comment, if any. */
export function readSuppression(text: string, comment: Span): Suppression | undefined {
  const body = text.slice(comment.start, comment.end);
  const m = DIRECTIVE.exec(body);
  if (!m) return undefined;
  let rest = m[2];
  const reason = rest.indexOf('--');
  if (reason >= 0) rest = rest.slice(0, reason);
  rest = rest.replace(/\*\/\s*$/, '');
  const idsStart = comment.start + m.index + m[0].length - m[2].length;
  const ruleIds: string[] = [];
  const idSpans: Span[] = [];
  for (const w of rest.matchAll(/[^\s,]+/g)) {
    ruleIds.push(w[0]);
    idSpans.push({ start: idsStart + w.index!, end: idsStart + w.index! + w[0].length });
  }
  return {
    scope: m[1] ? 'file' : 'next',
    ruleIds,
    idSpans,
    span: { start: idsStart, end: idsStart + rest.trimEnd().length },
    comment,
  };
}

/**
 * Every suppression directive of a file. The text is lexed, so a directive inside a string literal, a quoted
 * identifier or a dollar-quoted body is never read as one; the directive must be the comment's first word.
 */
export function findSuppressions(text: string, dialect: Dialect): Suppression[] {
  const out: Suppression[] = [];
  if (!text.includes('schemawise-ignore')) return out;
  const lexer = new Lexer(text, lexFlags(dialect));
  for (let t = lexer.next(); t; t = lexer.next()) {
    if (t.kind !== 'comment') continue;
    if (!/^(?:--|#|\/\*)[\s*#-]*schemawise-ignore/.test(text.slice(t.start, Math.min(t.end, t.start + 200)))) continue;
    const s = readSuppression(text, { start: t.start, end: t.end });
    if (s) out.push(s);
  }
  return out;
}

/** The suppression directives among a Prisma or TypeScript file's comments (`// schemawise-ignore …`). */
export function findCommentSuppressions(text: string, comments: readonly Span[]): Suppression[] {
  const out: Suppression[] = [];
  if (!text.includes('schemawise-ignore')) return out;
  for (const c of comments) {
    if (!/^(?:\/\/|\/\*)[\s*/]*schemawise-ignore/.test(text.slice(c.start, Math.min(c.end, c.start + 200)))) continue;
    const s = readSuppression(text, c);
    if (s) out.push(s);
  }
  return out;
}

function lineStart(text: string, offset: number): number {
  const i = text.lastIndexOf('\n', offset - 1);
  return i + 1;
}

/** Prisma and TypeScript/JavaScript files comment with `//`; SQL with `--`. */
function slashComments(file: string): boolean {
  return /\.(?:prisma|[cm]?[jt]sx?)$/i.test(file);
}

/** Edit that inserts `-- schemawise-ignore <id>` (`//` in Prisma and TypeScript) above the line holding `offset`, same indentation. */
export function ignoreNextEdit(file: string, text: string, offset: number, ruleId: string): TextEdit {
  const start = lineStart(text, offset);
  const indent = /^[ \t]*/.exec(text.slice(start, start + 200))![0];
  return { file, start, end: start, newText: `${indent}${slashComments(file) ? '//' : '--'} schemawise-ignore ${ruleId}\n` };
}

/** Edit that adds `ruleId` to the file's first ignore-file directive, or inserts one at the top. */
export function ignoreFileEdit(file: string, text: string, ruleId: string, dialect: Dialect): TextEdit {
  const slash = slashComments(file);
  const existing = slash ? slashFileDirective(text) : findSuppressions(text, dialect).find((x) => x.scope === 'file');
  if (existing && existing.scope === 'file') {
    return { file, start: existing.span.end, end: existing.span.end, newText: `${existing.ruleIds.length ? ',' : ''} ${ruleId}` };
  }
  return { file, start: 0, end: 0, newText: `${slash ? '//' : '--'} schemawise-ignore-file ${ruleId}\n` };
}

/** The first `// schemawise-ignore-file …` line of a Prisma or TypeScript file. */
function slashFileDirective(text: string): Suppression | undefined {
  const m = /^[ \t]*\/\/[ \t]*schemawise-ignore-file\b[^\n]*/m.exec(text);
  if (!m) return undefined;
  const start = m.index + m[0].indexOf('//');
  return readSuppression(text, { start, end: m.index + m[0].length });
}
