import type { Rule } from './types';
import { displayName } from '../model/schema';
import { describeIndex, describeKeys, indexesOf } from '../model/indexes';
import { capitalize } from './duplicate-index';

/**
 * A table with more indexes than the configured maximum: every INSERT and DELETE (and every UPDATE of an indexed
 * column) writes each of them. Counted: the primary key, each UNIQUE constraint and every explicit index, whatever
 * its method — all are structures the database maintains on write. Not counted: indexes the database creates
 * implicitly (MySQL's foreign key indexes), which the model does not know of.
 */
export const rule: Rule = {
  meta: {
    id: 'excessive-indexes',
    type: 'suggestion',
    category: 'performance',
    description: 'Tables with many indexes pay for each of them on every write',
    dialects: ['postgresql', 'mysql', 'sqlite'],
    defaultSeverity: 'hint',
    fixable: 'never',
    messages: {
      tooMany: 'Table `{{table}}` has {{count}} indexes, more than {{max}}',
    },
    options: {
      max: {
        type: 'number',
        default: 8,
        description: 'Most indexes a table may have, counting its primary key, unique constraints and explicit indexes.',
      },
    },
  },
  checkTable(ctx, t) {
    const raw = ctx.options.max;
    const max = typeof raw === 'number' && Number.isFinite(raw) && raw >= 0 ? Math.floor(raw) : 8;
    if (t.unclosed || t.virtual || t.temporary) return;
    const all = indexesOf(t);
    if (all.length <= max) return;
    const table = displayName(t.name);
    ctx.report({
      messageId: 'tooMany',
      data: { table, count: all.length, max },
      at: t,
      part: 'name',
      help:
        `Each insert and delete on \`${table}\` writes all ${all.length} indexes, and each update of an indexed column writes those that hold it. ` +
        'Look for indexes no query uses (PostgreSQL: `pg_stat_user_indexes.idx_scan = 0`; MySQL: `sys.schema_unused_indexes`) and for ones another index already serves, and drop them.',
      related: all.map((ix) => ({
        at: ix,
        part: 'name' as const,
        message: ix.name || ix.kind === 'primary' ? `${capitalize(describeIndex(ix))} on \`(${describeKeys(ix.keys)})\`` : capitalize(describeIndex(ix)),
      })),
    });
  },
};
