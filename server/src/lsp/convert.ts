/**
 * Core results → LSP shapes: diagnostics (with rule-doc links and related locations) and code actions
 * (rule fixes plus the two suppression comments).
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  CodeAction,
  CodeActionKind,
  DiagnosticSeverity,
  type Diagnostic as LspDiagnostic,
  type DiagnosticRelatedInformation,
  type Range,
  type TextEdit as LspTextEdit,
  type WorkspaceEdit,
} from 'vscode-languageserver';
import type { Diagnostic, Fix, Severity, TextEdit } from '../core/api';
import { ignoreFileEdit, ignoreNextEdit } from '../core/suppress';
import type { Dialect } from '../core/model/types';
import { ruleDocsDir } from '../node/docs';
import { ruleById } from '../core/rules/registry';
import { rangeOf, type PositionSource } from './positions';

export const SOURCE = 'schemawise';

/** Resolves a core path to its URI and a position source for its current text (undefined: unknown file). */
export type FileResolver = (path: string) => { uri: string; positions: PositionSource; text: string } | undefined;

const SEVERITY: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  info: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

export function toLspDiagnostic(d: Diagnostic, positions: PositionSource, resolve: FileResolver): LspDiagnostic {
  const out: LspDiagnostic = {
    range: rangeOf(positions, d.start, d.end),
    severity: SEVERITY[d.severity] ?? DiagnosticSeverity.Warning,
    code: d.ruleId,
    source: SOURCE,
    // The remedy shows in the Problems panel for errors, warnings and infos. Hints are faint dots whose hover links the
    // rule's doc: without the help, a dump with hundreds of them publishes half the bytes on every keystroke.
    message: d.help && d.severity !== 'hint' ? `${d.message}\n${d.help}` : d.message,
  };
  const href = ruleDocHref(d.ruleId);
  if (href) out.codeDescription = { href };
  if (d.related && d.related.length > 0) {
    const related: DiagnosticRelatedInformation[] = [];
    for (const r of d.related) {
      const f = resolve(r.file);
      if (!f) continue;
      related.push({ location: { uri: f.uri, range: rangeOf(f.positions, r.start, r.end) }, message: r.message });
    }
    if (related.length > 0) out.relatedInformation = related;
  }
  return out;
}

const sameRange = (a: Range, b: Range) =>
  a.start.line === b.start.line && a.start.character === b.start.character && a.end.line === b.end.line && a.end.character === b.end.character;

/** Are two published diagnostics (as `toLspDiagnostic` makes them) equal? */
export function sameLspDiagnostic(a: LspDiagnostic, b: LspDiagnostic): boolean {
  return (
    a === b ||
    (sameRange(a.range, b.range) &&
      a.message === b.message &&
      a.code === b.code &&
      a.severity === b.severity &&
      a.codeDescription?.href === b.codeDescription?.href &&
      sameList(a.relatedInformation, b.relatedInformation, (x, y) => x.message === y.message && x.location.uri === y.location.uri && sameRange(x.location.range, y.location.range)))
  );
}

/**
 * Puts in `next` the objects of `prev` that equal it in place, over the common head and the common tail of the two
 * lists (an edit changes a few diagnostics in the middle): unchanged diagnostics stay the same objects from one
 * publish to the next.
 */
export function reuseEqual(next: LspDiagnostic[], prev: readonly LspDiagnostic[]): void {
  let i = 0;
  for (; i < next.length && i < prev.length && sameLspDiagnostic(next[i], prev[i]); i++) next[i] = prev[i];
  for (let j = 1; j <= next.length - i && j <= prev.length - i && sameLspDiagnostic(next[next.length - j], prev[prev.length - j]); j++) next[next.length - j] = prev[prev.length - j];
}

/** Structural equality of two core diagnostic lists (cheaper than converting and comparing LSP shapes). */
export function sameDiagnostics(a: readonly Diagnostic[], b: readonly Diagnostic[]): boolean {
  if (a === b) return true;
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) {
    const x = a[i];
    const y = b[i];
    if (
      x.start !== y.start ||
      x.end !== y.end ||
      x.ruleId !== y.ruleId ||
      x.severity !== y.severity ||
      x.message !== y.message ||
      x.help !== y.help ||
      !sameList(x.related, y.related, (p, q) => p.file === q.file && p.start === q.start && p.end === q.end && p.message === q.message) ||
      !sameList(x.fixes, y.fixes, sameFix)
    ) {
      return false;
    }
  }
  return true;
}

function sameFix(p: Fix, q: Fix): boolean {
  return p.title === q.title && p.safe === q.safe && sameList(p.edits, q.edits, sameEdit);
}

function sameEdit(p: TextEdit, q: TextEdit): boolean {
  return p.file === q.file && p.start === q.start && p.end === q.end && p.newText === q.newText;
}

function sameList<T>(a: readonly T[] | undefined, b: readonly T[] | undefined, eq: (x: T, y: T) => boolean): boolean {
  const la = a?.length ?? 0;
  const lb = b?.length ?? 0;
  if (la !== lb) return false;
  for (let i = 0; i < la; i++) if (!eq(a![i], b![i])) return false;
  return true;
}

const hrefs = new Map<string, string | undefined>();

/** `file://` link to the rule's doc shipped with the extension (`docs/rules/<id>.md`), if the docs are there. */
export function ruleDocHref(ruleId: string): string | undefined {
  let href = hrefs.get(ruleId);
  if (href === undefined && !hrefs.has(ruleId)) {
    const dir = ruleDocsDir();
    // Only rules have docs; engine diagnostics (unknown-rule-id, not-analysed) get no link rather than a broken one.
    const file = dir && /^[a-z0-9]+(?:-[a-z0-9]+)*$/.test(ruleId) ? join(dir, `${ruleId}.md`) : undefined;
    href = file && existsSync(file) ? pathToFileURL(file).href : undefined;
    hrefs.set(ruleId, href);
  }
  return href;
}

/**
 * Quick fixes for one core diagnostic: its rule fixes (safe ones preferred, unsafe ones titled as
 * suggestions), then "ignore for this statement" and "ignore in this file".
 */
export function codeActionsFor(
  d: Diagnostic,
  lsp: LspDiagnostic,
  text: string,
  resolve: FileResolver,
  dialect: Dialect,
): CodeAction[] {
  const actions: CodeAction[] = [];
  for (const fix of d.fixes) {
    const edit = toWorkspaceEdit(fix.edits, resolve);
    if (!edit) continue;
    const action = CodeAction.create(fix.safe ? fix.title : `Suggestion: ${fix.title}`, edit, CodeActionKind.QuickFix);
    action.diagnostics = [lsp];
    if (fix.safe) action.isPreferred = true;
    actions.push(action);
  }
  const self = resolve(d.file);
  // Suppressing is for rule findings; an unknown id in a suppression comment is fixed by correcting it.
  if (!self || !(ruleById(d.ruleId) || d.ruleId === 'not-analysed')) return actions;
  const next = toWorkspaceEdit([ignoreNextEdit(d.file, text, d.start, d.ruleId)], resolve);
  if (next) {
    const a = CodeAction.create(`Ignore \`${d.ruleId}\` for this statement`, next, CodeActionKind.QuickFix);
    a.diagnostics = [lsp];
    actions.push(a);
  }
  const whole = toWorkspaceEdit([ignoreFileEdit(d.file, text, d.ruleId, dialect)], resolve);
  if (whole) {
    const a = CodeAction.create(`Ignore \`${d.ruleId}\` in this file`, whole, CodeActionKind.QuickFix);
    a.diagnostics = [lsp];
    actions.push(a);
  }
  return actions;
}

export function toWorkspaceEdit(edits: readonly TextEdit[], resolve: FileResolver): WorkspaceEdit | undefined {
  const changes: Record<string, LspTextEdit[]> = {};
  for (const e of edits) {
    const f = resolve(e.file);
    if (!f) return undefined;
    (changes[f.uri] ??= []).push({ range: rangeOf(f.positions, e.start, e.end), newText: e.newText });
  }
  return Object.keys(changes).length > 0 ? { changes } : undefined;
}
