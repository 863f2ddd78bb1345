import type { Rule } from './types';
import type { ConstraintDef } from '../model/types';
import { displayName, findTable } from '../model/schema';
import { makeObjectName } from '../model/names';
import { migrationFacts, tableHasRows } from './_concurrent-index';

/**
 * PostgreSQL `ALTER TABLE … ADD [CONSTRAINT …] UNIQUE | PRIMARY KEY (…)` (or `ADD COLUMN … UNIQUE`), in a migration,
 * on a table that existed before the migration, without `USING INDEX`: the unique index is built while the ALTER
 * TABLE holds its ACCESS EXCLUSIVE lock, so nobody reads or writes the table for the whole build. Building the
 * index CONCURRENTLY first and attaching it with `USING INDEX` takes that lock only briefly.
 */
export const rule: Rule = {
  meta: {
    id: 'unique-constraint-addition',
    type: 'problem',
    category: 'migrations',
    description: 'Unique constraints and primary keys on existing PostgreSQL tables should be added USING INDEX',
    dialects: ['postgresql'],
    defaultSeverity: 'warning',
    fixable: 'never',
    messages: {
      adding: 'Adding {{what}} on `{{table}}({{columns}})` builds its index under an ACCESS EXCLUSIVE lock, blocking reads and writes for the whole build',
    },
  },
  check(ctx) {
    for (const [r, f] of migrationFacts(ctx, 'alterTable')) {
      if (!tableHasRows(ctx, r, f.table)) continue;
      const t = findTable(ctx.schema, f.table);
      // USING INDEX is not available for a partitioned table.
      if (!t || t.partitioned || t.temporary) continue;
      const table = displayName(f.table);
      const added: { c: ConstraintDef; column?: string }[] = [];
      for (const a of f.actions) {
        if (a.action === 'addConstraint') added.push({ c: a.constraint });
        else if (a.action === 'addColumn') for (const c of a.constraints) added.push({ c, column: a.column.name });
      }
      for (const { c, column } of added) {
        if ((c.kind !== 'unique' && c.kind !== 'primary') || c.usingIndex || c.columns.length === 0) continue;
        const primary = c.kind === 'primary';
        const label = primary ? 'primary key' : 'unique constraint';
        const cols = c.columns.join(', ');
        const name = c.name ?? makeObjectName(f.table.name, primary ? undefined : c.columns.join('_'), primary ? 'pkey' : 'key');
        const first = column ? `Add \`${column}\` without ${primary ? 'PRIMARY KEY' : 'UNIQUE'}, then build` : 'Build';
        ctx.report({
          messageId: 'adding',
          severity: ctx.migrations.isLarge(f.table) ? 'error' : undefined,
          data: { what: c.name ? `${label} \`${c.name}\`` : `a ${label}`, table, columns: cols },
          at: c,
          part: 'keyword',
          help:
            `${first} the index without blocking writes, outside a transaction block: \`CREATE UNIQUE INDEX CONCURRENTLY ${name} ON ${table} (${cols});\`, ` +
            `then attach it, which takes the lock only briefly: \`ALTER TABLE ${table} ADD CONSTRAINT ${name} ${primary ? 'PRIMARY KEY' : 'UNIQUE'} USING INDEX ${name};\`.` +
            (primary ? ' The columns must be NOT NULL already, or PostgreSQL scans the table to set it under the same lock.' : ''),
        });
      }
    }
  },
};
