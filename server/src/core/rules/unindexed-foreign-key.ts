import type { Rule } from './types';
import { displayName, findColumn, findTable } from '../model/schema';
import { indexesOf, servesLookup } from '../model/indexes';

/**
 * A foreign key whose columns do not lead any index: every DELETE or key UPDATE on the referenced table scans
 * the referencing table to check for rows, and joins from parent to children cannot use an index.
 * Not for a key MySQL/MariaDB declares: InnoDB creates the index itself (and MyISAM ignores FKs). A relation kept by the
 * ORM only (Prisma `relationMode = "prisma"`) has no constraint, so nothing creates that index in any database.
 */
export const rule: Rule = {
  meta: {
    id: 'unindexed-foreign-key',
    type: 'problem',
    category: 'indexing',
    description: 'Foreign key columns should be the leading columns of an index',
    dialects: ['postgresql', 'sqlite', 'mysql'],
    defaultSeverity: 'warning',
    fixable: 'sometimes',
    messages: {
      unindexed: 'Foreign key `{{table}}({{columns}})` → `{{target}}` has no index leading with its columns',
    },
  },
  checkTable(ctx, t) {
    {
      if (t.virtual || t.temporary) return;
      const parent = t.partitionOf ? findTable(ctx.schema, t.partitionOf) : undefined;
      const indexes = [...indexesOf(t), ...(parent ? indexesOf(parent) : [])];
      for (const fk of t.constraints) {
        if (fk.kind !== 'foreign' || fk.columns.length === 0 || !fk.references) continue;
        if (t.dialect === 'mysql' && !fk.notEnforced) continue;
        if (indexes.some((ix) => servesLookup(ix, fk.columns, t.dialect))) continue;
        const col = fk.inline && fk.columns.length === 1 ? findColumn(t, fk.columns[0]) : undefined;
        const target = `${displayName(fk.references.table)}${fk.references.columns.length ? `(${fk.references.columns.join(', ')})` : ''}`;
        // Only a table that may already hold rows needs the non-blocking build (and a migration outside a transaction).
        const concurrently = t.dialect === 'postgresql' && ctx.tableExistedBeforeFile(fk) === true;
        const fix = ctx.fixes.addIndex(t, fk.columns, fk);
        const where = !fix && ctx.isMigrationFile(fk.origin.file) ? ' in a new migration (editing this one would not change the databases it has already run on)' : '';
        const referenced = `\`${displayName(fk.references.table)}\``;
        ctx.report({
          messageId: 'unindexed',
          data: { table: displayName(t.name), columns: fk.columns.join(', '), target },
          at: col ?? fk,
          part: col ? 'name' : 'columns',
          help:
            `Add an index on \`${displayName(t.name)}(${fk.columns.join(', ')})\`${where}: without it, each delete or key update of a row in ${referenced} scans all of \`${displayName(t.name)}\`` +
            (concurrently ? '. The table exists before this migration, so build it with CREATE INDEX CONCURRENTLY, outside a transaction.' : '.') +
            (fk.notEnforced ? ' The relation is kept by the ORM (relationMode "prisma"): the database has no foreign key, so it creates no index for it either.' : ''),
          fixes: [fix],
        });
      }
    }
  },
};
