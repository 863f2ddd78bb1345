/**
 * Indexes as the database sees them: explicit indexes plus the unique B-tree indexes that PRIMARY KEY and
 * UNIQUE constraints create. Shared by the index rules and the hover.
 */
import type { ConstraintDef, Dialect, IndexDef, IndexKey, Origin } from './types';
import type { Table } from './schema';
import { columnKey } from './schema';

export interface IndexLike {
  kind: 'index' | 'primary' | 'unique';
  /** The name as written; undefined when the database generated it. */
  name?: string;
  keys: IndexKey[];
  unique: boolean;
  /** Lower-case access method, `btree` when not written. */
  method: string;
  where?: string;
  include: string[];
  origin: Origin;
  index?: IndexDef;
  constraint?: ConstraintDef;
}

function normMethod(m: string | undefined, dialect: Dialect): string {
  const x = (m ?? '').toLowerCase();
  if (!x || x === 'btree') return 'btree';
  // MySQL/InnoDB builds B-trees even when HASH is written (HASH is MEMORY/NDB only).
  if (dialect === 'mysql' && x === 'hash') return 'btree';
  return x;
}

/** Tables are rebuilt by every replay, so a per-table cache lives exactly as long as one analysis. */
const cache = new WeakMap<Table, { constraints: Table['constraints']; indexes: Table['indexes']; list: IndexLike[] }>();

export function indexesOf(table: Table): IndexLike[] {
  const hit = cache.get(table);
  if (hit && hit.constraints === table.constraints && hit.indexes === table.indexes) return hit.list;
  const list = computeIndexes(table);
  cache.set(table, { constraints: table.constraints, indexes: table.indexes, list });
  return list;
}

function computeIndexes(table: Table): IndexLike[] {
  const out: IndexLike[] = [];
  for (const c of table.constraints) {
    if ((c.kind !== 'primary' && c.kind !== 'unique') || c.columns.length === 0) continue;
    out.push({
      kind: c.kind,
      name: c.generatedName ? undefined : c.name,
      keys: c.columns.map((column, i) => ({ column, span: c.columnSpans?.[i] ?? c.origin.span })),
      unique: true,
      method: 'btree',
      include: [],
      origin: c.origin,
      constraint: c,
    });
  }
  for (const i of table.indexes) {
    out.push({
      kind: 'index',
      name: i.generatedName ? undefined : i.name,
      keys: i.keys,
      unique: i.unique,
      method: normMethod(i.method, table.dialect),
      where: normExpr(i.where),
      include: i.include ?? [],
      origin: i.origin,
      index: i,
    });
  }
  return out;
}

/** Comparable form of an expression or predicate: whitespace folded, lower-cased, outer parentheses dropped (pg_dump writes `WHERE (x IS NULL)`, migrations `WHERE x IS NULL`). */
export function normExpr(e: string | undefined): string | undefined {
  if (e === undefined) return undefined;
  let s = e.replace(/\s+/g, ' ').replace(/\s*([(),=<>])\s*/g, '$1').trim().toLowerCase();
  while (s.startsWith('(') && s.endsWith(')') && balanced(s.slice(1, -1))) s = s.slice(1, -1).trim();
  return s;
}

/**
 * Do the first `n` keys of `a` and `b` order rows the same way? B-trees scan both directions, so keys that are
 * all reversed (ASC NULLS LAST ↔ DESC NULLS FIRST) serve the same queries.
 */
export function sameLeadingKeys(a: IndexKey[], b: IndexKey[], n: number, dialect: Dialect): boolean {
  if (a.length < n || b.length < n) return false;
  let forward = true;
  let reversed = true;
  for (let i = 0; i < n && (forward || reversed); i++) {
    if (forward && !sameKey(a[i], b[i], dialect)) forward = false;
    if (reversed && !sameKey(a[i], b[i], dialect, true)) reversed = false;
  }
  return forward || reversed;
}

/** Two index keys are the same key: same column (or expression), direction, nulls order, prefix, collation, opclass. */
export function sameKey(a: IndexKey, b: IndexKey, dialect: Dialect, reverseB = false): boolean {
  if (a.column !== undefined && b.column !== undefined) {
    if (columnKey(a.column, dialect) !== columnKey(b.column, dialect)) return false;
  } else if (a.column !== undefined || b.column !== undefined) {
    return false;
  } else if (normExpr(a.expression) !== normExpr(b.expression)) {
    return false;
  }
  const orderA = a.order ?? 'asc';
  const nullsA = a.nulls ?? (orderA === 'desc' ? 'first' : 'last');
  let orderB = b.order ?? 'asc';
  let nullsB = b.nulls ?? (orderB === 'desc' ? 'first' : 'last');
  if (reverseB) {
    // A B-tree scanned backwards: ASC NULLS LAST reads as DESC NULLS FIRST.
    orderB = orderB === 'asc' ? 'desc' : 'asc';
    nullsB = nullsB === 'first' ? 'last' : 'first';
  }
  return (
    orderA === orderB &&
    (dialect !== 'postgresql' || nullsA === nullsB) &&
    (a.prefixLength ?? 0) === (b.prefixLength ?? 0) &&
    (a.collation ?? '').toLowerCase() === (b.collation ?? '').toLowerCase() &&
    (a.opclass ?? '').toLowerCase() === (b.opclass ?? '').toLowerCase()
  );
}

export function describeKeys(keys: IndexKey[]): string {
  return keys
    .map((k) => {
      let s = k.column ?? `(${k.expression ?? '?'})`;
      if (k.prefixLength) s += `(${k.prefixLength})`;
      if (k.order === 'desc') s += ' DESC';
      if (k.nulls) s += ` NULLS ${k.nulls.toUpperCase()}`;
      return s;
    })
    .join(', ');
}

export function describeIndex(ix: IndexLike): string {
  if (ix.kind === 'primary') return ix.name ? `primary key \`${ix.name}\`` : 'the primary key';
  if (ix.kind === 'unique') return ix.name ? `unique constraint \`${ix.name}\`` : `the unique constraint on \`(${describeKeys(ix.keys)})\``;
  return ix.name ? `${ix.unique ? 'unique index' : 'index'} \`${ix.name}\`` : `the ${ix.unique ? 'unique ' : ''}index on \`(${describeKeys(ix.keys)})\``;
}

/**
 * Is a partial-index predicate nothing but `col IS NOT NULL` on some of `columns` (joined by AND)? Such an index
 * still serves `col = $1` lookups: PostgreSQL and SQLite both prove that an equality on a column implies it is
 * not null. That is the usual partial index on a nullable foreign key.
 */
function onlyNotNull(where: string, columns: string[], dialect: Dialect): boolean {
  let w = where.trim();
  while (w.startsWith('(') && w.endsWith(')') && balanced(w.slice(1, -1))) w = w.slice(1, -1).trim();
  const want = new Set(columns.map((c) => columnKey(c, dialect).toLowerCase()));
  return w.split(/\s*\band\b\s*/).every((term) => {
    let t = term.trim();
    while (t.startsWith('(') && t.endsWith(')') && balanced(t.slice(1, -1))) t = t.slice(1, -1).trim();
    const m = /^"?([a-z_][\w$]*)"?\s+is\s+not\s+null$/.exec(t);
    return !!m && want.has(m[1]);
  });
}

/** Are the parentheses of `s` balanced (never closing more than opened)? */
export function balanced(s: string): boolean {
  let depth = 0;
  for (const ch of s) {
    if (ch === '(') depth++;
    else if (ch === ')' && --depth < 0) return false;
  }
  return depth === 0;
}

/**
 * Can this index serve lookups on exactly `columns` (an FK check, a join on them)? It can when those columns,
 * in any order, are its leading keys, as plain columns; it is a B-tree (or a hash index on one column) that holds
 * every row with a non-null key (not partial, or partial on `IS NOT NULL` of those columns only); and no prefix
 * length truncates them.
 */
export function servesLookup(ix: IndexLike, columns: string[], dialect: Dialect): boolean {
  if (ix.where !== undefined && !onlyNotNull(ix.where, columns, dialect)) return false;
  if (ix.method !== 'btree' && !(ix.method === 'hash' && columns.length === 1 && ix.keys.length === 1)) return false;
  if (ix.keys.length < columns.length) return false;
  const want = new Set(columns.map((c) => columnKey(c, dialect)));
  for (let i = 0; i < columns.length; i++) {
    const k = ix.keys[i];
    if (k.column === undefined || k.prefixLength) return false;
    if (!want.delete(columnKey(k.column, dialect))) return false;
  }
  return want.size === 0;
}

/**
 * Comparable form of an SQL expression, shared with index keys and partial-index predicates: lower-case, no
 * quotes around identifiers, no `alias.` qualifiers, no `::text` casts pg_dump adds, no white space, redundant
 * parentheses around single words dropped.
 */
export function normSql(raw: string): string {
  const strings: string[] = [];
  let s = raw
    .replace(/'(?:[^']|'')*'/g, (m) => `\u0001${strings.push(m) - 1}\u0002`)
    .replace(/[`"[\]]/g, '')
    .toLowerCase()
    // pg_dump spells out the implicit casts of string columns (`(email)::text`): they change nothing.
    .replace(/::\s*(?:text|character varying|varchar|bpchar|name)(?:\s*\(\s*\d+\s*\))?(?![\w(])/g, '')
    .replace(/\s+/g, '')
    .replace(/\b[a-z_][\w$]*\.(?=[a-z_])/g, '');
  for (let prev = ''; prev !== s; ) {
    prev = s;
    s = s.replace(/\(([\w$.\u0001\u0002]+)\)/g, (m, inner: string, at: number, all: string) => (at > 0 && /[\w$]/.test(all[at - 1]) ? m : inner));
  }
  return s.replace(/\u0001(\d+)\u0002/g, (_m, i: string) => strings[Number(i)]);
}
