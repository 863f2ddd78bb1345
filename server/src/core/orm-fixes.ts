/**
 * Fix writers for ORM sources: what a rule asks of FixBuilder (add an index, remove one, change a column's type,
 * make it NOT NULL) written in Prisma schema language or as TypeORM decorators, at the spans the readers recorded
 * (parse/prisma.ts, parse/typeorm.ts). A request a source cannot express (an expression index, an identity column in
 * Prisma, the type of a column a relation creates) gets no fix rather than a wrong one.
 */
import type * as TS from 'typescript';
import { typescript } from './parse/ts-api';
import type { Fix, TextEdit } from './api';
import type { Dialect, IndexDef, Span } from './model/types';
import type { Column, Table } from './model/schema';
import { findColumn } from './model/schema';
import type { ParsedFile } from './parse/file';

export interface KeySpec {
  column?: string;
  expression?: string;
  desc?: boolean;
}

function lineStartOf(text: string, at: number): number {
  return text.lastIndexOf('\n', at - 1) + 1;
}

function indentAt(text: string, at: number): string {
  const start = lineStartOf(text, at);
  const before = text.slice(start, at);
  return /^[ \t]*$/.test(before) ? before : (/^[ \t]*/.exec(before)?.[0] ?? '');
}

/** The span to delete for a node written alone on its line(s): the whole lines; else the node and the blanks before it. */
function removal(text: string, span: Span): Span {
  const start = lineStartOf(text, span.start);
  const nl = text.indexOf('\n', span.end);
  const end = nl < 0 ? text.length : nl + 1;
  if (/^[ \t]*$/.test(text.slice(start, span.start)) && /^[ \t]*\r?$/.test(text.slice(span.end, nl < 0 ? text.length : nl))) return { start, end };
  let s = span.start;
  while (s > 0 && (text[s - 1] === ' ' || text[s - 1] === '\t')) s--;
  return { start: s, end: span.end };
}

/** A field's or property's name as written (its `name` part), for a column of `table`. */
function writtenName(pf: ParsedFile, table: Table, column: string): string | undefined {
  const c = findColumn(table, column);
  const name = c?.origin.file === pf.path ? c.origin.parts?.name : undefined;
  return name ? pf.text.slice(name.start, name.end) : undefined;
}

/** `numeric(12,2)` → { name: 'numeric', args: [12, 2] }. */
function sqlType(t: string): { name: string; args: number[] } | undefined {
  const m = /^\s*([a-z][a-z ]*?)\s*(?:\(\s*(\d+)\s*(?:,\s*(\d+)\s*)?\))?\s*$/i.exec(t);
  if (!m) return undefined;
  return { name: m[1].toLowerCase(), args: [m[2], m[3]].filter((x) => x !== undefined).map(Number) };
}

// ---------------------------------------------------------------------------------------------------------
// Prisma

export function prismaAddIndex(pf: ParsedFile, table: Table, keys: KeySpec[]): Fix | undefined {
  if (table.origin.file !== pf.path) return undefined;
  const fields: string[] = [];
  for (const k of keys) {
    const name = k.column !== undefined ? writtenName(pf, table, k.column) : undefined;
    if (!name) return undefined;
    fields.push(k.desc ? `${name}(sort: Desc)` : name);
  }
  const close = table.origin.span.end - 1;
  if (pf.text[close] !== '}') return undefined;
  const lineStart = lineStartOf(pf.text, close);
  const last = table.columns.filter((c) => c.origin.file === pf.path).map((c) => c.origin.span.start).sort((a, b) => b - a)[0];
  const indent = last !== undefined ? indentAt(pf.text, last) : '  ';
  const attr = `@@index([${fields.join(', ')}])`;
  const edit: TextEdit = /^[ \t]*$/.test(pf.text.slice(lineStart, close))
    ? { file: pf.path, start: lineStart, end: lineStart, newText: `${indent}${attr}\n` }
    : { file: pf.path, start: close, end: close, newText: `\n${indent}${attr}\n` };
  return { title: `Add \`${attr}\` to model \`${pf.text.slice(table.origin.parts?.name?.start ?? 0, table.origin.parts?.name?.end ?? 0) || table.name.name}\``, safe: true, edits: [edit] };
}

export function prismaRemove(pf: ParsedFile, index: IndexDef, title: string): Fix | undefined {
  const span = removal(pf.text, index.origin.span);
  return { title, safe: false, edits: [{ file: pf.path, start: span.start, end: span.end, newText: '' }] };
}

/** The Prisma scalar and native type attribute for an SQL type a rule proposes; undefined when Prisma cannot say it. */
function prismaTypeFor(newType: string, column: Column, dialect: Dialect): { scalar: string; native?: string } | undefined {
  const t = sqlType(newType);
  if (!t) return undefined;
  const [a, b] = t.args;
  switch (t.name) {
    case 'numeric':
    case 'decimal':
      return { scalar: 'Decimal', native: a !== undefined ? `@db.Decimal(${a}, ${b ?? 0})` : undefined };
    case 'bigint':
    case 'bigserial':
    case 'serial8':
      return { scalar: 'BigInt' };
    case 'timestamptz':
    case 'timestamp with time zone':
      return dialect === 'postgresql' ? { scalar: 'DateTime', native: `@db.Timestamptz(${a ?? column.type.precision ?? column.type.length ?? 3})` } : undefined;
    case 'datetime':
      // MySQL: Prisma's own DateTime mapping is datetime(3).
      return dialect === 'mysql' ? { scalar: 'DateTime', native: a !== undefined ? `@db.DateTime(${a})` : undefined } : undefined;
    case 'jsonb':
      return dialect === 'postgresql' ? { scalar: 'Json' } : undefined;
    case 'json':
      return { scalar: 'Json', native: dialect === 'postgresql' ? '@db.Json' : undefined };
    case 'text':
      return { scalar: 'String', native: dialect === 'postgresql' ? undefined : '@db.Text' };
    case 'varchar':
    case 'character varying':
      return { scalar: 'String', native: a !== undefined ? `@db.VarChar(${a})` : undefined };
    default:
      return undefined;
  }
}

export function prismaChangeType(pf: ParsedFile, column: Column, newType: string, title: string, dialect: Dialect): Fix | undefined {
  const type = column.origin.parts?.type;
  if (!type || column.origin.file !== pf.path) return undefined;
  const target = prismaTypeFor(newType, column, dialect);
  if (!target) return undefined;
  const text = pf.text;
  const edits: TextEdit[] = [];
  if (text.slice(type.start, type.end) !== target.scalar) edits.push({ file: pf.path, start: type.start, end: type.end, newText: target.scalar });
  const native = column.origin.parts?.nativeType;
  if (native) {
    if (target.native) edits.push({ file: pf.path, start: native.start, end: native.end, newText: target.native });
    else {
      let s = native.start;
      while (s > 0 && (text[s - 1] === ' ' || text[s - 1] === '\t')) s--;
      edits.push({ file: pf.path, start: s, end: native.end, newText: '' });
    }
  } else if (target.native) {
    // After the type and its `?` / `[]` modifiers.
    const mod = /^(?:\?|\[\])?/.exec(text.slice(type.end, type.end + 2))![0];
    const at = type.end + mod.length;
    edits.push({ file: pf.path, start: at, end: at, newText: ' ' + target.native });
  }
  if (!edits.length) return undefined;
  // The title shows what is written in the schema, not the SQL type it stands for.
  const field = column.origin.parts?.name;
  const name = field ? text.slice(field.start, field.end) : column.name;
  return { title: `Change \`${name}\` to \`${target.scalar}${target.native ? ' ' + target.native : ''}\``, safe: false, edits };
}

export function prismaAddNotNull(pf: ParsedFile, column: Column, title: string): Fix | undefined {
  const type = column.origin.parts?.type;
  if (!type || column.origin.file !== pf.path || pf.text[type.end] !== '?') return undefined;
  return { title, safe: false, edits: [{ file: pf.path, start: type.end, end: type.end + 1, newText: '' }] };
}

// ---------------------------------------------------------------------------------------------------------
// TypeORM

/** Adds `Index` to the file's `import { … } from 'typeorm'` when missing. */
function importIndex(pf: ParsedFile): TextEdit[] {
  const m = /import\s*(?:type\s+)?\{([^}]*)\}\s*from\s*['"]typeorm['"]/.exec(pf.text);
  if (!m) return [{ file: pf.path, start: 0, end: 0, newText: `import { Index } from 'typeorm';\n` }];
  if (/(?:^|[\s,])Index(?:$|[\s,])/.test(m[1])) return [];
  const trimmed = m[1].replace(/\s+$/, '');
  const at = m.index + m[0].indexOf('{') + 1 + trimmed.length;
  return [{ file: pf.path, start: at, end: at, newText: `${trimmed.endsWith(',') ? ' ' : ', '}Index` }];
}

/**
 * `@Index()` on the relation property of a single-column foreign key (`near`), else `@Index([...])` on the class
 * over the properties of `keys`.
 */
export function typeormAddIndex(pf: ParsedFile, table: Table, keys: KeySpec[], near?: { origin: { file: string; span: Span; parts?: { decorator?: Span } } }): Fix | undefined {
  if (keys.some((k) => k.column === undefined)) return undefined;
  const text = pf.text;
  if (near?.origin.file === pf.path && near.origin.parts?.decorator && keys.length === 1 && !keys[0].desc) {
    const at = near.origin.span.start;
    const edits = [{ file: pf.path, start: at, end: at, newText: `@Index()\n${indentAt(text, at)}` }, ...importIndex(pf)];
    const prop = writtenName(pf, table, keys[0].column!) ?? keys[0].column!;
    return { title: `Add \`@Index()\` to \`${prop}\``, safe: true, edits };
  }
  if (table.origin.file !== pf.path) return undefined;
  const names: string[] = [];
  for (const k of keys) {
    const name = writtenName(pf, table, k.column!);
    if (!name || k.desc) return undefined;
    names.push(`'${name}'`);
  }
  const at = table.origin.span.start;
  const attr = `@Index([${names.join(', ')}])`;
  const edits = [{ file: pf.path, start: at, end: at, newText: `${attr}\n${indentAt(text, at)}` }, ...importIndex(pf)];
  return { title: `Add \`${attr}\` to \`${table.name.name}\``, safe: true, edits };
}

export function typeormRemove(pf: ParsedFile, index: IndexDef, title: string): Fix | undefined {
  const span = removal(pf.text, index.origin.span);
  return { title, safe: false, edits: [{ file: pf.path, start: span.start, end: span.end, newText: '' }] };
}

const COLUMN_DECORATORS = new Set(['Column', 'PrimaryColumn', 'PrimaryGeneratedColumn', 'CreateDateColumn', 'UpdateDateColumn', 'DeleteDateColumn', 'VersionColumn']);

/** A decorator's call, parsed on its own text (syntax only). */
function decoratorCall(text: string): { name: string; args: readonly TS.Expression[]; src: TS.SourceFile } | undefined {
  const ts = typescript();
  const src = ts.createSourceFile('decorator.ts', text.replace(/^@/, ''), ts.ScriptTarget.Latest, false, ts.ScriptKind.TS);
  const st = src.statements[0];
  if (src.statements.length !== 1 || !st || !ts.isExpressionStatement(st) || !ts.isCallExpression(st.expression)) return undefined;
  const callee = st.expression.expression;
  if (!ts.isIdentifier(callee)) return undefined;
  return { name: callee.text, args: st.expression.arguments, src };
}

/** `numeric(12,2)` → TypeORM's type name and options. */
function typeormTypeFor(newType: string): { type: string; options: Record<string, number> } | undefined {
  const t = sqlType(newType);
  if (!t) return undefined;
  const [a, b] = t.args;
  if (t.name === 'numeric' || t.name === 'decimal') return { type: 'decimal', options: a !== undefined ? { precision: a, scale: b ?? 0 } : {} };
  if (t.name === 'bigserial' || t.name === 'serial8') return { type: 'bigint', options: {} };
  if (t.name === 'varchar' || t.name === 'character varying' || t.name === 'char') return { type: t.name, options: a !== undefined ? { length: a } : {} };
  if (/^(?:bigint|integer|int|smallint|timestamptz|timestamp|datetime|jsonb|json|text|uuid|date|boolean)$/.test(t.name)) return { type: t.name, options: {} };
  return undefined;
}

/** Rewrites the column decorator with the new type (and its precision/scale/length), keeping every other option as written. */
export function typeormChangeType(pf: ParsedFile, column: Column, newType: string, title: string): Fix | undefined {
  const span = column.origin.parts?.decorator;
  if (!span || column.origin.file !== pf.path) return undefined;
  const written = pf.text.slice(span.start, span.end);
  const call = decoratorCall(written);
  // serial → identity: TypeORM's own `identity` generation strategy (PostgreSQL 10+).
  const identity = /^\s*(\w+)\s+generated\s+(by\s+default|always)\s+as\s+identity\s*$/i.exec(newType);
  if (identity) {
    if (call?.name !== 'PrimaryGeneratedColumn' || call.args.length > 1 || (call.args[0] && !typescript().isStringLiteralLike(call.args[0]))) return undefined;
    const type = identity[1].toLowerCase() === 'integer' ? '' : `, type: '${identity[1].toLowerCase()}'`;
    const how = /always/i.test(identity[2]) ? 'ALWAYS' : 'BY DEFAULT';
    const newText = `@PrimaryGeneratedColumn('identity', { generatedIdentity: '${how}'${type} })`;
    return { title: `Change \`${propertyName(pf, column)}\` to \`${newText}\``, safe: false, edits: [{ file: pf.path, start: span.start, end: span.end, newText }] };
  }
  const target = typeormTypeFor(newType);
  if (!call || !target || !COLUMN_DECORATORS.has(call.name)) return undefined;
  const ts = typescript();
  const src = call.src;
  let typeArg: string | undefined;
  let strategy: string | undefined;
  let options: TS.ObjectLiteralExpression | undefined;
  for (const a of call.args) {
    if (ts.isStringLiteralLike(a)) {
      if (call.name === 'PrimaryGeneratedColumn') strategy = a.getText(src);
      else typeArg = a.text;
    } else if (ts.isObjectLiteralExpression(a)) options = a;
    else return undefined;
  }
  const replaced = new Set(['type', 'precision', 'scale', 'length', ...Object.keys(target.options)]);
  const kept = (options?.properties ?? [])
    .filter((p) => !(p.name && (ts.isIdentifier(p.name) || ts.isStringLiteral(p.name)) && replaced.has(p.name.text)))
    .map((p) => p.getText(src));
  const added = Object.entries(target.options).map(([k, v]) => `${k}: ${v}`);
  const quote = /"/.test(written) && !/'/.test(written) ? '"' : "'";
  const typeText = `${quote}${target.type}${quote}`;
  let args: string[];
  if (call.name === 'Column' || call.name === 'PrimaryColumn') {
    const props = [...kept, ...added];
    args = [typeText, ...(props.length ? [`{ ${props.join(', ')} }`] : [])];
  } else {
    args = [...(strategy ? [strategy] : []), `{ ${[`type: ${typeText}`, ...kept, ...added].join(', ')} }`];
  }
  if (typeArg === target.type && !added.length) return undefined;
  const newText = `@${call.name}(${args.join(', ')})`;
  return { title: `Change \`${propertyName(pf, column)}\` to \`${newText}\``, safe: false, edits: [{ file: pf.path, start: span.start, end: span.end, newText }] };
}

function propertyName(pf: ParsedFile, column: Column): string {
  const n = column.origin.parts?.name;
  return n ? pf.text.slice(n.start, n.end) : column.name;
}

export function typeormAddNotNull(pf: ParsedFile, column: Column, title: string): Fix | undefined {
  const span = column.origin.parts?.decorator;
  if (!span || column.origin.file !== pf.path) return undefined;
  const m = /\bnullable\s*:\s*true\b/.exec(pf.text.slice(span.start, span.end));
  if (!m) return undefined;
  const at = span.start + m.index + m[0].length - 4;
  return { title, safe: false, edits: [{ file: pf.path, start: at, end: at + 4, newText: 'false' }] };
}
