import type { Rule } from './types';
import type { Schema, Column } from '../model/schema';
import { displayName, findColumn, nameKey } from '../model/schema';
import { describeIndex, indexesOf } from '../model/indexes';
import { capitalize } from './duplicate-index';

/** Largest enum that still counts as "a handful of values": at 3 values each one is a third of the rows on average. */
const MAX_VALUES = 3;

/**
 * A full, non-unique, single-column B-tree index on a boolean (or an enum of at most three values): each key value
 * matches a large share of the table, so the planner reads the table instead, while every write maintains the index.
 * Unique, partial, multi-column and expression indexes are never reported: those can be selective.
 */
export const rule: Rule = {
  meta: {
    id: 'low-selectivity-index',
    type: 'suggestion',
    category: 'indexing',
    description: 'Single-column indexes on booleans or tiny enums rarely narrow a scan',
    dialects: ['postgresql', 'mysql', 'sqlite'],
    defaultSeverity: 'hint',
    fixable: 'never',
    messages: {
      lowSelectivity: '{{index}} on `{{table}}({{column}})` indexes {{what}}, too few distinct values to narrow a scan',
    },
  },
  checkTable(ctx, t) {
    const d = ctx.schema.dialect;
    if (t.unclosed || t.virtual) return;
    for (const ix of indexesOf(t)) {
      if (ix.kind !== 'index' || ix.unique || ix.where !== undefined || ix.method !== 'btree' || ix.keys.length !== 1 || ix.include.length > 0) continue;
      const key = ix.keys[0];
      if (key.column === undefined || key.prefixLength) continue;
      const col = findColumn(t, key.column);
      const what = col && lowCardinality(ctx.schema, col);
      if (!what) continue;
      const table = displayName(t.name);
      const help =
        d === 'mysql'
          ? `MySQL has no partial indexes: if queries filter on \`${col.name}\` together with a selective column, index that column first, e.g. \`(tenant_id, ${col.name})\`, and drop this one. Keep it only if one value is rare (a queue of unprocessed rows) and the queries ask for that value.`
          : `If queries look for the rare value, replace it with a partial index on the columns they sort or filter by, e.g. \`CREATE INDEX … ON ${table} (id) WHERE ${what.boolean ? col.name : `${col.name} = '…'`}\`; otherwise drop it: each write maintains it and the planner reads the table for the common value.`;
      ctx.report({
        messageId: 'lowSelectivity',
        data: { index: capitalize(describeIndex(ix)), table, column: col.name, what: what.text },
        at: ix,
        part: 'name',
        help,
      });
    }
  },
};

/** Is the column a boolean or an enum of at most MAX_VALUES values? Returns how to name it. */
function lowCardinality(schema: Schema, col: Column): { text: string; boolean: boolean } | undefined {
  const ty = col.type;
  if (ty.array) return undefined;
  if (ty.name === 'boolean') return { text: 'a boolean', boolean: true };
  if (schema.dialect === 'mysql') {
    // MySQL's BOOL/BOOLEAN is TINYINT(1); BIT(1) holds one bit.
    if ((ty.name === 'tinyint' || ty.name === 'bit') && ty.length === 1) return { text: 'a boolean', boolean: true };
    if (ty.name === 'enum' && ty.values && ty.values.length > 0 && ty.values.length <= MAX_VALUES) {
      return { text: `an enum of ${ty.values.length} values`, boolean: false };
    }
    return undefined;
  }
  if (schema.dialect === 'postgresql') {
    const dot = ty.name.lastIndexOf('.');
    const qn = dot > 0 ? { schema: ty.name.slice(0, dot), name: ty.name.slice(dot + 1) } : { name: ty.name };
    const e = schema.enums.get(nameKey(qn, 'postgresql'));
    if (e && e.values.length > 0 && e.values.length <= MAX_VALUES) return { text: `enum \`${displayName(e.name)}\` of ${e.values.length} values`, boolean: false };
  }
  return undefined;
}
