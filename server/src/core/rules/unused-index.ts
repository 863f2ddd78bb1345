import type { Rule } from './types';
import type { Schema, Table } from '../model/schema';
import type { Predicate } from '../model/types';
import { columnKey, displayName, findColumn, findTable } from '../model/schema';
import { describeIndex, describeKeys, indexesOf, servesLookup, type IndexLike } from '../model/indexes';
import { accessesByTable, accessSpan, bestIndex, effectiveKeys, indexUse, refOf, type TableAccess } from '../model/workload';
import { capitalize } from './duplicate-index';

/**
 * A plain B-tree index that no query of the workspace can use, on a table the workspace queries often enough for
 * that to mean something. Off by default: the workspace rarely holds every query (ORM calls, other services,
 * ad-hoc reporting), so "no query here uses it" is a lead, not a verdict.
 *
 * "Can use" is generous (precision over recall): a seek, a range, a sort, but also an index-only scan (the index
 * holds every column the query reads: `SELECT max(created_at)`), a GROUP BY on its leading column, and the probe
 * side of `IN (SELECT col …)`. Indexes that back a key, a foreign key (either side) or use a method we do not
 * model are never reported.
 */
export const rule: Rule = {
  meta: {
    id: 'unused-index',
    type: 'suggestion',
    category: 'indexing',
    description: 'Indexes should serve at least one query of the workspace (off by default)',
    dialects: ['postgresql', 'mysql', 'sqlite'],
    // The workspace may not hold all queries: a team opts in ("unused-index": "hint").
    defaultSeverity: 'off',
    workload: true,
    fixable: 'sometimes',
    messages: {
      unused: '{{index}} on `{{table}}({{keys}})` serves none of the {{count}} workspace queries on `{{table}}`',
    },
    options: {
      minQueries: {
        type: 'number',
        default: 3,
        description: 'Report only when at least this many query blocks (SELECT bodies, subqueries, UPDATE/DELETE) read the table.',
      },
    },
  },
  check(ctx) {
    const schema = ctx.schema;
    const min = typeof ctx.options.minQueries === 'number' ? ctx.options.minQueries : 3;
    const referenced = referencedIndexes(schema);
    for (const [t, list] of accessesByTable(schema)) {
      const blocks = new Set(list.map((a) => a.block));
      if (blocks.size < Math.max(1, min)) continue;
      for (const ix of indexesOf(t)) {
        if (ix.kind !== 'index' || ix.unique || ix.method !== 'btree' || referenced.has(ix) || ix.index?.implicit) continue;
        if (backsForeignKey(ix, t)) continue;
        if (list.some((a) => usableBy(schema, ix, a))) continue;
        ctx.report({
          messageId: 'unused',
          data: { index: capitalize(describeIndex(ix)), table: displayName(t.name), keys: describeKeys(ix.keys), count: blocks.size },
          at: ix,
          part: 'name',
          help: `No query in the workspace seeks, sorts or scans through ${describeIndex(ix)}, and every insert and delete on \`${displayName(t.name)}\` updates it. Drop it ${STATS[t.dialect] ?? 'once you know no query outside the workspace needs it'}.`,
          fixes: ix.index ? [ctx.fixes.removeIndex(ix.index, `Remove ${describeIndex(ix)}`)] : [],
          related: list.slice(0, 3).map((a) => ({
            at: { file: a.query.file, span: accessSpan(a) },
            message: `A query on \`${displayName(t.name)}\` that cannot use it`,
          })),
        });
      }
    }
  },
};

/** Where each database says whether an index is used (queries outside the workspace may need it). */
const STATS: Record<string, string> = {
  postgresql: 'once `pg_stat_user_indexes.idx_scan` agrees on every server (queries outside the workspace may need it)',
  mysql: 'once `sys.schema_unused_indexes` agrees (queries outside the workspace may need it); MySQL 8 can make it INVISIBLE first',
};

/** Does the index support a foreign key of its table (the key checks, and InnoDB needs one for each key)? */
export function backsForeignKey(ix: IndexLike, t: Table): boolean {
  return t.constraints.some((c) => c.kind === 'foreign' && c.columns.length > 0 && servesLookup(ix, c.columns, t.dialect));
}

/**
 * Indexes that lead with the columns a foreign key of another table references: PostgreSQL and SQLite need a unique
 * one (unique indexes are never reported anyway), InnoDB accepts any index that leads with them and refuses to
 * drop it while the key exists.
 */
function referencedIndexes(schema: Schema): Set<IndexLike> {
  const out = new Set<IndexLike>();
  for (const t of schema.tables.values()) {
    for (const c of t.constraints) {
      if (c.kind !== 'foreign' || !c.references) continue;
      const parent = findTable(schema, c.references.table);
      if (!parent || !c.references.columns.length) continue;
      for (const ix of indexesOf(parent)) if (servesLookup(ix, c.references.columns, parent.dialect)) out.add(ix);
    }
  }
  return out;
}

/** How an index can serve an access, when it can: see `usableBy`. */
export type IndexUsage = 'seek' | 'partial' | 'or-arm' | 'probe' | 'index-only' | 'group';

/**
 * Can the index serve this access in any way a planner may choose: a seek, a range, the sort (`indexUse`, where a
 * method we do not model counts when it touches a compared column; a partial index also when the query compares
 * every column of its predicate, outside any OR), one arm of an OR on its leading column (the
 * arms' indexes combined: PostgreSQL BitmapOr, MySQL index merge, SQLite multi-index OR), the probe of
 * `IN (SELECT col …)` on its leading column, or — when no index seeks for the access — a scan of the index instead of the table: every
 * column the block reads is in it (an index-only scan), or the block groups on its leading column.
 */
export function usableBy(schema: Schema, ix: IndexLike, a: TableAccess): IndexUsage | undefined {
  if (indexUse(ix, a)) return 'seek';
  const t = a.table;
  // The model proves a partial predicate only from equalities and ranges written the same way; a query that also
  // compares every column of the predicate (`archived_at IS NOT NULL`, `status <> 'x'`) may well imply it.
  if (ix.where !== undefined) return indexUse({ ...ix, where: undefined }, a) && predicateColumnsCompared(ix.where, a) ? 'partial' : undefined;
  if (ix.method !== 'btree') return undefined;
  const keys = effectiveKeys(ix, t);
  const lead = keys[0]?.column;
  const isLead = (col: string) => lead !== undefined && columnKey(col, t.dialect) === columnKey(lead, t.dialect);
  const leadExpr = keys[0]?.expression?.replace(/[\s"`]/g, '').toLowerCase();
  const seekable = (p: Predicate) => p.op === 'eq' || p.op === 'in' || p.op === 'null' || p.op === 'range';
  if (a.other.some((p) => p.inOr && seekable(p) && (p.expression === undefined ? isLead(p.target.column) : p.expression === leadExpr))) return 'or-arm';
  if (a.block.nested && a.block.selected.some((c) => refOf(schema, a.block, c) === a.ref && isLead(c.column))) return 'probe';
  // Scanning a whole index instead of the table is a plan only when no index seeks: otherwise the seek wins.
  if (bestIndex(a)) return undefined;
  const has = (col: string) => keys.some((k) => k.column !== undefined && !k.prefixLength && columnKey(k.column, t.dialect) === columnKey(col, t.dialect)) || ix.include.some((c) => columnKey(c, t.dialect) === columnKey(col, t.dialect));
  if (!a.star && a.reads.length > 0 && a.reads.every(has)) return 'index-only';
  if (a.block.groupBy.some((g) => refOf(schema, a.block, g) === a.ref && isLead(g.column))) return 'group';
  return undefined;
}

/**
 * Does the access compare (outside any OR) every column of the table that the partial-index predicate names, in a
 * way the model cannot hold against it: an operator it does not prove from (`<>`, `IS NOT NULL` …) or a value
 * known only when the query runs (a parameter: PostgreSQL plans it with the value)? A different literal
 * (`status = 'open'` against `WHERE status = 'failed'`) does not count.
 */
function predicateColumnsCompared(where: string, a: TableAccess): boolean {
  const t = a.table;
  const words = where.replace(/'(?:[^']|'')*'/g, ' ').match(/[A-Za-z_][\w$]*/g) ?? [];
  const cols = [...new Set(words.filter((w) => findColumn(t, w)).map((w) => columnKey(w, t.dialect)))];
  const literal = new Set(['string', 'number', 'bool', 'null', 'list']);
  const compared = [...a.eq, ...a.range, ...a.other]
    .filter((p) => !p.inOr && !p.expression && (a.other.includes(p) || !literal.has(p.value.kind)))
    .map((p) => columnKey(p.target.column, t.dialect));
  return cols.length > 0 && cols.every((c) => compared.includes(c));
}
