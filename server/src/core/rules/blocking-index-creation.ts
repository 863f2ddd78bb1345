import type { Rule } from './types';
import { displayName, findTable } from '../model/schema';
import { concurrentTransaction, indexReplay, migrationFacts, outsideTransaction, tableHasRows } from './_concurrent-index';

/**
 * PostgreSQL `CREATE INDEX` without `CONCURRENTLY`, in a migration, on a table that existed before the migration:
 * the build holds a SHARE lock, so every INSERT, UPDATE and DELETE on the table waits until it ends.
 * MySQL/InnoDB builds secondary indexes online (ALGORITHM=INPLACE, LOCK=NONE): not reported.
 */
export const rule: Rule = {
  meta: {
    id: 'blocking-index-creation',
    type: 'problem',
    category: 'migrations',
    description: 'Indexes on existing PostgreSQL tables should be built CONCURRENTLY in migrations',
    dialects: ['postgresql'],
    defaultSeverity: 'warning',
    fixable: 'sometimes',
    messages: {
      blocking: '`{{statement}}` holds a SHARE lock on `{{table}}`, blocking writes to it for the whole index build',
    },
  },
  check(ctx) {
    const noOps = indexReplay(ctx).noOps;
    for (const [r, f] of migrationFacts(ctx, 'createIndex')) {
      const ix = f.index;
      if (ix.concurrently || noOps.has(r) || !tableHasRows(ctx, r, ix.table)) continue;
      const t = findTable(ctx.schema, ix.table);
      // A partitioned parent cannot build CONCURRENTLY (its partitions can, one by one); a temporary table is private.
      if (!t || t.partitioned || t.temporary) continue;
      const table = displayName(ix.table);
      const statement = `CREATE ${ix.unique ? 'UNIQUE ' : ''}INDEX ${ix.name ?? 'ON ' + table}`;
      const tx = concurrentTransaction(ctx, r);
      const fix = tx.inTransaction ? undefined : ctx.fixes.addConcurrently(r.file, f.span, ix.name ? `Build \`${ix.name}\` CONCURRENTLY` : `Build the index on \`${table}\` CONCURRENTLY`);
      const outside = tx.inTransaction
        ? ` It cannot run inside a transaction block, and this one runs in one: ${outsideTransaction(tx.by)}.`
        : ' It cannot run inside a transaction block.';
      ctx.report({
        messageId: 'blocking',
        severity: ctx.migrations.isLarge(ix.table) ? 'error' : undefined,
        data: { statement, table },
        at: ix,
        part: 'keyword',
        help:
          `Use \`CREATE ${ix.unique ? 'UNIQUE ' : ''}INDEX CONCURRENTLY\`: it builds the index while writes go on (two table scans, more slowly).${outside}` +
          ' If it fails (a deadlock, a duplicate for a UNIQUE index) it leaves an INVALID index behind: drop it and run the statement again.',
        fixes: [fix],
      });
    }
  },
};
