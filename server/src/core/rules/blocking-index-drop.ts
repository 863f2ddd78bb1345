import type { Rule } from './types';
import { displayName, findTable } from '../model/schema';
import { concurrentTransaction, indexReplay, migrationFacts, outsideTransaction } from './_concurrent-index';

/**
 * PostgreSQL `DROP INDEX` without `CONCURRENTLY`, in a migration, of an index on a table that existed before the
 * migration: it takes an ACCESS EXCLUSIVE lock on the table, which waits for every running query on it and makes
 * every later one wait in turn. `DROP INDEX` names no table: the index's table comes from replaying the
 * `CREATE INDEX` statements (an index the replay does not know is not reported).
 */
export const rule: Rule = {
  meta: {
    id: 'blocking-index-drop',
    type: 'problem',
    category: 'migrations',
    description: 'Indexes of existing PostgreSQL tables should be dropped CONCURRENTLY in migrations',
    dialects: ['postgresql'],
    defaultSeverity: 'warning',
    fixable: 'sometimes',
    messages: {
      blocking: '`DROP INDEX {{index}}` takes an ACCESS EXCLUSIVE lock on `{{table}}`, blocking its reads and writes while it waits and runs',
    },
  },
  check(ctx) {
    const drops = indexReplay(ctx).drops;
    for (const [r, f] of migrationFacts(ctx, 'dropIndex')) {
      if (f.concurrently) continue;
      const hit = drops.get(r)?.find((d) => {
        const t = d.tableHasRows ? findTable(ctx.schema, d.table) : undefined;
        // Indexes of a partitioned parent cannot be dropped CONCURRENTLY.
        return d.tableHasRows && !(t?.partitioned || t?.temporary);
      });
      if (!hit) continue;
      const table = displayName(hit.table);
      const tx = concurrentTransaction(ctx, r);
      // CONCURRENTLY drops one index, without CASCADE (the builder checks the latter).
      const fix = tx.inTransaction || f.names.length > 1 ? undefined : ctx.fixes.addConcurrently(r.file, f.span, `Drop \`${hit.name.name}\` CONCURRENTLY`);
      const how =
        f.names.length > 1
          ? ' It drops one index per statement: write one `DROP INDEX CONCURRENTLY` for each.'
          : tx.inTransaction
            ? ` It cannot run inside a transaction block, and this one runs in one: ${outsideTransaction(tx.by)}.`
            : ' It cannot run inside a transaction block, nor with CASCADE.';
      ctx.report({
        messageId: 'blocking',
        severity: ctx.migrations.isLarge(hit.table) ? 'error' : undefined,
        data: { index: f.names.map(displayName).join(', '), table },
        at: { file: r.file, span: f.span },
        help: `Use \`DROP INDEX CONCURRENTLY\`: it waits for the queries using the index to finish without blocking new ones.${how}`,
        fixes: [fix],
      });
    }
  },
};
