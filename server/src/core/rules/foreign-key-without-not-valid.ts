import type { Rule } from './types';
import type { ColumnDef } from '../model/types';
import { displayName, findTable } from '../model/schema';
import { quoteIdent } from '../fixes';
import { addedWithoutNotValid, notValidFix } from './_not-valid';

/**
 * PostgreSQL `ADD [CONSTRAINT …] FOREIGN KEY` without `NOT VALID`, in a migration, on a table that existed before the
 * file: PostgreSQL checks every existing row against the referenced table while holding SHARE ROW EXCLUSIVE on both,
 * which blocks their inserts, updates and deletes until it is done.
 *
 * `ADD COLUMN … REFERENCES` is flagged only when the new column has a value in every row (a default, serial,
 * generated): a new column without one is NULL everywhere and PostgreSQL skips the check.
 * PostgreSQL only: MySQL has no NOT VALID (InnoDB adds a foreign key in place only with `foreign_key_checks` off,
 * which skips the check of existing rows altogether; otherwise it copies the table, see table-rewrite).
 */
export const rule: Rule = {
  meta: {
    id: 'foreign-key-without-not-valid',
    type: 'problem',
    category: 'migrations',
    description: 'A foreign key added to an existing table should be added NOT VALID and validated later',
    dialects: ['postgresql'],
    defaultSeverity: 'warning',
    fixable: 'sometimes',
    messages: {
      constraint:
        'Foreign key `{{name}}` checks every row of `{{table}}` under SHARE ROW EXCLUSIVE locks on {{tables}}, which block their writes until the check ends',
      column:
        'Foreign key of new column `{{table}}.{{column}}` checks every row of `{{table}}` under SHARE ROW EXCLUSIVE locks on {{tables}}, which block their writes until the check ends',
    },
  },
  check(ctx) {
    const m = ctx.migrations;
    for (const a of addedWithoutNotValid(ctx, 'foreign')) {
      const c = a.constraint;
      if (a.column && !hasValues(a.column.column)) continue;
      // PostgreSQL before 18 refuses NOT VALID foreign keys on partitioned tables: no cheaper way to offer.
      if (m.postgresVersion < 18 && findTable(ctx.schema, a.fact.table)?.partitioned) continue;
      const table = displayName(a.fact.table);
      const target = c.references ? displayName(c.references.table) : undefined;
      const tables = target && target !== table ? `\`${table}\` and \`${target}\`` : `\`${table}\``;
      const q = (n: string) => quoteIdent(n, 'postgresql');
      const tq = q(a.fact.table.name);
      const name = a.name ?? `${a.fact.table.name}_${c.columns.join('_')}_fkey`;
      const later =
        `then \`ALTER TABLE ${tq} VALIDATE CONSTRAINT ${q(name)}\` in a later migration: it checks the existing rows under SHARE UPDATE EXCLUSIVE on \`${table}\` (and ROW SHARE on \`${target ?? table}\`), which let reads and writes go on. ` +
        `Run in the same transaction as the ADD, the VALIDATE would hold the ADD's lock until commit.`;
      const severity = m.isLarge(a.fact.table) ? ('error' as const) : undefined;
      const ref = c.references ? `${q(c.references.table.name)}${c.references.columns.length ? ` (${c.references.columns.map(q).join(', ')})` : ''}` : '…';
      if (a.column) {
        ctx.report({
          messageId: 'column',
          data: { table, column: a.column.column.name, tables },
          severity,
          at: c,
          part: 'keyword',
          help:
            `The column gets a value in every row (its default), so PostgreSQL checks them all; and it takes no NOT VALID on a column's REFERENCES. Add the column without the reference, then the key on its own: ` +
            `\`ALTER TABLE ${tq} ADD CONSTRAINT ${q(name)} FOREIGN KEY (${q(a.column.column.name)}) REFERENCES ${ref} NOT VALID\` (new rows are checked, existing ones not: a brief lock), ${later}`,
        });
        continue;
      }
      const title = `Add \`${name}\` NOT VALID and validate it separately`;
      ctx.report({
        messageId: 'constraint',
        data: { name, table, tables },
        severity,
        at: c,
        part: 'keyword',
        help: `Add it \`NOT VALID\` (new and updated rows are checked, existing ones not: the lock is brief), ${later}`,
        fixes: [notValidFix(ctx, a, title)],
      });
    }
  },
};

/**
 * Does the new column get a value in every existing row (a default, serial, generated)? Then PostgreSQL checks its
 * foreign key against them; a column without one is NULL everywhere and the check is skipped
 * (parse_utilcmd.c, transformAlterTableStmt: `skipValidation`).
 */
function hasValues(col: ColumnDef): boolean {
  return (col.default !== undefined && !/^\(*\s*null\s*\)*$/i.test(col.default.trim())) || !!col.generated || col.autoIncrement === 'serial';
}
