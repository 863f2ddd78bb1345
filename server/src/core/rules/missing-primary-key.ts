import type { Rule } from './types';
import { displayName, findColumn, primaryKey } from '../model/schema';

/**
 * A table without a primary key: rows cannot be addressed reliably, logical replication and most ORMs need one,
 * and InnoDB silently adds a hidden 6-byte row id that nothing can use.
 */
export const rule: Rule = {
  meta: {
    id: 'missing-primary-key',
    type: 'problem',
    category: 'integrity',
    description: 'Tables should have a primary key',
    dialects: ['postgresql', 'mysql', 'sqlite'],
    defaultSeverity: 'warning',
    fixable: 'never',
    messages: {
      missing: 'Table `{{table}}` has no primary key',
      missingWithCandidate: 'Table `{{table}}` has no primary key, though `({{columns}})` is unique and NOT NULL',
    },
  },
  checkTable(ctx, t) {
    // Not base tables of their own: partitions inherit keys from their parent, inheritance children likewise,
    // virtual/foreign tables and temporary tables are not stored rows that need identity; a table still being
    // typed (its `)` missing) may get its key in the elements still to come.
    if (primaryKey(t) || t.unclosed || t.partitionOf || (t.inherits && t.inherits.length) || t.virtual || t.temporary) return;
    const candidate = t.constraints.find(
      (c) => c.kind === 'unique' && c.columns.length > 0 && c.columns.every((n) => findColumn(t, n)?.nullable === false),
    ) ?? t.indexes.find((i) => i.unique && !i.where && i.keys.every((k) => k.column && findColumn(t, k.column)?.nullable === false));
    const cols = candidate ? ('columns' in candidate ? candidate.columns : candidate.keys.map((k) => k.column!)) : [];
    const help =
      t.dialect === 'sqlite'
        ? 'Declare a PRIMARY KEY; an `id INTEGER PRIMARY KEY` column aliases the rowid, so it costs nothing.'
        : t.dialect === 'mysql'
          ? 'Declare a PRIMARY KEY (for example `id BIGINT UNSIGNED AUTO_INCREMENT PRIMARY KEY`); without one InnoDB clusters rows on a hidden row id no query can use.'
          : 'Declare a PRIMARY KEY (for example `id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY`); logical replication cannot replicate UPDATE/DELETE of a table without one.';
    ctx.report({
      messageId: candidate ? 'missingWithCandidate' : 'missing',
      data: { table: displayName(t.name), columns: cols.join(', ') },
      at: t,
      part: 'name',
      help: candidate ? `Declare \`(${cols.join(', ')})\` as the PRIMARY KEY instead of a UNIQUE key.` : help,
    });
  },
};
