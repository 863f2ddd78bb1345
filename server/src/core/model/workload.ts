/**
 * The workload against the schema: each query block's table references resolved to model tables, each table's
 * access (equality, range, sort, the comparisons no index can seek on), and which index can serve it and how.
 *
 * The matching follows what a B-tree can do, in every dialect: a seek on a left prefix of the keys compared by
 * equality (`=`, `IN`, `IS NULL`, join equality), then at most one range on the next key, or — instead of the
 * range — rows delivered in the order of the next keys (the sort served, all keys scanned the same way or all
 * reversed). Partial indexes serve only queries that imply their predicate (the same comparison written in the
 * query, or an equality on the column of an `IS NOT NULL` predicate); expression indexes serve comparisons on the
 * same expression; InnoDB secondary indexes end with the primary key, SQLite's with the rowid.
 */
import type { ColumnUse, IndexKey, Predicate, QueryBlock, QueryDef, SortKey, Span } from './types';
import type { Schema, Table, WorkloadQuery } from './schema';
import { columnKey, findColumn, findTable, nameKey, primaryKey, workloadPartsOf } from './schema';
import { balanced, indexesOf, normSql, type IndexLike } from './indexes';

/** One table of one query block, as that block reads it. */
export interface TableAccess {
  query: WorkloadQuery;
  block: QueryBlock;
  ref: number;
  table: Table;
  /** Seekable equality comparisons on this table (`=`, `IN`, `IS NULL`, a join's equality), not inside OR/NOT. */
  eq: Predicate[];
  /** Seekable range comparisons (`<`, `BETWEEN`, `LIKE 'abc%'`). */
  range: Predicate[];
  /** Comparisons on this table no plain index seeks on (`<>`, a leading wildcard, inside OR …). */
  other: Predicate[];
  /** The block's ORDER BY when every key is a column of this table (else empty). */
  sort: SortKey[];
  /** Columns this block reads from the table (select list, other clauses), for covering. */
  reads: string[];
  /** The block reads `*`. */
  star: boolean;
  limit: boolean;
  /** Equality with a column of another table of the block (a join): the table can be reached through it. */
  joins: Predicate[];
}

export interface IndexUse {
  index: IndexLike;
  /** Leading keys sought by equality. */
  eqKeys: number;
  /** The key after them is sought by a range. */
  range: boolean;
  /** The index delivers the block's ORDER BY (no sort step). */
  sort: boolean;
  /** Every column the block reads of the table is in the index (an index-only scan, where the dialect has one). */
  covering: boolean;
  /** A method we do not model (GIN, GiST, BRIN, FULLTEXT …) with a key the query compares: it may serve. */
  maybe?: boolean;
}

const cache = new WeakMap<Schema, TableAccess[]>();
/** Per query: its accesses, valid while the schema's tables are the same (an edit in another query keeps them). */
const perQuery = new WeakMap<QueryDef, { tables: Schema['tables']; file: string; list: TableAccess[] }>();

/** Every (block, table) access of the schema's workload. Tables not in the model are left out. */
export function accesses(schema: Schema): TableAccess[] {
  let list = cache.get(schema);
  if (!list) {
    list = [];
    for (const q of schema.workload) list.push(...accessesOf(schema, q));
    cache.set(schema, list);
  }
  return list;
}

/** The accesses of one workload query. */
export function accessesOf(schema: Schema, q: WorkloadQuery): TableAccess[] {
  const hit = perQuery.get(q.query);
  if (hit && hit.tables === schema.tables && hit.file === q.file) return hit.list;
  const list: TableAccess[] = [];
  for (const b of q.query.blocks) list.push(...blockAccesses(schema, q, b));
  perQuery.set(q.query, { tables: schema.tables, file: q.file, list });
  return list;
}

/** Accesses of one table, grouped (the index rules' usual view): tables in order of first access, accesses in workload order. */
export function accessesByTable(schema: Schema): ReadonlyMap<Table, readonly TableAccess[]> {
  let m = byTable.get(schema);
  if (m) return m;
  const parts = workloadPartsOf(schema.workload);
  const ofParts = parts.map((p) => partAccesses(schema, p));
  // Against the last grouping over the same tables: a table no changed part accesses keeps its list.
  const last = lastGrouping.get(schema.tables);
  let touched: Set<Table> | undefined;
  if (last) {
    touched = new Set();
    const mark = (p: readonly WorkloadQuery[]) => (perPart.get(p)?.byTable ?? EMPTY).forEach((_, t) => touched!.add(t));
    if (last.parts.length === parts.length) {
      // Usually the same parts in the same places but the edited file's.
      for (let i = 0; i < parts.length; i++) {
        if (parts[i] === last.parts[i]) continue;
        mark(parts[i]);
        mark(last.parts[i]);
      }
    } else {
      const now = new Set(parts);
      const before = new Set(last.parts);
      for (const p of parts) if (!before.has(p)) mark(p);
      for (const p of last.parts) if (!now.has(p)) mark(p);
    }
  }
  const out = new Map<Table, TableAccess[]>();
  for (const pa of ofParts) {
    pa.byTable.forEach((l, t) => {
      const cur = out.get(t);
      if (cur) {
        if (touched?.has(t) !== false) for (const a of l) cur.push(a);
        return;
      }
      const kept = touched && !touched.has(t) ? last!.byTable.get(t) : undefined;
      if (touched && !kept) touched.add(t);
      out.set(t, kept ?? l.slice());
    });
  }
  m = out;
  byTable.set(schema, m);
  lastGrouping.set(schema.tables, { parts, byTable: m });
  return m;
}
const byTable = new WeakMap<Schema, Map<Table, TableAccess[]>>();
const lastGrouping = new WeakMap<Schema['tables'], { parts: readonly (readonly WorkloadQuery[])[]; byTable: Map<Table, TableAccess[]> }>();
const EMPTY = new Map<Table, TableAccess[]>();

/** One part's accesses, by table (valid while the schema's tables are the same). */
const perPart = new WeakMap<readonly WorkloadQuery[], { tables: Schema['tables']; byTable: Map<Table, TableAccess[]> }>();
function partAccesses(schema: Schema, part: readonly WorkloadQuery[]): { byTable: Map<Table, TableAccess[]> } {
  const hit = perPart.get(part);
  if (hit && hit.tables === schema.tables) return hit;
  const m = new Map<Table, TableAccess[]>();
  for (const q of part) {
    for (const a of accessesOf(schema, q)) {
      let l = m.get(a.table);
      if (!l) m.set(a.table, (l = []));
      l.push(a);
    }
  }
  const v = { tables: schema.tables, byTable: m };
  perPart.set(part, v);
  return v;
}

/** The table a block's reference `ref` resolves to. */
export function resolveRef(schema: Schema, block: QueryBlock, ref: number): Table | undefined {
  const r = block.tables[ref];
  return r ? findTable(schema, r.table) : undefined;
}

/**
 * The reference a column use belongs to: as written, or for an unqualified column in a block of several tables
 * the one table that has a column of that name (none or several: unknown).
 */
export function refOf(schema: Schema, block: QueryBlock, use: ColumnUse): number | undefined {
  if (use.outer) return undefined;
  if (use.ref !== undefined) return use.ref;
  let found: number | undefined;
  for (let i = 0; i < block.tables.length; i++) {
    const t = resolveRef(schema, block, i);
    if (t && findColumn(t, use.column)) {
      if (found !== undefined) return undefined;
      found = i;
    }
  }
  return found;
}

function blockAccesses(schema: Schema, query: WorkloadQuery, block: QueryBlock): TableAccess[] {
  const out: TableAccess[] = [];
  const tables = block.tables.map((_, i) => resolveRef(schema, block, i));
  const byRef = new Map<number, TableAccess>();
  tables.forEach((table, ref) => {
    if (!table) return;
    const a: TableAccess = { query, block, ref, table, eq: [], range: [], other: [], sort: [], reads: [], star: !!block.star, limit: !!block.limit, joins: [] };
    byRef.set(ref, a);
    out.push(a);
  });
  if (!out.length) return out;
  for (const raw of block.predicates) {
    const r = refOf(schema, block, raw.target);
    const a = r === undefined ? undefined : byRef.get(r);
    const col = a && findColumn(a.table, raw.target.column);
    if (!a || !col) continue;
    // A cast PostgreSQL drops (to the column's own type, or `::text` on a varchar: pg_dump writes it in every view)
    // leaves the plain column, which its index serves.
    const p = raw.form === 'cast' && noOpCast(schema, col.type.name, raw.fn ?? '') ? { ...raw, expression: undefined, form: undefined, fn: undefined } : raw;
    const joinOther = p.value.kind === 'column' && p.value.column && !p.value.column.outer ? refOf(schema, block, p.value.column) : undefined;
    if (joinOther === r && joinOther !== undefined) {
      a.other.push(p); // a comparison between two columns of one row: no seek
      continue;
    }
    if (p.inOr || p.op === 'like' || p.op === 'other' || convertsColumn(schema, col.type.name, p)) a.other.push(p);
    else if (p.op === 'range') a.range.push(p);
    else {
      a.eq.push(p);
      if (joinOther !== undefined) a.joins.push(p);
    }
  }
  if (block.sort.length) {
    const refs = block.sort.map((s) => refOf(schema, block, s.target));
    const r = refs[0];
    const a = r === undefined ? undefined : byRef.get(r);
    if (a && refs.every((x) => x === r) && block.sort.every((s) => findColumn(a.table, s.target.column))) a.sort = block.sort;
  }
  const reads = (uses: ColumnUse[]) => {
    for (const u of uses) {
      const r = refOf(schema, block, u);
      const a = r === undefined ? undefined : byRef.get(r);
      if (a && !a.reads.includes(u.column)) a.reads.push(u.column);
    }
  };
  reads(block.selected);
  reads(block.groupBy);
  reads(block.predicates.map((p) => p.target));
  reads(block.sort.map((s) => s.target));
  return out;
}

const MYSQL_STRINGS = new Set(['varchar', 'char', 'text', 'tinytext', 'mediumtext', 'longtext', 'enum', 'set']);

/** MySQL compares a string column with a number as numbers: it converts every row's value, no index seeks. */
function convertsColumn(schema: Schema, columnType: string, p: Predicate): boolean {
  if (schema.dialect !== 'mysql' || p.expression !== undefined) return false;
  return MYSQL_STRINGS.has(columnType) && p.value.kind === 'number';
}

const TEXTUAL = new Set(['text', 'varchar', 'character varying', 'bpchar', 'char', 'character', 'name', 'citext']);
const PG_TYPE_NAMES: Record<string, string> = { int2: 'smallint', int4: 'integer', int: 'integer', int8: 'bigint', float4: 'real', float8: 'double precision', bool: 'boolean', timestamp: 'timestamp', timestamptz: 'timestamptz', decimal: 'numeric' };

/** PostgreSQL: a cast to the column's own type, or between text types (binary-coercible), changes nothing. */
function noOpCast(schema: Schema, columnType: string, castType: string): boolean {
  if (schema.dialect !== 'postgresql') return false;
  const to = PG_TYPE_NAMES[castType] ?? castType;
  return to === columnType || (TEXTUAL.has(to) && TEXTUAL.has(columnType));
}

// ---------------------------------------------------------------------------------------------------------
// Index matching

function keyMatches(k: IndexKey, p: { target: ColumnUse; expression?: string }, t: Table): boolean {
  if (k.column !== undefined) return p.expression === undefined && columnKey(k.column, t.dialect) === columnKey(p.target.column, t.dialect);
  return p.expression !== undefined && k.expression !== undefined && normSql(k.expression) === p.expression;
}

/** The keys the database walks: InnoDB secondary indexes end with the primary key, SQLite ones with the rowid. */
export function effectiveKeys(ix: IndexLike, t: Table): IndexKey[] {
  if (ix.kind === 'primary') return ix.keys;
  const pk = primaryKey(t);
  if (!pk) return ix.keys;
  const rowid = t.dialect === 'sqlite' && !t.withoutRowid && pk.columns.length === 1 && findColumn(t, pk.columns[0])?.type.name === 'integer';
  if (t.dialect !== 'mysql' && !rowid) return ix.keys;
  if (t.dialect === 'mysql' && t.engine && t.engine.toLowerCase() !== 'innodb') return ix.keys;
  const extra = pk.columns.filter((c) => !ix.keys.some((k) => k.column !== undefined && columnKey(k.column, t.dialect) === columnKey(c, t.dialect)));
  return [...ix.keys, ...extra.map((column) => ({ column, span: ix.origin.span }))];
}

/** Does the query prove the partial index's predicate? Each of its AND terms written in the query, or `c IS NOT NULL` with `c` compared by equality. */
export function impliesPredicate(a: TableAccess, where: string): boolean {
  const said = new Set([...a.eq, ...a.range, ...a.other].filter((p) => !p.inOr).map((p) => p.text));
  return splitAnd(where).every((raw) => {
    const term = normSql(raw);
    if (said.has(term)) return true;
    const nn = /^([\w$]+)isnotnull$/.exec(term);
    if (nn) return [...a.eq, ...a.range].some((p) => p.op !== 'null' && !p.expression && columnKey(p.target.column, a.table.dialect).toLowerCase() === nn[1]);
    return false;
  });
}

/** Top-level AND terms of a predicate as written (outer parentheses dropped). */
function splitAnd(where: string): string[] {
  let s = where.trim();
  while (s.startsWith('(') && s.endsWith(')') && balanced(s.slice(1, -1))) s = s.slice(1, -1).trim();
  const out: string[] = [];
  let depth = 0;
  let last = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (c === '(') depth++;
    else if (c === ')') depth--;
    else if (c === "'") {
      const j = s.indexOf("'", i + 1);
      i = j < 0 ? s.length : j;
    } else if (depth === 0 && /^and\b/i.test(s.slice(i, i + 4)) && /\s|\)/.test(s[i - 1] ?? '')) {
      out.push(s.slice(last, i));
      last = i + 3;
    }
  }
  out.push(s.slice(last));
  return out.map((t) => t.trim()).filter(Boolean);
}

/** How `ix` can serve the access (undefined when it cannot: a partial index the query does not imply, …). */
export function indexUse(ix: IndexLike, a: TableAccess): IndexUse | undefined {
  const t = a.table;
  if (ix.where !== undefined && !impliesPredicate(a, ix.where)) return undefined;
  if (ix.method !== 'btree') {
    if (ix.method === 'hash') {
      const k = ix.keys[0];
      const eq = ix.keys.length === 1 && a.eq.some((p) => p.op !== 'null' && keyMatches(k, p, t));
      return eq ? { index: ix, eqKeys: 1, range: false, sort: false, covering: false } : undefined;
    }
    const touches = ix.keys.some((k) =>
      [...a.eq, ...a.range, ...a.other, ...a.sort].some((p) => keyMatches(k, p, t) || (k.column !== undefined && columnKey(k.column, t.dialect) === columnKey(p.target.column, t.dialect))),
    );
    return touches ? { index: ix, eqKeys: 0, range: false, sort: false, covering: false, maybe: true } : undefined;
  }
  const keys = effectiveKeys(ix, t);
  let eqKeys = 0;
  while (eqKeys < keys.length && a.eq.some((p) => keyMatches(keys[eqKeys], p, t))) eqKeys++;
  const next = keys[eqKeys];
  const range = !!next && !next.prefixLength && a.range.some((p) => keyMatches(next, p, t));
  const sort = servesSort(keys, eqKeys, a);
  const covering = !a.star && a.reads.length > 0 && a.reads.every((c) => keys.some((k) => k.column !== undefined && !k.prefixLength && columnKey(k.column, t.dialect) === columnKey(c, t.dialect)) || ix.include.some((x) => columnKey(x, t.dialect) === columnKey(c, t.dialect)));
  if (eqKeys === 0 && !range && !sort) return undefined;
  return { index: ix, eqKeys, range, sort, covering };
}

/** Keys from `from` on deliver the ORDER BY, skipping keys fixed by equality; all forward or all backward. */
function servesSort(keys: IndexKey[], from: number, a: TableAccess): boolean {
  if (!a.sort.length) return false;
  const t = a.table;
  const fixed = (k: IndexKey) => a.eq.some((p) => p.op !== 'in' && keyMatches(k, p, t));
  const sortKeys = a.sort.filter((s) => !keys.slice(0, from).some((k) => keyMatches(k, s, t)));
  if (!sortKeys.length) return true; // ORDER BY only columns fixed by equality
  let i = from;
  let dir: boolean | undefined;
  for (const s of sortKeys) {
    while (i < keys.length && !keyMatches(keys[i], s, t) && fixed(keys[i])) i++;
    const k = keys[i];
    if (!k || !keyMatches(k, s, t) || k.prefixLength) return false;
    const forward = (k.order === 'desc') === s.desc;
    if (t.dialect === 'postgresql') {
      const kn = k.nulls ?? (k.order === 'desc' ? 'first' : 'last');
      const sn = s.nulls ?? (s.desc ? 'first' : 'last');
      if ((kn === sn) !== forward) return false;
    }
    if (dir === undefined) dir = forward;
    else if (dir !== forward) return false;
    i++;
  }
  return true;
}

/** Is use `x` at least as good as `y` for the access: more equality keys, then a range, then the sort, then covering. */
export function compareUse(x: IndexUse, y: IndexUse): number {
  return x.eqKeys - y.eqKeys || Number(x.range) - Number(y.range) || Number(x.sort) - Number(y.sort) || Number(x.covering) - Number(y.covering) || y.index.keys.length - x.index.keys.length;
}

/**
 * The index the planner would most likely pick, by the rule above (undefined: none can serve). An index that seeks
 * on the table's own filters wins over one reached only through a join's equality (the join then starts here).
 */
export function bestIndex(a: TableAccess, exclude?: IndexLike): IndexUse | undefined {
  const pick = (x: TableAccess) => {
    let best: IndexUse | undefined;
    for (const ix of indexesOf(x.table)) {
      if (ix === exclude) continue;
      const u = indexUse(ix, x);
      if (u && !u.maybe && (!best || compareUse(u, best) > 0)) best = u;
    }
    return best;
  };
  if (!a.joins.length) return pick(a);
  const own = pick({ ...a, eq: a.eq.filter((p) => !a.joins.includes(p)) });
  return own && (own.eqKeys > 0 || own.range) ? own : pick(a);
}

/** Any index, modelled or not, that may serve the access. */
export function anyIndexMayServe(a: TableAccess): boolean {
  return indexesOf(a.table).some((ix) => !!indexUse(ix, a));
}

/**
 * The ERS index for an access: equality columns (in the order the query writes them), then the range column —
 * or, with a LIMIT (or no range), the ORDER BY columns. Plain columns only; undefined when nothing is seekable.
 */
export function idealKeys(a: TableAccess): { columns: { column?: string; expression?: string; desc?: boolean }[]; role: ('equality' | 'range' | 'sort')[] } | undefined {
  const cols: { column?: string; expression?: string; desc?: boolean }[] = [];
  const role: ('equality' | 'range' | 'sort')[] = [];
  const seen = new Set<string>();
  const key = (p: { target: ColumnUse; expression?: string }) => p.expression ?? columnKey(p.target.column, a.table.dialect);
  const add = (p: { target: ColumnUse; expression?: string }, r: 'equality' | 'range' | 'sort', desc?: boolean) => {
    if (seen.has(key(p))) return;
    seen.add(key(p));
    cols.push(p.expression ? { expression: p.expression } : { column: findColumn(a.table, p.target.column)?.name ?? p.target.column, ...(desc ? { desc } : {}) });
    role.push(r);
  };
  // Join equalities first only when the table has no filter of its own: it is then reached through the join.
  const filters = a.eq.filter((p) => !a.joins.includes(p));
  for (const p of filters.length ? filters : a.eq) add(p, 'equality');
  const useSort = a.sort.length > 0 && (a.limit || !a.range.length) && a.sort.every((s) => !s.expression);
  if (useSort) for (const s of a.sort) add(s, 'sort', s.desc && a.sort.every((x) => x.desc) ? undefined : s.desc);
  else if (a.range.length) add(a.range[0], 'range');
  return cols.length ? { columns: cols, role } : undefined;
}

/** A table whose only known rows are this many literal INSERTs (a lookup table) is read whole in a few pages. */
const SMALL_TABLE_ROWS = 100;

/** Can the table hold enough rows for an index to matter? Not when only a few seed INSERTs fill it (and the application inserts none). */
export function mayBeLarge(schema: Schema, t: Table): boolean {
  if (t.temporary || t.virtual) return false;
  const seeded = schema.inserts.get(nameKey(t.name, schema.dialect));
  return !seeded || seeded.application || seeded.rows > SMALL_TABLE_ROWS;
}

/** Where a finding about an access points: the table reference in FROM. */
export function accessSpan(a: TableAccess): Span {
  return a.block.tables[a.ref].span;
}
