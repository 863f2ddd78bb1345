/**
 * Fix builders: rules ask for *what* (add an index on these columns of that table, remove this index); the
 * builder for the entity's source writes the text: SQL here, Prisma and TypeORM in orm-fixes.ts (chosen by the file
 * the fix edits).
 */
import type { Fix, TextEdit } from './api';
import type { Dialect, IndexDef, Span } from './model/types';
import type { Column, Schema, Table } from './model/schema';
import { columnKey, displayName, primaryKey, sameColumn } from './model/schema';
import { makeObjectName } from './model/names';
import type { ParsedFile } from './parse/file';
import type { Locatable } from './rules/types';
import { indexOf, type Reads, type TableIndex } from './model/reads';
import { prismaAddIndex, prismaAddNotNull, prismaChangeType, prismaRemove, typeormAddIndex, typeormAddNotNull, typeormChangeType, typeormRemove } from './orm-fixes';

const RESERVED = new Set(
  (
    'all analyse analyze and any array as asc asymmetric both case cast check collate column constraint create current_catalog current_date ' +
    'current_role current_time current_timestamp current_user default deferrable desc distinct do else end except false fetch for foreign ' +
    'from grant group having in initially intersect into key keys lateral leading limit localtime localtimestamp not null offset on only or ' +
    'order placing primary references returning select session_user some symmetric table then to trailing true union unique user using ' +
    'variadic when where window with index range rank row rows status interval delete update insert replace values condition match'
  ).split(' '),
);

/** What lies between a statement's last token and its `;`: white space and `--` comments, over line breaks. */
const TERMINATOR = /^(?:\s|--[^\n]*(?:\n|$))*;/;

/** A key of an index a fix creates: a column, or an expression as SQL text (`lower(email)`). */
export interface IndexKeySpec {
  column?: string;
  expression?: string;
  desc?: boolean;
}

export function quoteIdent(name: string, dialect: Dialect): string {
  const plain = dialect === 'postgresql' ? /^[a-z_][a-z0-9_$]*$/ : /^[A-Za-z_][A-Za-z0-9_$]*$/;
  if (plain.test(name) && !RESERVED.has(name.toLowerCase())) return name;
  return dialect === 'mysql' ? '`' + name.replace(/`/g, '``') + '`' : '"' + name.replace(/"/g, '""') + '"';
}

/** Just past a statement's `;` (white space and comments between), or its end without one. */
function afterTerminator(text: string, statement: Span): number {
  const semi = TERMINATOR.exec(text.slice(statement.end, statement.end + 500));
  return statement.end + (semi ? semi[0].length : 0);
}

function lineEndAt(text: string, pos: number): number {
  const nl = text.indexOf('\n', pos);
  return nl < 0 ? text.length : nl;
}

/** PG namespace (schema) + constraint name, as keyed by columnKey → the tables that have a constraint of that name. */
const constraintNames: TableIndex = {
  perTable: (_schema, t, add) => {
    for (const c of t.constraints) if (c.name) add((t.name.schema ?? '') + '\u0000' + columnKey(c.name, t.dialect));
  },
};

/** The end of the line past a statement's terminator: as far as the text a fix placed after the statement reads. */
export function lineEndAfterStatement(text: string, statement: Span): number {
  return lineEndAt(text, afterTerminator(text, statement));
}

/**
 * Where a statement added after `statement` goes: on the line after it (past its terminator, which may sit on a
 * line of its own: `)\n;` in some dumps), or right after the terminator when more code follows on that line (then
 * `after` ends the new text with a line break).
 */
function afterStatement(text: string, statement: Span): { at: number; after: string } {
  const pos = afterTerminator(text, statement);
  const lineEnd = lineEndAt(text, pos);
  const rest = text.slice(pos, lineEnd).trim();
  const at = rest === '' || rest.startsWith('--') ? lineEnd : pos;
  return { at, after: at === pos && at !== lineEnd ? '\n' : '' };
}

/** `base`, or when taken `base` with a number appended (cut to fit `max` characters). */
function numbered(base: string, max: number, taken: (name: string) => boolean): string {
  let name = base;
  for (let i = 1; taken(name); i++) name = base.slice(0, max - String(i).length) + i;
  return name;
}

function spanOf(l: Locatable): { file: string; span: Span } {
  return 'origin' in l ? { file: l.origin.file, span: l.origin.span } : l;
}

export class FixBuilder {
  constructor(
    private readonly schema: Schema,
    private readonly files: ReadonlyMap<string, ParsedFile>,
    private readonly isMigration: (file: string) => boolean,
  ) {}

  private records?: Map<Span, Schema['statements'][number]>;

  /**
   * Set by the engine while a per-table rule runs: what the fixes read beyond the table (the replay's records, other
   * tables' names, another file's text) makes its findings depend on the whole schema.
   */
  reads?: Reads;

  /** The replay record of a parsed statement (keyed by its span object, shared by both). */
  record(statementSpan: Span): Schema['statements'][number] | undefined {
    if (this.reads) this.reads.all = true;
    if (!this.records) {
      this.records = new Map();
      for (const r of this.schema.statements) this.records.set(r.span, r);
    }
    return this.records.get(statementSpan);
  }

  /** See RuleContext.tableExistedBeforeFile. */
  tableExistedBeforeFile(at: Locatable): boolean | undefined {
    const { file, span } = spanOf(at);
    if (!this.isMigration(file)) return undefined;
    const st = this.statementAt(file, span.start);
    return st ? this.record(st.span)?.tableExistedBeforeFile : undefined;
  }

  private statementAt(file: string, offset: number) {
    const pf = this.files.get(file);
    if (!pf) return undefined;
    const sts = pf.statements;
    let lo = 0;
    let hi = sts.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const s = sts[mid].span;
      if (offset < s.start) hi = mid - 1;
      else if (offset > s.end) lo = mid + 1;
      else return sts[mid];
    }
    return undefined;
  }

  /** A file's current text (for fixes that reuse what the user wrote). */
  text(file: string): string | undefined {
    return this.files.get(file)?.text;
  }

  /**
   * The table name as written in its CREATE TABLE (keeps the user's quoting and qualification), unless a later
   * rename made that text stale (`CREATE TABLE "_sessions_tmp"` … `RENAME TO sessions`).
   */
  private tableText(table: Table): string {
    const name = table.origin.parts?.name;
    const text = this.files.get(table.origin.file)?.text;
    const written = name && text ? text.slice(name.start, name.end) : undefined;
    const last = written ? /(?:"((?:[^"]|"")*)"|`((?:[^`]|``)*)`|\[([^\]]*)\]|([^."`[\s]+))\s*$/.exec(written) : undefined;
    const bare = last ? (last[1]?.replace(/""/g, '"') ?? last[2]?.replace(/``/g, '`') ?? last[3] ?? (table.dialect === 'postgresql' ? last[4].toLowerCase() : last[4])) : undefined;
    if (written && bare !== undefined && sameColumn(bare, table.name.name, table.dialect)) return written;
    return (table.name.schema ? quoteIdent(table.name.schema, table.dialect) + '.' : '') + quoteIdent(table.name.name, table.dialect);
  }

  private uniqueIndexName(table: Table, columns: string[]): string {
    const max = table.dialect === 'postgresql' ? 63 : 64;
    const base = `${table.name.name}_${columns.join('_')}_idx`.replace(/[^A-Za-z0-9_$]/g, '_').slice(0, max);
    const taken = (n: string) => table.indexes.some((i) => i.name && sameColumn(i.name, n, table.dialect)) || table.constraints.some((c) => c.name && sameColumn(c.name, n, table.dialect));
    return numbered(base, max, taken);
  }

  /**
   * The name a fix gives the foreign key on `table(column)`, unused by the constraints of the table's schema
   * (PostgreSQL picks its default names that way; MySQL requires foreign key names unique per database) and by the
   * table's indexes (MySQL names the index it creates for the key after the constraint).
   * PostgreSQL: its own default, `<table>_<column>_fkey` (`_fkey1`… when taken). MySQL: `fk_<table>_<column>`, more
   * readable than the generated `<table>_ibfk_<n>`.
   */
  foreignKeyName(table: Table, column: string): string {
    const d = table.dialect;
    const same = (a: string | undefined, b: string) => !!a && sameColumn(a, b, d);
    const scope = (table.name.schema ?? '') + '\u0000';
    // Each name tried is a lookup a per-table memo can check again (a name taken or freed elsewhere re-runs the rule).
    const taken = (n: string) => table.indexes.some((i) => same(i.name, n)) || this.lookup(constraintNames, scope + columnKey(n, d)).length > 0;
    if (d === 'postgresql') {
      for (let i = 0; ; i++) {
        const name = makeObjectName(table.name.name, column, i === 0 ? 'fkey' : 'fkey' + i);
        if (!taken(name)) return name;
      }
    }
    return numbered(`fk_${table.name.name}_${column}`.replace(/[^A-Za-z0-9_$]/g, '_').slice(0, 64), 64, taken);
  }

  /** An entry of a whole-schema index, recorded in `reads` while a per-table rule runs. */
  private lookup(index: TableIndex, key: string): readonly string[] {
    this.reads?.indexed.push([index, key]);
    return indexOf(this.schema, index).get(key) ?? [];
  }

  /**
   * Can a fix add statements to this file and have them run? A schema file, or the newest migration (the one being
   * written). An older migration has run wherever it will run: a statement added to it changes no database.
   */
  canAddTo(file: string): boolean {
    // A TypeORM migration class holds its SQL in string literals: no fix writes into them.
    if (this.files.get(file)?.source && this.isMigration(file)) return false;
    return !this.isMigration(file) || this.schema.latestMigration === file;
  }

  /**
   * Adds `CREATE INDEX … ON table (keys);` on the line after the statement that holds `near`.
   * In a PostgreSQL migration that alters a table which existed before the file, the index is built CONCURRENTLY.
   * Not offered in a migration older than the newest one (see `canAddTo`).
   */
  /** The ORM source a file was read from (undefined: SQL). */
  private orm(file: string): ParsedFile | undefined {
    const pf = this.files.get(file);
    return pf?.source && !this.isMigration(file) ? pf : undefined;
  }

  addIndex(table: Table, columns: (string | IndexKeySpec)[], near: Locatable): Fix | undefined {
    const orm = this.orm(table.origin.file);
    if (orm) {
      const keys = columns.map((c) => (typeof c === 'string' ? { column: c } : c));
      return orm.source === 'prisma' ? prismaAddIndex(orm, table, keys) : typeormAddIndex(orm, table, keys, 'origin' in near ? (near as Parameters<typeof typeormAddIndex>[3]) : undefined);
    }
    const { file, span } = spanOf(near);
    if (!this.canAddTo(file)) return undefined;
    const pf = this.files.get(file);
    const st = this.statementAt(file, span.start);
    if (!pf || !st) return undefined;
    const { at, after } = afterStatement(pf.text, st.span);
    const concurrently = table.dialect === 'postgresql' && this.isMigration(file) && this.record(st.span)?.tableExistedBeforeFile === true;
    return this.indexFix(table, columns, file, at, after, concurrently);
  }

  /**
   * Adds an index a query needs where the schema is written: after the table's definition when that file can take
   * it (a schema file, the newest migration), else at the end of the newest migration (CONCURRENTLY in PostgreSQL:
   * the table exists before it).
   */
  addIndexForTable(table: Table, columns: (string | IndexKeySpec)[]): Fix | undefined {
    if (this.orm(table.origin.file)) return this.addIndex(table, columns, table);
    if (this.canAddTo(table.origin.file) && this.files.has(table.origin.file)) return this.addIndex(table, columns, table);
    const end = this.endOfNewestMigration();
    if (!end) return undefined;
    return this.indexFix(table, columns, end.file, end.at, '', table.dialect === 'postgresql', end.before);
  }

  /**
   * Where a statement appended to the newest migration goes: after its last non-blank character, on a line of its
   * own; `before` closes a last statement written without its `;`.
   */
  private endOfNewestMigration(): { file: string; at: number; before: string } | undefined {
    if (this.reads) this.reads.all = true;
    const file = this.schema.latestMigration;
    const pf = file ? this.files.get(file) : undefined;
    if (!file || !pf) return undefined;
    const at = pf.text.replace(/\s+$/, '').length;
    const last = pf.statements[pf.statements.length - 1];
    const open = !!last && last.status !== 'skipped' && !TERMINATOR.test(pf.text.slice(last.span.end, last.span.end + 500));
    return { file, at, before: open ? ';' : '' };
  }

  /**
   * Declares the foreign key `table(column) → target(key)`. Unsafe: it fails on rows whose value has no parent, and
   * it changes what deleting or updating a parent does.
   * - PostgreSQL, MySQL/MariaDB: `ALTER TABLE … ADD CONSTRAINT … FOREIGN KEY …;` on the line after the column's
   *   statement, or after the statement that gives `target` its key when that comes later in the same file (the key
   *   must exist first); when the column's file is an older migration, at the end of the newest one (as
   *   `addIndexForTable`). Not an inline `REFERENCES` in MySQL: 8.0 and earlier parse and ignore it. In a PostgreSQL
   *   migration on a table that existed before the file, `… NOT VALID;` then `VALIDATE CONSTRAINT` (`notValid`):
   *   the rule's help says the VALIDATE belongs in a later migration. Not for a partitioned table then (PostgreSQL
   *   before 18 refuses NOT VALID there).
   * - SQLite cannot add a constraint to a table: ` REFERENCES target (key)` right after the column's type, in its
   *   CREATE TABLE, or in an ADD COLUMN without a default (with foreign keys on, SQLite refuses one with a non-NULL
   *   default), of a file that can take it (see `canAddTo`).
   */
  addForeignKey(table: Table, column: Column, target: Table, key: Column, title: string): { fix: Fix; notValid: boolean } | undefined {
    // An ORM relation needs a relation field (Prisma) or property (TypeORM) with its type: the user's to write.
    if (this.orm(column.origin.file)) return undefined;
    const d = table.dialect;
    const file = column.origin.file;
    const pf = this.files.get(file);
    const editable = !!pf && this.canAddTo(file);
    const st = editable ? this.statementAt(file, column.origin.span.start) : undefined;
    if (d === 'sqlite') {
      const type = column.origin.parts?.type;
      const facts = st ? (this.record(st.span)?.facts ?? []) : [];
      const inCreate = facts.some((f) => f.kind === 'createTable');
      const addedWithNullDefault = facts.some((f) => f.kind === 'alterTable') && (column.default === undefined || /^null$/i.test(column.default.trim()));
      if (!type || !(inCreate || addedWithNullDefault)) return undefined;
      // SQLite's REFERENCES takes a bare table name: no schema qualifier.
      const parent = target.name.schema ? quoteIdent(target.name.name, d) : this.tableText(target);
      const newText = ` REFERENCES ${parent} (${quoteIdent(key.name, d)})`;
      return { fix: { title, safe: false, edits: [{ file, start: type.end, end: type.end, newText }] }, notValid: false };
    }
    let place: { file: string; at: number; before?: string; after: string; notValid: boolean };
    if (st && pf) {
      // The target's key must exist when the statement runs: after its statement when that comes later in the file.
      let anchor = st.span;
      for (const o of [target.origin, primaryKey(target)?.origin]) {
        if (o?.file !== file) continue;
        const s = this.statementAt(file, o.span.start);
        if (s && s.span.start > anchor.start) anchor = s.span;
      }
      const notValid = d === 'postgresql' && this.isMigration(file) && this.record(st.span)?.tableExistedBeforeFile === true;
      place = { file, ...afterStatement(pf.text, anchor), notValid };
    } else {
      const end = this.isMigration(file) ? this.endOfNewestMigration() : undefined;
      if (!end) return undefined;
      place = { ...end, after: '', notValid: d === 'postgresql' };
    }
    if (place.notValid && table.partitioned) return undefined;
    const child = this.tableText(table);
    const name = quoteIdent(this.foreignKeyName(table, column.name), d);
    let sql = `ALTER TABLE ${child} ADD CONSTRAINT ${name} FOREIGN KEY (${quoteIdent(column.name, d)}) REFERENCES ${this.tableText(target)} (${quoteIdent(key.name, d)})`;
    sql += place.notValid ? ` NOT VALID;\nALTER TABLE ${child} VALIDATE CONSTRAINT ${name};` : ';';
    const edit: TextEdit = { file: place.file, start: place.at, end: place.at, newText: (place.before ?? '') + '\n' + sql + place.after };
    return { fix: { title, safe: false, edits: [edit] }, notValid: place.notValid };
  }

  private indexFix(table: Table, columns: (string | IndexKeySpec)[], file: string, at: number, after: string, concurrently: boolean, before = ''): Fix {
    const d = table.dialect;
    const specs = columns.map((c) => (typeof c === 'string' ? { column: c } : c));
    const words = specs.map((k) => k.column ?? (k.expression ?? 'expr').replace(/\W+/g, '_').replace(/^_+|_+$/g, ''));
    const name = this.uniqueIndexName(table, words);
    const keyText = (k: IndexKeySpec) => {
      // MySQL 8.0.13+ functional key parts need their own parentheses; PG and SQLite take `(expr)`.
      const base = k.column !== undefined ? quoteIdent(k.column, d) : d === 'mysql' ? `(${k.expression})` : `(${k.expression})`;
      return base + (k.desc ? ' DESC' : '');
    };
    const sql = `CREATE INDEX ${concurrently ? 'CONCURRENTLY ' : ''}${quoteIdent(name, d)} ON ${this.tableText(table)} (${specs.map(keyText).join(', ')});`;
    const edit: TextEdit = { file, start: at, end: at, newText: before + '\n' + sql + after };
    const label = specs.map((k) => (k.column ?? k.expression) + (k.desc ? ' DESC' : '')).join(', ');
    return { title: `Add index on \`${displayName(table.name)}(${label})\``, safe: true, edits: [edit] };
  }

  /**
   * Removes an index definition: a whole `CREATE INDEX` statement (with its terminator and line), or a `KEY`
   * clause inside CREATE TABLE (with its separating comma). Not offered in a migration older than the newest one:
   * editing an applied migration changes nothing in the database.
   */
  removeIndex(index: IndexDef, title: string): Fix | undefined {
    const file = index.origin.file;
    const orm = this.orm(file);
    if (orm) return orm.source === 'prisma' ? prismaRemove(orm, index, title) : typeormRemove(orm, index, title);
    const pf = this.files.get(file);
    const st = this.statementAt(file, index.origin.span.start);
    if (!pf || !st) return undefined;
    if (!this.canAddTo(file)) return undefined;
    const text = pf.text;
    const { start, end } = index.origin.span;
    if (start === st.span.start && end === st.span.end) {
      let e = end;
      const semi = TERMINATOR.exec(text.slice(e, e + 500));
      if (semi) e += semi[0].length + (/^[ \t]*\r?\n/.exec(text.slice(e + semi[0].length, e + semi[0].length + 200))?.[0].length ?? 0);
      let s = start;
      while (s > 0 && (text[s - 1] === ' ' || text[s - 1] === '\t')) s--;
      return { title, safe: false, edits: [{ file, start: s, end: e, newText: '' }] };
    }
    // Inline clause: remove the preceding comma and whitespace, or the following comma when it is the first item.
    const before = text.slice(st.span.start, start);
    const comma = before.search(/,\s*(?:--[^\n]*\n\s*)*$/);
    if (comma >= 0) return { title, safe: false, edits: [{ file, start: st.span.start + comma, end, newText: '' }] };
    const after = /^\s*,\s*/.exec(text.slice(end, end + 200));
    if (after) return { title, safe: false, edits: [{ file, start, end: end + after[0].length, newText: '' }] };
    return undefined;
  }

  /**
   * Replaces a column's type as written (its `type` span) with `newType`, e.g. `numeric(12,2)`. Always unsafe: it
   * changes what the column stores. Only in a schema file or the newest migration (see `canAddTo`); elsewhere the
   * rule's help should say to ALTER the column in a new migration.
   */
  changeColumnType(column: Column, newType: string, title: string): Fix | undefined {
    // A later ALTER COLUMN … TYPE made the definition's type text stale.
    if (column.typeChangedAt) return undefined;
    const span = column.origin.parts?.type;
    const file = column.origin.file;
    const orm = this.orm(file);
    if (orm) return orm.source === 'prisma' ? prismaChangeType(orm, column, newType, title, this.schema.dialect) : typeormChangeType(orm, column, newType, title);
    if (!span || !this.canAddTo(file) || !this.files.has(file)) return undefined;
    return { title, safe: false, edits: [{ file, start: span.start, end: span.end, newText: newType }] };
  }

  /**
   * Adds `NOT NULL` right after a column's type (valid before DEFAULT, CHECK, REFERENCES in every dialect).
   * Unsafe: it fails on a table that already holds NULLs. Same placement rule as `changeColumnType`.
   */
  addNotNull(column: Column, title: string): Fix | undefined {
    const span = column.origin.parts?.type;
    const file = column.origin.file;
    const orm = this.orm(file);
    if (orm) return column.nullable ? (orm.source === 'prisma' ? prismaAddNotNull(orm, column, title) : typeormAddNotNull(orm, column, title)) : undefined;
    if (!span || !column.nullable || !this.canAddTo(file) || !this.files.has(file)) return undefined;
    return { title, safe: false, edits: [{ file, start: span.end, end: span.end, newText: ' NOT NULL' }] };
  }

  /**
   * Writes `CONCURRENTLY` after `CREATE [UNIQUE] INDEX` or `DROP INDEX` of the PostgreSQL statement at `statement`
   * (before any `IF [NOT] EXISTS`, where the grammar wants it). Safe: the index and the schema come out the same,
   * built or dropped without blocking writes. Only in a file that can still change (see `canAddTo`), and not for
   * `DROP INDEX … CASCADE`, which PostgreSQL refuses to run concurrently. Running outside a transaction block is
   * the caller's to check.
   */
  addConcurrently(file: string, statement: Span, title: string): Fix | undefined {
    if (this.orm(file)) return undefined;
    const text = this.files.get(file)?.text;
    if (text === undefined || !this.canAddTo(file)) return undefined;
    const sql = text.slice(statement.start, statement.end);
    const head = /^(?:CREATE\s+(?:UNIQUE\s+)?INDEX|DROP\s+INDEX)\b/i.exec(sql);
    if (!head || /^\s+CONCURRENTLY\b/i.test(sql.slice(head[0].length))) return undefined;
    if (/^DROP/i.test(sql) && /\bCASCADE\s*$/i.test(sql)) return undefined;
    const at = statement.start + head[0].length;
    return { title, safe: true, edits: [{ file, start: at, end: at, newText: ' CONCURRENTLY' }] };
  }

  /**
   * Splits adding a PostgreSQL CHECK or FOREIGN KEY constraint to a table with rows into its two cheap steps:
   * ` NOT VALID` after the constraint's text (existing rows are not checked: a brief lock), then
   * `ALTER TABLE <table> VALIDATE CONSTRAINT <name>;` on the line after its statement (checks them under SHARE UPDATE
   * EXCLUSIVE, which lets reads and writes go on). `table`: the table name as written in the statement. Unsafe: the
   * rule's help says the VALIDATE belongs in a later migration. Only in a file that can still change (see `canAddTo`).
   */
  addNotValid(constraint: { origin: { file: string; span: Span } }, name: string, table: Span, title: string): Fix | undefined {
    const file = constraint.origin.file;
    if (this.orm(file)) return undefined;
    const text = this.files.get(file)?.text;
    const st = text === undefined || !this.canAddTo(file) ? undefined : this.statementAt(file, constraint.origin.span.start);
    if (text === undefined || !st) return undefined;
    // A last statement written without its `;` gets one before the VALIDATE.
    const closed = TERMINATOR.test(text.slice(st.span.end, st.span.end + 500));
    const { at, after } = closed ? afterStatement(text, st.span) : { at: st.span.end, after: '' };
    const end = constraint.origin.span.end;
    const validate = `ALTER TABLE ${text.slice(table.start, table.end)} VALIDATE CONSTRAINT ${quoteIdent(name, 'postgresql')};`;
    const added = (closed ? '' : ';') + '\n' + validate + after;
    // Two insertions at one offset would depend on the order the client applies them: one edit then.
    const edits: TextEdit[] =
      at === end ? [{ file, start: end, end, newText: ' NOT VALID' + added }] : [{ file, start: end, end, newText: ' NOT VALID' }, { file, start: at, end: at, newText: added }];
    return { title, safe: false, edits };
  }
}
