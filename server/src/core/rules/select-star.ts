import type { Rule } from './types';
import { displayName } from '../model/schema';
import type { QueryBlock, QueryDef, TableRef } from '../model/types';

/** The blocks whose select list is what the query returns: its body and its UNION arms (not CTEs, derived tables or subqueries, whose columns the query narrows). */
function resultBlocks(query: QueryDef): QueryBlock[] {
  return query.blocks.filter((b) => b.role === 'main' || b.role === 'union');
}

/** The table references a block's `*` reads: all of them for `*`; for `q.*`, the one named or aliased `q` (none: a CTE or derived table). */
function starTables(b: QueryBlock): TableRef[] {
  const q = b.starQualifier?.toLowerCase();
  if (q === undefined) return b.tables;
  return b.tables.filter((t) => (t.alias ?? t.table.name).toLowerCase() === q);
}

/**
 * `SELECT *` / `t.*` in the result of an application query or of a view. A query reads and ships every column,
 * and can no longer be answered from an index alone; a view freezes its column list when it is created
 * (PostgreSQL, MySQL) or changes it with every table change (SQLite). Off by default: a convention teams opt into.
 */
export const rule: Rule = {
  meta: {
    id: 'select-star',
    type: 'suggestion',
    category: 'performance',
    description: 'Queries and views should list the columns they return instead of `SELECT *`',
    dialects: ['postgresql', 'mysql', 'sqlite'],
    defaultSeverity: 'off',
    fixable: 'never',
    messages: {
      query: 'This query selects `*` from {{from}}, so it reads every column, including any added later',
      viewFrozen: 'View `{{view}}` selects `*`, which {{database}} expands into the columns that exist when the view is created',
      viewFollows: 'View `{{view}}` selects `*`, so its columns change whenever {{from}} changes',
    },
  },
  checkQuery(ctx, q) {
    const d = ctx.schema.dialect;
    {
      for (const b of resultBlocks(q.query)) {
        if (!b.star) continue;
        const read = starTables(b);
        // Only a table's `*` is open-ended: over a CTE or a derived table it is the column list written there.
        if (!read.length) continue;
        const names = [...new Set(read.map((t) => `\`${displayName(t.table)}\``))];
        const list = names.join(', ');
        if (q.source === 'view' && q.view) {
          const view = displayName(q.view);
          const frozen = d !== 'sqlite';
          ctx.report({
            messageId: frozen ? 'viewFrozen' : 'viewFollows',
            data: { view, database: d === 'postgresql' ? 'PostgreSQL' : 'MySQL', from: list },
            at: { file: q.file, span: b.star },
            help: frozen
              ? `List the columns: a column added to ${list} later does not appear in \`${view}\` until the view is re-created, and dropping one the view expanded fails while the view exists`
              : `List the columns: SQLite stores the view's text and expands \`*\` each time it is read, so adding, dropping or reordering columns of ${list} silently changes what \`${view}\` returns`,
          });
          continue;
        }
        ctx.report({
          messageId: 'query',
          data: { from: list },
          at: { file: q.file, span: b.star },
          help:
            'List the columns the code uses: the database then reads and sends only those, an index holding them all can answer without touching the table ' +
            `(${d === 'postgresql' ? 'an index-only scan' : d === 'mysql' ? 'a covering index' : 'a covering index'}), and a column added or reordered later does not change what the code receives`,
        });
      }
    }
  },
};
