/**
 * PostgreSQL statements → facts, through libpg-query (the real PostgreSQL parser compiled to WASM).
 *
 * libpg-query's AST carries UTF-8 byte `location`s on some nodes (RangeVar, ColumnDef, TypeName, Constraint)
 * but none on index elements, column lists or ALTER TABLE subcommands. Exact spans therefore come from the
 * statement's tokens (our lexer): each node is anchored at its `location` (or at its position in a
 * comma-separated list) and extended over tokens, matching parentheses. Byte offsets are converted to UTF-16
 * once per statement (identity for ASCII text).
 *
 * Never throws on user input: a parse error returns `{ facts: [], error }`.
 */
import { loadModule, parseSync } from 'libpg-query';
import { firstTokenAt, lex } from './lexer';
import type {
  AlterEnumStmt,
  AlterTableCmd,
  AlterTableStmt,
  ColumnDef as PgColumnDef,
  Constraint,
  CreateEnumStmt,
  CreateStmt,
  CreateTableAsStmt,
  DropStmt,
  IndexElem,
  IndexStmt,
  Node,
  PartitionCmd,
  RangeVar,
  RawStmt,
  RenameStmt,
  TransactionStmt,
  TruncateStmt,
  ViewStmt,
} from 'libpg-query';
import type {
  AlterAction,
  ColumnDef,
  ConstraintDef,
  Fact,
  IndexDef,
  IndexKey,
  Origin,
  QName,
  ReferentialAction,
  Span,
  TableDef,
} from '../model/types';
import { offsetMap, type OffsetMap } from './offsets';
import { PgQueryWalker } from './postgres-query';
import { lowerQuery } from './query';
import { normalizeType } from './sqltype';

let ready: Promise<void> | undefined;
let loaded = false;

/** Loads the WASM module. Idempotent; a failed load is retried on the next call. */
export function initPostgres(): Promise<void> {
  if (!ready) {
    ready = loadModule().then(
      () => {
        loaded = true;
      },
      (e: unknown) => {
        ready = undefined;
        throw e;
      },
    );
  }
  return ready;
}

/** Lowers one statement (`text`, starting at file offset `base`) to facts with file offsets. Never throws. */
export function parsePostgresStatement(text: string, base: number, opts: { queries?: boolean } = {}): { facts: Fact[]; error?: string } {
  if (!/\S/.test(text)) return { facts: [] };
  if (!loaded) return { facts: [], error: 'libpg-query is not initialized (call initPostgres first)' };
  let stmts: RawStmt[];
  try {
    stmts = parseSync(text).stmts ?? [];
  } catch (e) {
    return { facts: [], error: errorMessage(e) };
  }
  // Scanning costs more than parsing: only scan when some statement will yield a fact.
  const wanted = (n: Node) => relevant(n) || (!!opts.queries && isQuery(n));
  if (!stmts.some((s) => s.stmt && wanted(s.stmt))) return { facts: [] };
  try {
    const lx = new Lexed(text, base);
    const facts: Fact[] = [];
    for (const raw of stmts) {
      if (!raw.stmt || !wanted(raw.stmt)) continue;
      const range = lx.statementRange(raw);
      if (!range) continue;
      if (isQuery(raw.stmt)) {
        const span = lx.span(range[0], range[1]);
        const q = new PgQueryWalker(lx).statement(raw.stmt, span);
        if (q) facts.push({ kind: 'query', query: lowerQuery(q, text, base), span });
      } else lowerStatement(lx, raw.stmt, range, facts);
    }
    return { facts };
  } catch (e) {
    // A lowering bug must not cost the file: report it like a parse failure so the fallback can try.
    return { facts: [], error: `lowering failed: ${errorMessage(e)}` };
  }
}

function errorMessage(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

const ALTER_SUBTYPES = new Set<AlterTableCmd['subtype']>([
  'AT_AddColumn',
  'AT_DropColumn',
  'AT_AlterColumnType',
  'AT_SetNotNull',
  'AT_AddIdentity',
  'AT_DropNotNull',
  'AT_ColumnDefault',
  'AT_AddConstraint',
  'AT_DropConstraint',
  'AT_ValidateConstraint',
  'AT_AttachPartition',
]);
const TABLE_OBJECTS = new Set(['OBJECT_TABLE', 'OBJECT_FOREIGN_TABLE']);
const DROPPED = new Set(['OBJECT_TABLE', 'OBJECT_FOREIGN_TABLE', 'OBJECT_INDEX', 'OBJECT_VIEW', 'OBJECT_MATVIEW', 'OBJECT_SCHEMA', 'OBJECT_TYPE']);
const TRANSACTION = new Set(['TRANS_STMT_BEGIN', 'TRANS_STMT_START', 'TRANS_STMT_COMMIT', 'TRANS_STMT_ROLLBACK']);

/** A query the application runs: SELECT, UPDATE, DELETE, INSERT … SELECT (not INSERT … VALUES). */
function isQuery(stmt: Node): boolean {
  const kind = nodeKind(stmt);
  if (kind === 'SelectStmt' || kind === 'UpdateStmt' || kind === 'DeleteStmt') return true;
  if (kind !== 'InsertStmt') return false;
  const sel = un<{ SelectStmt?: { valuesLists?: unknown[] } }>(stmt, 'InsertStmt') as { selectStmt?: { SelectStmt?: { valuesLists?: unknown[] } } } | undefined;
  return !!sel?.selectStmt?.SelectStmt && !sel.selectStmt.SelectStmt.valuesLists;
}

/** Whether the statement yields a fact (decided on the AST alone, before paying for the scanner). */
function relevant(stmt: Node): boolean {
  const kind = nodeKind(stmt);
  const body = (stmt as Record<string, unknown>)[kind];
  switch (kind) {
    case 'CreateStmt':
    case 'CreateForeignTableStmt':
    case 'IndexStmt':
    case 'CreateEnumStmt':
    case 'ViewStmt':
      return true;
    case 'AlterTableStmt': {
      const st = body as AlterTableStmt;
      return TABLE_OBJECTS.has(st.objtype ?? '') && (st.cmds ?? []).some((c) => ALTER_SUBTYPES.has(un<AlterTableCmd>(c, 'AlterTableCmd')?.subtype));
    }
    case 'RenameStmt': {
      const st = body as RenameStmt;
      return (
        TABLE_OBJECTS.has(st.renameType ?? '') ||
        st.renameType === 'OBJECT_INDEX' ||
        st.renameType === 'OBJECT_TYPE' ||
        // RENAME CONSTRAINT comes with relationType OBJECT_ACCESS_METHOD (the enum's zero): only tables have it.
        st.renameType === 'OBJECT_TABCONSTRAINT' ||
        (st.renameType === 'OBJECT_COLUMN' && TABLE_OBJECTS.has(st.relationType ?? ''))
      );
    }
    case 'DropStmt':
      return DROPPED.has((body as DropStmt).removeType ?? '');
    case 'CreateTableAsStmt':
      return (body as CreateTableAsStmt).objtype === 'OBJECT_MATVIEW';
    case 'TransactionStmt':
      return TRANSACTION.has((body as TransactionStmt).kind ?? '');
    case 'TruncateStmt':
      return true;
    case 'AlterEnumStmt':
      return isAddValue(body as AlterEnumStmt);
  }
  return false;
}

// ---------------------------------------------------------------------------------------------------------
// AST access helpers (the Node union is `{ Kind: payload }`)

function nodeKind(n: Node): string {
  return Object.keys(n)[0] ?? '';
}

function un<T>(n: unknown, kind: string): T | undefined {
  return n && typeof n === 'object' ? ((n as Record<string, unknown>)[kind] as T | undefined) : undefined;
}

function strings(nodes: Node[] | undefined): string[] {
  return (nodes ?? []).map((n) => un<{ sval?: string }>(n, 'String')?.sval ?? '');
}

function qnameOf(rv: RangeVar | undefined): QName {
  return qname(rv?.schemaname, rv?.relname ?? '');
}

function qname(schema: string | undefined, name: string): QName {
  return schema && schema !== 'public' ? { schema, name } : { name };
}

function qnameOfList(parts: string[]): QName {
  return qname(parts.length >= 2 ? parts[parts.length - 2] : undefined, parts[parts.length - 1] ?? '');
}

const ACTIONS: Record<string, ReferentialAction> = {
  a: 'no action',
  r: 'restrict',
  c: 'cascade',
  n: 'set null',
  d: 'set default',
};

// ---------------------------------------------------------------------------------------------------------
// Tokens

interface Tok {
  /** UTF-16 offsets into the statement text. */
  start: number;
  end: number;
  text: string;
  /** Upper-cased text for unquoted words; the raw text otherwise. */
  up: string;
}

type Range = [first: number, last: number];

/** The statement's tokens (comments dropped) with UTF-16 offsets, plus navigation helpers. */
class Lexed {
  readonly toks: Tok[] = [];
  readonly map: OffsetMap;

  constructor(
    readonly text: string,
    readonly base: number,
  ) {
    this.map = offsetMap(text);
    // Our lexer (UTF-16 offsets already) rather than libpg-query's scanSync: same tokens for what spans need
    // (words, quotes, parentheses, commas), without a WASM round trip per statement (156 → ~10 ms on a 534 KB dump).
    for (const t of lex(text, 'postgresql')) {
      if (t.kind === 'comment') continue;
      const raw = text.slice(t.start, t.end);
      this.toks.push({ start: t.start, end: t.end, text: raw, up: t.kind === 'word' ? raw.toUpperCase() : raw });
    }
  }

  /** Token range of one RawStmt (without the `;`), or undefined when it has no tokens. */
  statementRange(raw: RawStmt): Range | undefined {
    const from = this.map.toUtf16(raw.stmt_location ?? 0);
    const to = raw.stmt_len ? this.map.toUtf16((raw.stmt_location ?? 0) + raw.stmt_len) : this.text.length;
    let i = this.indexAt(from);
    let j = i - 1;
    while (j + 1 < this.toks.length && this.toks[j + 1].end <= to) j++;
    while (j >= i && this.toks[j].text === ';') j--;
    while (i <= j && this.toks[i].text === ';') i++;
    return i <= j ? [i, j] : undefined;
  }

  /** Index of the first token starting at or after UTF-16 offset `at`. */
  indexAt(at: number): number {
    return firstTokenAt(this.toks, at);
  }

  /** Token index of an AST byte `location`. */
  at(location: number | undefined): number {
    return this.indexAt(this.map.toUtf16(location ?? 0));
  }

  is(i: number, ...words: string[]): boolean {
    return i >= 0 && i < this.toks.length && words.includes(this.toks[i].up);
  }

  /** Matching `)`/`]` for the opener at `i` (bounded by `last`). */
  close(i: number, last: number): number {
    let depth = 0;
    for (let j = i; j <= last; j++) {
      const t = this.toks[j].text;
      if (t === '(' || t === '[') depth++;
      else if (t === ')' || t === ']') {
        depth--;
        if (depth === 0) return j;
      }
    }
    return last;
  }

  /** Last token of the list element starting at `i`: stops before a depth-0 `,` or an unmatched `)`. */
  elementEnd(i: number, last: number): number {
    let depth = 0;
    for (let j = i; j <= last; j++) {
      const t = this.toks[j].text;
      if (t === '(' || t === '[') depth++;
      else if (t === ')' || t === ']') {
        if (depth === 0) return j - 1;
        depth--;
      } else if (t === ',' && depth === 0) return j - 1;
    }
    return last;
  }

  /** Splits (first..last) at depth-0 commas. */
  split(first: number, last: number): Range[] {
    const out: Range[] = [];
    let i = first;
    while (i <= last) {
      const e = this.elementEnd(i, last);
      out.push([i, Math.max(e, i)]);
      i = Math.max(e, i) + 2;
    }
    return out;
  }

  /** Last token of a possibly qualified name starting at `i`. */
  nameEnd(i: number, last: number): number {
    let j = i;
    while (j + 2 <= last && this.toks[j + 1].text === '.') j += 2;
    return j;
  }

  /** First index in [from, last] whose token is one of `words` at depth 0. */
  find(from: number, last: number, ...words: string[]): number {
    let depth = 0;
    for (let j = from; j <= last; j++) {
      if (depth === 0 && words.includes(this.toks[j].up)) return j;
      const t = this.toks[j].text;
      if (t === '(' || t === '[') depth++;
      else if (t === ')' || t === ']') depth--;
    }
    return -1;
  }

  span(i: number, j: number): Span {
    return { start: this.base + this.toks[i].start, end: this.base + this.toks[Math.max(i, j)].end };
  }

  src(i: number, j: number): string {
    return this.text.slice(this.toks[i].start, this.toks[Math.max(i, j)].end);
  }

  /** Source of tokens i..j with any whitespace/comment run between tokens collapsed to one space. */
  srcNormalized(i: number, j: number): string {
    let out = this.toks[i].text;
    for (let k = i + 1; k <= j; k++) {
      out += (this.toks[k].start > this.toks[k - 1].end ? ' ' : '') + this.toks[k].text;
    }
    return out;
  }
}

function origin(span: Span, parts?: Origin['parts']): Origin {
  const o: Origin = { file: '', span };
  if (parts && Object.keys(parts).length) o.parts = parts;
  return o;
}

// ---------------------------------------------------------------------------------------------------------
// Statements

function lowerStatement(lx: Lexed, stmt: Node, range: Range, out: Fact[]): void {
  const kind = nodeKind(stmt);
  const body = (stmt as Record<string, unknown>)[kind];
  switch (kind) {
    case 'CreateStmt':
      return createTable(lx, body as CreateStmt, range, false, out);
    case 'CreateForeignTableStmt':
      return createTable(lx, (body as { base?: CreateStmt }).base ?? {}, range, true, out);
    case 'IndexStmt':
      return createIndex(lx, body as IndexStmt, range, out);
    case 'AlterTableStmt':
      return alterTable(lx, body as AlterTableStmt, range, out);
    case 'RenameStmt':
      return rename(lx, body as RenameStmt, range, out);
    case 'DropStmt':
      return drop(lx, body as DropStmt, range, out);
    case 'CreateEnumStmt':
      return createEnum(lx, body as CreateEnumStmt, range, out);
    case 'AlterEnumStmt': {
      const st = body as AlterEnumStmt;
      if (isAddValue(st)) out.push({ kind: 'alterEnum', name: qnameOfList(strings(st.typeName)), value: st.newVal!, span: lx.span(range[0], range[1]) });
      return;
    }
    case 'ViewStmt': {
      const v = body as ViewStmt;
      const n = lx.at(v.view?.location);
      const fact: Extract<Fact, { kind: 'createView' }> = {
        kind: 'createView',
        name: qnameOf(v.view),
        span: lx.span(range[0], range[1]),
        nameSpan: lx.span(n, lx.nameEnd(n, range[1])),
      };
      // A view's query runs whenever the view is read: it is workload wherever it is defined.
      const walker = new PgQueryWalker(lx);
      const qspan = walker.extent(v.query);
      const q = qspan && walker.statement(v.query, qspan);
      if (q) fact.query = lowerQuery(q, lx.text, lx.base);
      out.push(fact);
      return;
    }
    case 'CreateTableAsStmt': {
      const c = body as CreateTableAsStmt;
      if (c.objtype !== 'OBJECT_MATVIEW') return; // CTAS: the columns are unknown without the query's types
      const n = lx.at(c.into?.rel?.location);
      out.push({
        kind: 'createView',
        name: qnameOf(c.into?.rel),
        materialized: true,
        span: lx.span(range[0], range[1]),
        nameSpan: lx.span(n, lx.nameEnd(n, range[1])),
      });
      return;
    }
    case 'TransactionStmt': {
      const k = (body as TransactionStmt).kind;
      const control =
        k === 'TRANS_STMT_BEGIN' || k === 'TRANS_STMT_START'
          ? 'begin'
          : k === 'TRANS_STMT_COMMIT'
            ? 'commit'
            : k === 'TRANS_STMT_ROLLBACK'
              ? 'rollback'
              : undefined;
      if (control) out.push({ kind: 'transaction', control, span: lx.span(range[0], range[1]) });
      return;
    }
    case 'TruncateStmt': {
      // Only migration files get here: the file layer skips TRUNCATE in dumps and workload files.
      const tables = ((body as TruncateStmt).relations ?? []).map((r) => qnameOf(un<RangeVar>(r, 'RangeVar')));
      if (tables.length) out.push({ kind: 'truncate', tables, span: lx.span(range[0], range[1]) });
      return;
    }
  }
}

function createTable(lx: Lexed, cs: CreateStmt, range: Range, foreign: boolean, out: Fact[]): void {
  const [s0, s1] = range;
  const nameAt = lx.at(cs.relation?.location);
  const nameEnd = lx.nameEnd(nameAt, s1);
  const tableKw = lx.find(s0, nameAt, 'TABLE');
  const columns: ColumnDef[] = [];
  const constraints: ConstraintDef[] = [];
  for (const el of cs.tableElts ?? []) {
    const cd = un<PgColumnDef>(el, 'ColumnDef');
    if (cd) {
      const first = lx.at(cd.location);
      const col = lowerColumn(lx, cd, first, lx.elementEnd(first, s1), constraints);
      if (col) columns.push(col);
      continue;
    }
    const c = un<Constraint>(el, 'Constraint');
    if (c?.contype === 'CONSTR_NOTNULL') {
      // PG18 table-level `[CONSTRAINT name] NOT NULL col`
      for (const key of strings(c.keys)) {
        const target = columns.find((x) => x.name === key);
        if (target) target.nullable = false;
      }
      continue;
    }
    if (c) {
      const first = lx.at(c.location);
      const def = lowerConstraint(lx, c, first, lx.elementEnd(first, s1));
      if (def) constraints.push(def);
    }
    // TableLikeClause (`LIKE other`): the copied columns are unknown here.
  }
  const table: TableDef = {
    name: qnameOf(cs.relation),
    columns,
    constraints,
    indexes: [],
    origin: origin(lx.span(s0, s1), {
      name: lx.span(nameAt, nameEnd),
      ...(tableKw >= 0 ? { keyword: lx.span(s0, tableKw) } : {}),
    }),
  };
  if (cs.relation?.relpersistence === 't') table.temporary = true;
  const parents = (cs.inhRelations ?? []).map((n) => qnameOf(un<RangeVar>(n, 'RangeVar')));
  if (cs.partbound && parents.length) table.partitionOf = parents[0];
  else if (parents.length) table.inherits = parents;
  if (cs.partspec) table.partitioned = true;
  if (foreign) table.virtual = true;
  const fact: Fact = { kind: 'createTable', table, span: lx.span(s0, s1) };
  if (cs.if_not_exists) fact.ifNotExists = true;
  out.push(fact);
}

const TYPE_STOP = new Set([
  'CONSTRAINT',
  'NOT',
  'NULL',
  'CHECK',
  'DEFAULT',
  'GENERATED',
  'UNIQUE',
  'PRIMARY',
  'REFERENCES',
  'COLLATE',
  'DEFERRABLE',
  'INITIALLY',
  'COMPRESSION',
  'STORAGE',
  'OPTIONS',
  'ENFORCED',
  'USING',
]);

/** Last token of a type name starting at `i`: words, dots, `(...)`, `[...]`, ARRAY, WITH TIME ZONE. */
function typeEnd(lx: Lexed, i: number, last: number): number {
  let j = i;
  if (lx.toks[j].text === '(' || lx.toks[j].text === '[') j = lx.close(j, last);
  while (j + 1 <= last) {
    const t = lx.toks[j + 1];
    if (t.text === '(' || t.text === '[') {
      j = lx.close(j + 1, last);
      continue;
    }
    if (t.text === ',' || t.text === ')' || t.text === ']' || TYPE_STOP.has(t.up)) break;
    j++;
  }
  return j;
}

const SERIALS = new Set(['serial', 'bigserial', 'smallserial', 'serial2', 'serial4', 'serial8']);

/**
 * A column definition at tokens first..last. Inline constraints go to `constraintsOut` (with `inline: true`).
 * Returns undefined for columns without a type (`col WITH OPTIONS ...` in typed tables and partitions).
 */
function lowerColumn(
  lx: Lexed,
  cd: PgColumnDef,
  first: number,
  last: number,
  constraintsOut: ConstraintDef[],
): ColumnDef | undefined {
  if (!cd.typeName) return undefined;
  const name = cd.colname ?? '';
  const nameSpan = lx.span(first, first);
  const cons = (cd.constraints ?? [])
    .map((n) => un<Constraint>(n, 'Constraint'))
    .filter((c): c is Constraint => !!c)
    .map((c) => ({ c, at: lx.at(c.location) }));
  const collAt = cd.collClause ? lx.at(cd.collClause.location) : -1;
  const bounds = [...cons.map((x) => x.at), ...(collAt >= 0 ? [collAt] : [])].sort((a, b) => a - b);
  const typeAt = lx.at(cd.typeName.location);
  let tEnd = typeEnd(lx, typeAt, last);
  if (bounds.length && bounds[0] > typeAt) tEnd = Math.min(tEnd, bounds[0] - 1);
  const rawType = lx.src(typeAt, tEnd);
  const parts: Origin['parts'] = { name: nameSpan, type: lx.span(typeAt, tEnd) };
  const col: ColumnDef = {
    name,
    rawType,
    type: normalizeType(rawType, 'postgresql'),
    nullable: true,
    origin: origin(lx.span(first, last), parts),
  };
  const typeNames = strings(cd.typeName.names);
  if (typeNames.length === 1 && SERIALS.has(typeNames[0])) {
    col.autoIncrement = 'serial';
    col.nullable = false; // serial implies NOT NULL
  }
  if (cd.collClause) col.collation = strings(cd.collClause.collname).join('.');

  const endOf = (at: number): number => {
    const next = bounds.find((b) => b > at);
    return next === undefined ? last : next - 1;
  };
  let previous: ConstraintDef | undefined;
  for (const { c, at } of cons) {
    const end = endOf(at);
    switch (c.contype) {
      case 'CONSTR_NOTNULL': {
        col.nullable = false;
        const notAt = lx.find(at, end, 'NOT');
        if (notAt >= 0) parts.nullability = lx.span(notAt, Math.min(notAt + 1, end));
        break;
      }
      case 'CONSTR_NULL': {
        const nullAt = lx.find(at, end, 'NULL');
        if (nullAt >= 0) parts.nullability = lx.span(nullAt, nullAt);
        break;
      }
      case 'CONSTR_DEFAULT': {
        const kw = lx.find(at, end, 'DEFAULT');
        if (kw >= 0 && kw < end) {
          col.default = lx.src(kw + 1, end);
          parts.default = lx.span(kw + 1, end);
        }
        break;
      }
      case 'CONSTR_IDENTITY':
        col.autoIncrement = 'identity';
        col.nullable = false; // identity columns are implicitly NOT NULL
        break;
      case 'CONSTR_GENERATED': {
        const open = lx.find(at, end, '(');
        if (open >= 0) {
          const close = lx.close(open, end);
          col.generated = { expression: close > open + 1 ? lx.src(open + 1, close - 1) : '', stored: c.generated_kind !== 'v' };
        }
        break;
      }
      case 'CONSTR_ATTR_DEFERRABLE':
      case 'CONSTR_ATTR_NOT_DEFERRABLE':
      case 'CONSTR_ATTR_DEFERRED':
      case 'CONSTR_ATTR_IMMEDIATE':
      case 'CONSTR_ATTR_ENFORCED':
      case 'CONSTR_ATTR_NOT_ENFORCED': // PG18; the model has no field for NOT ENFORCED yet
        if (previous) {
          if (c.contype === 'CONSTR_ATTR_DEFERRABLE') previous.deferrable = true;
          else if (c.contype === 'CONSTR_ATTR_NOT_DEFERRABLE') delete previous.deferrable;
          else if (c.contype === 'CONSTR_ATTR_DEFERRED') previous.initiallyDeferred = true;
          else if (c.contype === 'CONSTR_ATTR_IMMEDIATE') delete previous.initiallyDeferred;
          previous.origin.span = { start: previous.origin.span.start, end: lx.span(end, end).end };
        }
        continue;
      default: {
        const def = lowerConstraint(lx, c, at, end, { name, span: nameSpan });
        if (def) {
          if (def.kind === 'primary') col.nullable = false;
          constraintsOut.push(def);
          previous = def;
          continue;
        }
      }
    }
    previous = undefined;
  }
  return col;
}

const KIND: Partial<Record<NonNullable<Constraint['contype']>, ConstraintDef['kind']>> = {
  CONSTR_PRIMARY: 'primary',
  CONSTR_UNIQUE: 'unique',
  CONSTR_FOREIGN: 'foreign',
  CONSTR_CHECK: 'check',
  CONSTR_EXCLUSION: 'exclude',
};

/**
 * A PRIMARY KEY / UNIQUE / FOREIGN KEY / CHECK / EXCLUDE constraint at tokens first..last.
 * `inlineColumn` is set for a constraint written on a column definition.
 */
function lowerConstraint(
  lx: Lexed,
  c: Constraint,
  first: number,
  last: number,
  inlineColumn?: { name: string; span: Span },
): ConstraintDef | undefined {
  const kind = c.contype ? KIND[c.contype] : undefined;
  if (!kind) return undefined;
  const parts: Origin['parts'] = {};
  let k = first;
  if (lx.is(k, 'CONSTRAINT') && k + 1 <= last) {
    parts.name = lx.span(k + 1, k + 1);
    k += 2;
  }
  const kwLen = lx.is(k, 'PRIMARY', 'FOREIGN') ? 2 : 1;
  parts.keyword = lx.span(k, Math.min(k + kwLen - 1, last));
  const def: ConstraintDef = { kind, columns: [], origin: origin(lx.span(first, last), parts) };
  const name = c.conname ?? (c.indexname && (kind === 'primary' || kind === 'unique') ? c.indexname : undefined);
  if (name) def.name = name;
  if (inlineColumn) {
    def.columns = [inlineColumn.name];
    def.columnSpans = [inlineColumn.span];
    parts.columns = inlineColumn.span;
    def.inline = true;
  }

  const listedColumns =
    kind === 'primary' || kind === 'unique' ? strings(c.keys) : kind === 'foreign' ? strings(c.fk_attrs) : undefined;
  // The first parenthesized group after the keyword is the column list (PK/UNIQUE/FK) or the element list.
  const open = kind === 'check' ? lx.find(k, last, 'CHECK') + 1 : lx.find(k, last, '(');
  const hasList = !inlineColumn && open > 0 && open <= last && lx.toks[open].text === '(';
  if (listedColumns && !inlineColumn) {
    def.columns = listedColumns;
    def.columnSpans = [];
    if (hasList && listedColumns.length) {
      const close = lx.close(open, last);
      parts.columns = lx.span(open, close);
      def.columnSpans = lx.split(open + 1, close - 1).map(([a]) => lx.span(a, a));
    }
  }
  if (kind === 'check' && open > 0 && open <= last && lx.toks[open].text === '(') {
    const close = lx.close(open, last);
    def.expression = close > open + 1 ? lx.src(open + 1, close - 1) : '';
  }
  if (kind === 'exclude' && hasList) {
    const close = lx.close(open, last);
    parts.columns = lx.span(open, close);
    def.expression = lx.src(open + 1, close - 1);
    const elems = (c.exclusions ?? []).map((l) => un<IndexElem>(un<{ items?: Node[] }>(l, 'List')?.items?.[0], 'IndexElem'));
    const segs = lx.split(open + 1, close - 1);
    def.columnSpans = [];
    elems.forEach((e, i) => {
      if (e?.name) {
        def.columns.push(e.name);
        if (segs[i]) def.columnSpans!.push(lx.span(segs[i][0], segs[i][0]));
      }
    });
    if (def.columnSpans.length !== def.columns.length) def.columnSpans = [];
  }
  if (kind === 'foreign') {
    const refAt = lx.at(c.pktable?.location);
    let refEnd = lx.nameEnd(refAt, last);
    if (refEnd + 1 <= last && lx.toks[refEnd + 1].text === '(') refEnd = lx.close(refEnd + 1, last);
    parts.references = lx.span(refAt, refEnd);
    const refs: NonNullable<ConstraintDef['references']> = { table: qnameOf(c.pktable), columns: strings(c.pk_attrs) };
    const written = (what: string): boolean => {
      for (let j = refEnd + 1; j < last; j++) if (lx.is(j, 'ON') && lx.is(j + 1, what)) return true;
      return false;
    };
    const del = ACTIONS[c.fk_del_action ?? 'a'];
    const upd = ACTIONS[c.fk_upd_action ?? 'a'];
    if (del && (c.fk_del_action !== 'a' || written('DELETE'))) refs.onDelete = del;
    if (upd && (c.fk_upd_action !== 'a' || written('UPDATE'))) refs.onUpdate = upd;
    if (c.fk_matchtype === 'f') refs.match = 'full';
    else if (c.fk_matchtype === 'p') refs.match = 'partial';
    else if (lx.find(refEnd + 1, last, 'MATCH') >= 0) refs.match = 'simple';
    def.references = refs;
  }
  if (c.indexname && (kind === 'primary' || kind === 'unique')) def.usingIndex = c.indexname;
  if (c.skip_validation) def.notValid = true;
  if (c.deferrable) def.deferrable = true;
  if (c.initdeferred) def.initiallyDeferred = true;
  return def;
}

function createIndex(lx: Lexed, ix: IndexStmt, range: Range, out: Fact[]): void {
  const [s0, s1] = range;
  const parts: Origin['parts'] = {};
  const indexKw = lx.find(s0, s1, 'INDEX');
  const relAt = lx.at(ix.relation?.location);
  if (indexKw >= 0) {
    parts.keyword = lx.span(s0, indexKw);
    const on = lx.find(indexKw + 1, relAt, 'ON');
    if (ix.idxname && on > indexKw + 1) parts.name = lx.span(on - 1, on - 1);
  }
  const relEnd = lx.nameEnd(relAt, s1);
  let open = relEnd + 1;
  if (lx.is(open, 'USING')) open += 2;
  const keys: IndexKey[] = [];
  let after = relEnd;
  const params = (ix.indexParams ?? []).map((n) => un<IndexElem>(n, 'IndexElem') ?? {});
  if (open <= s1 && lx.toks[open].text === '(') {
    const close = lx.close(open, s1);
    parts.columns = lx.span(open, close);
    after = close;
    const segs = lx.split(open + 1, close - 1);
    params.forEach((p, i) => keys.push(indexKey(lx, p, segs[i] ?? [open, close])));
  } else {
    params.forEach((p) => keys.push(indexKey(lx, p, [range[0], range[1]])));
  }
  const def: IndexDef = {
    table: qnameOf(ix.relation),
    keys,
    unique: !!ix.unique,
    origin: origin(lx.span(s0, s1), parts),
  };
  if (ix.idxname) def.name = ix.idxname;
  if (ix.accessMethod && (ix.accessMethod !== 'btree' || lx.is(relEnd + 1, 'USING'))) def.method = ix.accessMethod.toLowerCase();
  const include = (ix.indexIncludingParams ?? []).map((n) => un<IndexElem>(n, 'IndexElem')?.name ?? '');
  if (include.length) def.include = include;
  if (ix.whereClause) {
    const where = lx.find(after + 1, s1, 'WHERE');
    if (where >= 0 && where < s1) {
      def.where = lx.src(where + 1, s1);
      parts.predicate = lx.span(where + 1, s1);
    }
  }
  if (ix.concurrent) def.concurrently = true;
  const fact: Fact = { kind: 'createIndex', index: def, span: lx.span(s0, s1) };
  if (ix.if_not_exists) fact.ifNotExists = true;
  out.push(fact);
}

function indexKey(lx: Lexed, e: IndexElem, [a, b]: Range): IndexKey {
  const key: IndexKey = { span: lx.span(a, b) };
  let end = b;
  // Strip trailing modifiers, last first: NULLS FIRST|LAST, ASC|DESC, opclass [(opts)], COLLATE name.
  if (e.nulls_ordering === 'SORTBY_NULLS_FIRST' || e.nulls_ordering === 'SORTBY_NULLS_LAST') {
    key.nulls = e.nulls_ordering === 'SORTBY_NULLS_FIRST' ? 'first' : 'last';
    if (lx.is(end - 1, 'NULLS')) end -= 2;
  }
  if (e.ordering === 'SORTBY_ASC' || e.ordering === 'SORTBY_DESC') {
    key.order = e.ordering === 'SORTBY_ASC' ? 'asc' : 'desc';
    if (lx.is(end, 'ASC', 'DESC')) end -= 1;
  }
  if (e.opclass?.length) {
    key.opclass = strings(e.opclass).join('.');
    if (e.opclassopts?.length && lx.toks[end].text === ')') {
      let depth = 0;
      for (let j = end; j > a; j--) {
        const t = lx.toks[j].text;
        if (t === ')') depth++;
        else if (t === '(' && --depth === 0) {
          end = j - 1;
          break;
        }
      }
    }
    end -= 2 * e.opclass.length - 1;
  }
  if (e.collation?.length) {
    key.collation = strings(e.collation).join('.');
    const n = 2 * e.collation.length - 1;
    if (lx.is(end - n, 'COLLATE')) end -= n + 1;
  }
  end = Math.max(end, a);
  if (e.name) {
    key.column = e.name;
  } else {
    let i = a;
    let j = end;
    if (lx.toks[i].text === '(' && lx.close(i, j) === j && j > i + 1) {
      i++;
      j--;
    }
    key.expression = lx.srcNormalized(i, j);
  }
  return key;
}

function alterTable(lx: Lexed, st: AlterTableStmt, range: Range, out: Fact[]): void {
  if (st.objtype !== 'OBJECT_TABLE' && st.objtype !== 'OBJECT_FOREIGN_TABLE') return;
  const [s0, s1] = range;
  const nameAt = lx.at(st.relation?.location);
  const nameEnd = lx.nameEnd(nameAt, s1);
  const cmds = (st.cmds ?? []).map((n) => un<AlterTableCmd>(n, 'AlterTableCmd') ?? {});
  let segs = lx.split(nameEnd + 1, s1);
  if (segs.length !== cmds.length) segs = cmds.map(() => [Math.min(nameEnd + 1, s1), s1] as Range);
  const actions: AlterAction[] = [];
  cmds.forEach((cmd, i) => {
    const a = alterAction(lx, cmd, segs[i]);
    if (a) actions.push(a);
  });
  if (!actions.length) return;
  const fact: Fact = {
    kind: 'alterTable',
    table: qnameOf(st.relation),
    actions,
    span: lx.span(s0, s1),
    nameSpan: lx.span(nameAt, nameEnd),
  };
  if (st.missing_ok) fact.ifExists = true;
  out.push(fact);
}

function alterAction(lx: Lexed, cmd: AlterTableCmd, [a, b]: Range): AlterAction | undefined {
  const span = lx.span(a, b);
  const name = cmd.name ?? '';
  switch (cmd.subtype) {
    case 'AT_AddColumn': {
      const cd = un<PgColumnDef>(cmd.def, 'ColumnDef');
      if (!cd) return undefined;
      const constraints: ConstraintDef[] = [];
      const column = lowerColumn(lx, cd, lx.at(cd.location), b, constraints);
      if (!column) return undefined;
      const action: AlterAction = { action: 'addColumn', column, constraints };
      if (cmd.missing_ok) action.ifNotExists = true;
      return action;
    }
    case 'AT_DropColumn':
      return { action: 'dropColumn', name, span };
    case 'AT_AlterColumnType': {
      const cd = un<PgColumnDef>(cmd.def, 'ColumnDef');
      if (!cd?.typeName) return undefined;
      const t = lx.at(cd.typeName.location);
      const rawType = lx.src(t, typeEnd(lx, t, b));
      return { action: 'alterColumnType', name, rawType, type: normalizeType(rawType, 'postgresql'), span };
    }
    case 'AT_SetNotNull':
      return { action: 'setNotNull', name, span };
    case 'AT_AddIdentity':
      return { action: 'addIdentity', name, span };
    case 'AT_DropNotNull':
      return { action: 'dropNotNull', name, span };
    case 'AT_ColumnDefault': {
      if (!cmd.def) return { action: 'dropDefault', name, span };
      const kw = lx.find(a, b, 'DEFAULT');
      return { action: 'setDefault', name, default: kw >= 0 && kw < b ? lx.src(kw + 1, b) : '', span };
    }
    case 'AT_AddConstraint': {
      const c = un<Constraint>(cmd.def, 'Constraint');
      if (!c) return undefined;
      // PG18 `ADD [CONSTRAINT name] NOT NULL col` is SET NOT NULL under another spelling.
      if (c.contype === 'CONSTR_NOTNULL') return { action: 'setNotNull', name: strings(c.keys)[0] ?? '', span };
      const constraint = lowerConstraint(lx, c, lx.at(c.location), b);
      return constraint ? { action: 'addConstraint', constraint } : undefined;
    }
    case 'AT_DropConstraint':
      return { action: 'dropConstraint', name, span };
    case 'AT_ValidateConstraint':
      return { action: 'validateConstraint', name, span };
    case 'AT_AttachPartition': {
      const pc = un<PartitionCmd>(cmd.def, 'PartitionCmd');
      return pc?.name ? { action: 'attachPartition', partition: qnameOf(pc.name), span } : undefined;
    }
  }
  return undefined;
}

function rename(lx: Lexed, st: RenameStmt, range: Range, out: Fact[]): void {
  const [s0, s1] = range;
  const from = qnameOf(st.relation);
  const isTable = (t: RenameStmt['renameType']): boolean => t === 'OBJECT_TABLE' || t === 'OBJECT_FOREIGN_TABLE';
  if (isTable(st.renameType)) {
    out.push({ kind: 'renameTable', from, to: { ...(from.schema ? { schema: from.schema } : {}), name: st.newname ?? '' }, span: lx.span(s0, s1) });
    return;
  }
  if (st.renameType === 'OBJECT_COLUMN' && isTable(st.relationType)) {
    const nameAt = lx.at(st.relation?.location);
    const nameEnd = lx.nameEnd(nameAt, s1);
    const fact: Fact = {
      kind: 'alterTable',
      table: from,
      actions: [{ action: 'renameColumn', from: st.subname ?? '', to: st.newname ?? '', span: lx.span(Math.min(nameEnd + 1, s1), s1) }],
      span: lx.span(s0, s1),
      nameSpan: lx.span(nameAt, nameEnd),
    };
    if (st.missing_ok) fact.ifExists = true;
    out.push(fact);
    return;
  }
  if (st.renameType === 'OBJECT_TABCONSTRAINT') {
    const nameAt = lx.at(st.relation?.location);
    const nameEnd = lx.nameEnd(nameAt, s1);
    out.push({
      kind: 'alterTable',
      table: from,
      actions: [{ action: 'renameIndex', from: st.subname ?? '', to: st.newname ?? '', span: lx.span(Math.min(nameEnd + 1, s1), s1) }],
      span: lx.span(s0, s1),
      nameSpan: lx.span(nameAt, nameEnd),
    });
    return;
  }
  if (st.renameType === 'OBJECT_INDEX') {
    out.push({ kind: 'renameIndex', from, to: st.newname ?? '', span: lx.span(s0, s1) });
    return;
  }
  if (st.renameType === 'OBJECT_TYPE' && st.newname) {
    out.push({ kind: 'renameType', from: qnameOfList(strings(un<{ items?: Node[] }>(st.object, 'List')?.items)), to: st.newname, span: lx.span(s0, s1) });
  }
}

function drop(lx: Lexed, st: DropStmt, range: Range, out: Fact[]): void {
  const span = lx.span(range[0], range[1]);
  const names = (st.objects ?? []).map((o) => qnameOfList(strings(un<{ items?: Node[] }>(o, 'List')?.items)));
  switch (st.removeType) {
    case 'OBJECT_TABLE':
    case 'OBJECT_FOREIGN_TABLE': {
      const fact: Fact = { kind: 'dropTable', tables: names, span };
      if (st.missing_ok) fact.ifExists = true;
      out.push(fact);
      return;
    }
    case 'OBJECT_INDEX': {
      const fact: Fact = { kind: 'dropIndex', names, span };
      if (st.concurrent) fact.concurrently = true;
      if (st.missing_ok) fact.ifExists = true;
      out.push(fact);
      return;
    }
    case 'OBJECT_VIEW':
    case 'OBJECT_MATVIEW':
      out.push({ kind: 'dropView', names, span });
      return;
    case 'OBJECT_TYPE': {
      // A type is named by a TypeName node, not a List.
      const types = (st.objects ?? []).map((o) => qnameOfList(strings(un<{ names?: Node[] }>(o, 'TypeName')?.names)));
      out.push({ kind: 'dropType', names: types, span });
      return;
    }
    case 'OBJECT_SCHEMA': {
      const fact: Fact = { kind: 'dropSchema', names: strings(st.objects), span };
      if (st.behavior === 'DROP_CASCADE') fact.cascade = true;
      if (st.missing_ok) fact.ifExists = true;
      if (fact.names.length) out.push(fact);
      return;
    }
  }
}

/** `ALTER TYPE … ADD VALUE` (RENAME VALUE carries `oldVal` too). */
function isAddValue(st: AlterEnumStmt): boolean {
  return st.newVal !== undefined && st.oldVal === undefined;
}

function createEnum(lx: Lexed, st: CreateEnumStmt, range: Range, out: Fact[]): void {
  const [s0, s1] = range;
  const typeKw = lx.find(s0, s1, 'TYPE');
  const nameAt = typeKw >= 0 ? typeKw + 1 : s0;
  out.push({
    kind: 'createEnum',
    name: qnameOfList(strings(st.typeName)),
    values: strings(st.vals),
    span: lx.span(s0, s1),
    nameSpan: lx.span(nameAt, lx.nameEnd(nameAt, s1)),
  });
}
