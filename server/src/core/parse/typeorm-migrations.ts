/**
 * TypeORM migration files (`src/migrations/1700000000000-Init.ts`: a class implementing MigrationInterface): the SQL
 * its `up()` runs through `queryRunner.query("…")`, with spans into the TypeScript file, so the migrations of a
 * TypeORM project replay like SQL migrations and findings land on the string that holds the statement.
 *
 * Syntax only (the TypeScript parser through `typescript()`, loaded on first use); nothing is evaluated. Read: the
 * first argument of every `.query(…)` call inside `up` (any receiver: `queryRunner`, `this.queryRunner`,
 * `queryRunner.manager`) when it is a string literal or a template without `${}`. Not read: `down()` (it undoes `up`),
 * a template with `${}` or any other expression (its SQL is not known without running it: recorded in `skipped`), the
 * schema-builder API (`queryRunner.createTable(new Table({…}))`), SQL built in helper functions `up` calls.
 */
import type * as TS from 'typescript';
import type { Dialect, Span } from '../model/types';
import { relocate, type ParsedFile, type ParsedStatement, type StatementCache } from './file';
import { split } from './split';
import { collectComments } from './ts-comments';
import { typescript } from './ts-api';

export interface MigrationQuery {
  /** The SQL: the string's value, escapes decoded. */
  text: string;
  /** The literal's contents in the file (between its quotes). */
  span: Span;
  /**
   * The file offset of each character of `text`, and of its end (length `text.length + 1`). Only when escapes make
   * the value differ from the source (`\"`, `` \` ``, `\n`); otherwise character i is at `span.start + i`.
   */
  offsets?: number[];
}

export interface TypeormMigration {
  /** The `.query()` strings of `up()`, in source order (one string may hold several statements). */
  statements: MigrationQuery[];
  /** `.query()` arguments in `up()` whose text is not a literal: a template with `${}`, a concatenation, a variable. */
  skipped: Span[];
  /**
   * TypeORM's order key: the 13-digit timestamp that ends the migration's `name` property or, without one, its class
   * name (TypeORM refuses a migration without it). Undefined when neither ends in one.
   */
  timestamp?: string;
  /** Every comment of the file (for `// schemawise-ignore`). */
  comments: Span[];
}

/** A NUL in the first 8 KB: a binary file, which TypeScript would read as noise. */
const BINARY_PROBE = 8192;

/** Reads one migration file. Never throws: what cannot be read is left out. */
export function readTypeormMigration(path: string, text: string): TypeormMigration {
  const out: TypeormMigration = { statements: [], skipped: [], comments: [] };
  if (text.slice(0, BINARY_PROBE).includes('\0')) return out;
  try {
    const ts = typescript();
    const sf = ts.createSourceFile(path, text, { languageVersion: ts.ScriptTarget.Latest, jsDocParsingMode: ts.JSDocParsingMode.ParseNone }, false, scriptKind(ts, path));
    const visit = (n: TS.Node): void => {
      if (ts.isClassDeclaration(n) || ts.isClassExpression(n)) readClass(ts, sf, n, out);
      else ts.forEachChild(n, visit);
    };
    visit(sf);
    out.comments = collectComments(sf);
  } catch {
    // The parser recovers from any text; this guards the walk over what it made of it.
  }
  return out;
}

function scriptKind(ts: typeof TS, path: string): TS.ScriptKind {
  return /\.[cm]?js$/i.test(path) ? ts.ScriptKind.JS : ts.ScriptKind.TS;
}

function readClass(ts: typeof TS, sf: TS.SourceFile, c: TS.ClassLikeDeclaration, out: TypeormMigration): void {
  let up: TS.Node | undefined;
  let name: string | undefined;
  for (const m of c.members) {
    const key = m.name && (ts.isIdentifier(m.name) || ts.isStringLiteral(m.name)) ? m.name.text : undefined;
    if (key === 'up' && ts.isMethodDeclaration(m) && m.body) up = m.body;
    // `up = async (queryRunner) => { … }`
    else if (key === 'up' && ts.isPropertyDeclaration(m) && m.initializer && (ts.isArrowFunction(m.initializer) || ts.isFunctionExpression(m.initializer))) up = m.initializer.body;
    else if (key === 'name' && ts.isPropertyDeclaration(m) && m.initializer && ts.isStringLiteralLike(m.initializer)) name = m.initializer.text;
  }
  if (!up) return;
  // The name TypeORM orders by: `name`, else the class's own (`export class Init1700000000000`).
  const stamp = /\d{13}$/.exec(name ?? c.name?.text ?? '')?.[0];
  if (stamp && out.timestamp === undefined) out.timestamp = stamp;
  const visit = (n: TS.Node): void => {
    if (ts.isCallExpression(n) && ts.isPropertyAccessExpression(n.expression) && n.expression.name.text === 'query' && n.arguments.length > 0) {
      const arg = n.arguments[0];
      const q = literal(ts, sf, arg);
      if (q) out.statements.push(q);
      else out.skipped.push({ start: arg.getStart(sf), end: arg.end });
    }
    ts.forEachChild(n, visit);
  };
  visit(up);
}

/** The SQL of a string literal or a template without substitutions, with where each character is in the file. */
function literal(ts: typeof TS, sf: TS.SourceFile, e: TS.Expression): MigrationQuery | undefined {
  while (ts.isParenthesizedExpression(e) || ts.isAsExpression(e)) e = e.expression;
  if (!ts.isStringLiteral(e) && !ts.isNoSubstitutionTemplateLiteral(e)) return undefined;
  const start = e.getStart(sf) + 1;
  const end = e.end - 1;
  if (end < start) return undefined;
  const cooked = cook(sf.text, start, end, ts.isNoSubstitutionTemplateLiteral(e));
  // Our decoding must agree with the parser's (it does for any valid literal); if not, the offsets would lie.
  if (!cooked || cooked.text !== e.text) return undefined;
  const q: MigrationQuery = { text: cooked.text, span: { start, end } };
  if (cooked.offsets) q.offsets = cooked.offsets;
  return q;
}

const SIMPLE_ESCAPES: Record<string, string> = { n: '\n', t: '\t', r: '\r', b: '\b', f: '\f', v: '\v', '0': '\0' };

/**
 * Decodes the contents of a string literal or template, `text[start, end)`, recording each character's offset. A
 * template's raw CR LF (and lone CR) is LF in its value.
 */
function cook(text: string, start: number, end: number, template: boolean): { text: string; offsets?: number[] } | undefined {
  const raw = text.slice(start, end);
  if (!raw.includes('\\') && !(template && raw.includes('\r'))) return { text: raw };
  let value = '';
  const offsets: number[] = [];
  const put = (s: string, at: number) => {
    for (let k = 0; k < s.length; k++) offsets.push(at);
    value += s;
  };
  let i = start;
  while (i < end) {
    const c = text[i];
    if (c === '\r' && template) {
      put('\n', i);
      i += text[i + 1] === '\n' ? 2 : 1;
      continue;
    }
    if (c !== '\\') {
      put(c, i);
      i++;
      continue;
    }
    const e = text[i + 1];
    if (e === undefined) break;
    if (e === '\r' || e === '\n' || e === '\u2028' || e === '\u2029') {
      // A line continuation: nothing.
      i += e === '\r' && text[i + 2] === '\n' ? 3 : 2;
    } else if (e in SIMPLE_ESCAPES && !(e === '0' && /[0-9]/.test(text[i + 2] ?? ''))) {
      put(SIMPLE_ESCAPES[e], i);
      i += 2;
    } else if (e === 'x' && /^[0-9a-fA-F]{2}$/.test(text.slice(i + 2, i + 4))) {
      put(String.fromCharCode(parseInt(text.slice(i + 2, i + 4), 16)), i);
      i += 4;
    } else if (e === 'u' && text[i + 2] === '{') {
      const close = text.indexOf('}', i + 3);
      const code = close > 0 ? parseInt(text.slice(i + 3, close), 16) : NaN;
      if (!Number.isFinite(code) || code > 0x10ffff) return undefined;
      put(String.fromCodePoint(code), i);
      i = close + 1;
    } else if (e === 'u' && /^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6))) {
      put(String.fromCharCode(parseInt(text.slice(i + 2, i + 6), 16)), i);
      i += 6;
    } else {
      // `\'`, `\"`, `` \` ``, `\\`, `\$` and any other character: itself.
      put(e, i);
      i += 2;
    }
  }
  offsets.push(end);
  return { text: value, offsets };
}

/** The file offset of character `i` of a query's text (`i` may be `text.length`: its end). */
export function fileOffset(q: MigrationQuery, i: number): number {
  if (!q.offsets) return q.span.start + i;
  return q.offsets[Math.max(0, Math.min(i, q.offsets.length - 1))];
}

/**
 * A migration file as the replay reads it: each `.query()` string split into statements, each parsed (through the
 * shared cache, `schema` mode) and its facts' spans moved to where that text is in the TypeScript file.
 * `source: 'typeorm'` so suppressions are read from the file's `//` comments.
 */
export function parseTypeormMigration(path: string, text: string, dialect: Dialect, cache: StatementCache): ParsedFile {
  const read = readTypeormMigration(path, text);
  const statements: ParsedStatement[] = [];
  for (const q of read.statements) {
    for (const st of split(q.text, dialect).statements) {
      const at = (o: number) => fileOffset(q, st.span.start + o);
      const parsed = cache.get(dialect, st.text, 'schema');
      const spans: Span[] = [];
      statements.push({
        file: path,
        text: st.text,
        span: { start: at(0), end: at(st.text.length) },
        facts: relocate(parsed.facts, at, path, spans),
        spans,
        status: parsed.status,
        parser: parsed.parser,
        parseError: parsed.parseError,
        leadingComments: st.leadingComments.map((c) => ({ start: fileOffset(q, c.start), end: fileOffset(q, c.end) })),
      });
    }
  }
  return { path, text, dialect, statements, comments: read.comments, source: 'typeorm' };
}
