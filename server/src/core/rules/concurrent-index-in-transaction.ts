import type { Rule } from './types';
import { displayName } from '../model/schema';
import { concurrentTransaction, outsideTransaction, transactionOpener } from './_concurrent-index';

/**
 * PostgreSQL `CREATE INDEX CONCURRENTLY` / `DROP INDEX CONCURRENTLY` in a migration that runs inside a transaction
 * block (an explicit BEGIN, or the framework's wrapping of the file): PostgreSQL refuses it ("cannot run inside a
 * transaction block"), so the migration fails. Whether the table is new does not matter.
 */
export const rule: Rule = {
  meta: {
    id: 'concurrent-index-in-transaction',
    type: 'problem',
    category: 'migrations',
    description: 'CONCURRENTLY index statements cannot run inside a transaction block',
    dialects: ['postgresql'],
    defaultSeverity: 'error',
    fixable: 'never',
    messages: {
      inTransaction: '`{{statement}}` cannot run inside a transaction block, and {{opener}} runs it in one',
    },
  },
  check(ctx) {
    for (const r of ctx.migrations.statements()) {
      for (const f of r.facts) {
        let statement: string;
        if (f.kind === 'createIndex' && f.index.concurrently)
          statement = `CREATE ${f.index.unique ? 'UNIQUE ' : ''}INDEX CONCURRENTLY ${f.index.name ?? 'ON ' + displayName(f.index.table)}`;
        else if (f.kind === 'dropIndex' && f.concurrently) statement = `DROP INDEX CONCURRENTLY ${f.names.map(displayName).join(', ')}`;
        else continue;
        const tx = concurrentTransaction(ctx, r);
        if (!tx.inTransaction) continue;
        ctx.report({
          messageId: 'inTransaction',
          data: { statement, opener: transactionOpener(tx.by) },
          at: f.kind === 'createIndex' ? f.index : { file: r.file, span: f.span },
          part: f.kind === 'createIndex' ? 'keyword' : undefined,
          help:
            (tx.by === 'flyway'
              ? 'Flyway refuses the migration: it cannot run this statement in a transaction, nor the others outside one'
              : 'PostgreSQL refuses it there and the migration fails') + `: ${outsideTransaction(tx.by)}.`,
        });
      }
    }
  },
};
