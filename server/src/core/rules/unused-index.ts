import type { Rule } from './types';
import type { Schema, Table } from '../model/schema';
import { columnKey, displayName, findTable } from '../model/schema';
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
        if (ix.kind !== 'index' || ix.unique || ix.method !== 'btree' || referenced.has(ix)) continue;
        if (backsForeignKey(ix, t)) continue;
        if (list.some((a) => mayUse(schema, ix, a))) continue;
        ctx.report({
          messageId: 'unused',
          data: { index: capitalize(describeIndex(ix)), table: displayName(t.name), keys: describeKeys(ix.keys), count: blocks.size },
          at: ix,
          part: 'name',
          help: `No query in the workspace seeks, sorts or scans through ${describeIndex(ix)}, and every insert and delete on \`${displayName(t.name)}\` updates it. Drop it once the database's own statistics (pg_stat_user_indexes, sys.schema_unused_indexes) agree: queries outside the workspace may need it.`,
          fixes: ix.index ? [ctx.fixes.removeIndex(ix.index, `Remove unused ${describeIndex(ix)}`)] : [],
          related: list.slice(0, 3).map((a) => ({
            at: { file: a.query.file, span: accessSpan(a) },
            message: `A query on \`${displayName(t.name)}\` that cannot use it`,
          })),
        });
      }
    }
  },
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

/**
 * Can the index serve this access in any way a planner may choose: a seek, a range, the sort (`indexUse`, where a
 * method we do not model counts when it touches a compared column), the probe of `IN (SELECT col …)` on its
 * leading column, or — when no index seeks for the access — a scan of the index instead of the table: every
 * column the block reads is in it (an index-only scan), or the block groups on its leading column.
 */
export function mayUse(schema: Schema, ix: IndexLike, a: TableAccess): boolean {
  if (indexUse(ix, a)) return true;
  if (ix.where !== undefined || ix.method !== 'btree') return false;
  const t = a.table;
  const keys = effectiveKeys(ix, t);
  const lead = keys[0]?.column;
  const isLead = (col: string) => lead !== undefined && columnKey(col, t.dialect) === columnKey(lead, t.dialect);
  if (a.block.nested && a.block.selected.some((c) => refOf(schema, a.block, c) === a.ref && isLead(c.column))) return true;
  // Scanning a whole index instead of the table is a plan only when no index seeks: otherwise the seek wins.
  if (bestIndex(a)) return false;
  const has = (col: string) => keys.some((k) => k.column !== undefined && !k.prefixLength && columnKey(k.column, t.dialect) === columnKey(col, t.dialect)) || ix.include.some((c) => columnKey(c, t.dialect) === columnKey(col, t.dialect));
  if (!a.star && a.reads.length > 0 && a.reads.every(has)) return true;
  return a.block.groupBy.some((g) => refOf(schema, a.block, g) === a.ref && isLead(g.column));
}
