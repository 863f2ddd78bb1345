import type { Rule, RuleContext } from './types';
import { columnKey, displayName } from '../model/schema';
import { accessesOf, accessSpan, idealKeys, indexUse, mayBeLarge, type TableAccess } from '../model/workload';
import { indexesOf } from '../model/indexes';

/**
 * A workspace query whose filters no index of the table can serve: every execution reads the whole table. The
 * finding is on the table reference of the query; the fix creates the ERS index (equality columns, then the range
 * or sort column) where the schema is written.
 *
 * Precision: only selective filters count (a comparison with a value, not `IS NULL` or a boolean flag alone); in
 * a join, a table is flagged only when no table of the query has a filter an index serves (then the join can start
 * there and reach the others through their keys); tables filled only by a few seed INSERTs are small.
 */
export const rule: Rule = {
  meta: {
    id: 'query-without-index',
    type: 'problem',
    category: 'performance',
    description: 'A query filters or sorts a table on columns no index can serve',
    dialects: ['postgresql', 'mysql', 'sqlite'],
    defaultSeverity: 'warning',
    fixable: 'sometimes',
    messages: {
      filter: "No index serves this query's filter on `{{table}}` ({{columns}}): every run reads the whole table",
      sort: 'No index delivers `{{table}}` in the order of `ORDER BY {{columns}}` of this query: every run reads and sorts the whole table to return {{limit}} rows',
    },
  },
  checkQuery(ctx, q) {
    const byBlock = new Map<object, TableAccess[]>();
    for (const a of accessesOf(ctx.schema, q)) {
      let l = byBlock.get(a.block);
      if (!l) byBlock.set(a.block, (l = []));
      l.push(a);
    }
    for (const list of byBlock.values()) {
      // A view's own filter is only part of what runs: callers add theirs. Its subqueries run per row as written.
      if (list[0].query.source === 'view' && !list[0].block.nested) continue;
      const filtered = list.filter((a) => filters(a).length > 0);
      // Some table of the query is reached through an index: the rest can follow its join keys.
      if (filtered.some((a) => servedFilter(a))) continue;
      for (const a of filtered) {
        // An index that delivers the ORDER BY of a LIMIT query is read in order until enough rows match.
        if (!mayBeLarge(ctx.schema, a.table) || (a.limit && servedSort(a))) continue;
        report(ctx, a, 'filter');
      }
      if (!filtered.length && list.length === 1) {
        const a = list[0];
        if (a.sort.length && a.limit && !a.block.sort.some((s) => s.expression) && !servedSort(a) && mayBeLarge(ctx.schema, a.table)) report(ctx, a, 'sort');
      }
    }
  },
};

/**
 * The comparisons of the table itself that an index could seek on, and that are selective enough to want one. A
 * wrapped column that leads an index (`date(created_at)` with an index on `created_at`) is left to
 * `non-sargable-predicate`: the remedy is to compare the bare column, not another index.
 */
function filters(a: TableAccess) {
  return [...a.eq.filter((p) => !a.joins.includes(p)), ...a.range].filter(
    (p) => p.op !== 'null' && p.value.kind !== 'bool' && p.value.kind !== 'null' && !(p.expression !== undefined && leadsIndex(a, p.target.column)),
  );
}

function leadsIndex(a: TableAccess, column: string): boolean {
  const k = columnKey(column, a.table.dialect);
  return indexesOf(a.table).some((ix) => ix.method === 'btree' && ix.keys[0]?.column !== undefined && columnKey(ix.keys[0].column, a.table.dialect) === k);
}

function servedFilter(a: TableAccess): boolean {
  const own: TableAccess = { ...a, eq: a.eq.filter((p) => !a.joins.includes(p)), sort: [] };
  return indexesOf(a.table).some((ix) => {
    const u = indexUse(ix, own);
    return !!u && (u.maybe || u.eqKeys > 0 || u.range);
  });
}

function servedSort(a: TableAccess): boolean {
  return indexesOf(a.table).some((ix) => {
    const u = indexUse(ix, a);
    return !!u && (u.maybe || u.sort);
  });
}

function report(ctx: RuleContext, a: TableAccess, messageId: 'filter' | 'sort'): void {
  const t = a.table;
  const ideal = idealKeys(a);
  if (!ideal) return;
  const keys = ideal.columns;
  const d = t.dialect;
  const keyText = keys.map((k) => (k.column ?? `(${k.expression})`) + (k.desc ? ' DESC' : '')).join(', ');
  const roles = ideal.role.map((r, i) => `\`${keys[i].column ?? keys[i].expression}\` (${r})`).join(', ');
  const columns = messageId === 'filter' ? filters(a).map((p) => `\`${p.expression ?? p.target.column}\``) : a.sort.map((s) => `\`${s.target.column}${s.desc ? ' DESC' : ''}\``);
  const unique = [...new Set(columns)].join(', ');
  const limit = a.block.limit?.value !== undefined ? String(a.block.limit.value) : 'a few';
  ctx.report({
    messageId,
    data: { table: displayName(t.name), columns: messageId === 'filter' ? unique : unique.replace(/`/g, ''), limit },
    at: { file: a.query.file, span: accessSpan(a) },
    help:
      `An index on \`${displayName(t.name)}(${keyText})\` serves it — ${roles}: equality columns first, then the range or sort column (ERS). ` +
      (d === 'postgresql' ? 'On a table that already holds rows, build it with CREATE INDEX CONCURRENTLY in its own migration.' : d === 'mysql' ? 'InnoDB builds it online (ALGORITHM=INPLACE, LOCK=NONE).' : ''),
    fixes: [ctx.fixes.addIndexForTable(t, keys)],
    related: [{ at: t, part: 'name', message: `\`${displayName(t.name)}\` is defined here with ${indexesOf(t).length} index${indexesOf(t).length === 1 ? '' : 'es'}` }],
  });
}
