import type { Rule } from './types';
import { displayName } from '../model/schema';
import { quoteIdent } from '../fixes';
import { addedWithoutNotValid, notValidFix } from './_not-valid';

/**
 * PostgreSQL `ADD [CONSTRAINT …] CHECK (…)` without `NOT VALID`, in a migration, on a table that existed before the
 * file: PostgreSQL evaluates the expression on every existing row while holding ACCESS EXCLUSIVE, which blocks reads
 * and writes of the table until it is done.
 *
 * Only table constraints: a `CHECK` written on an `ADD COLUMN` takes no NOT VALID, and on a column without a
 * default it sees NULL in every row. PostgreSQL only: MySQL (8.0.16+) has no NOT VALID (an enforced CHECK is
 * evaluated on every existing row when added; how the ALTER locks the table is table-rewrite's to say).
 */
export const rule: Rule = {
  meta: {
    id: 'check-without-not-valid',
    type: 'problem',
    category: 'migrations',
    description: 'A CHECK constraint added to an existing table should be added NOT VALID and validated later',
    dialects: ['postgresql'],
    defaultSeverity: 'warning',
    fixable: 'sometimes',
    messages: {
      scan: 'Check constraint `{{name}}` is tested on every row of `{{table}}` under an ACCESS EXCLUSIVE lock, which blocks its reads and writes until the scan ends',
      unnamed: 'An unnamed check constraint is tested on every row of `{{table}}` under an ACCESS EXCLUSIVE lock, which blocks its reads and writes until the scan ends',
    },
  },
  check(ctx) {
    const m = ctx.migrations;
    for (const a of addedWithoutNotValid(ctx, 'check')) {
      if (a.column) continue;
      const table = displayName(a.fact.table);
      const q = (n: string) => quoteIdent(n, 'postgresql');
      // Written, or the one PostgreSQL generates (`tab_col_check` when the expression reads one column, else
      // `tab_check`), as the model names it; unknown when the constraint is gone from the final schema.
      const name = a.name;
      const validate = name
        ? `then \`ALTER TABLE ${q(a.fact.table.name)} VALIDATE CONSTRAINT ${q(name)}\` in a later migration`
        : `name it (\`ADD CONSTRAINT <name> CHECK …\`) and \`VALIDATE CONSTRAINT <name>\` in a later migration`;
      ctx.report({
        messageId: name ? 'scan' : 'unnamed',
        data: name ? { name, table } : { table },
        severity: m.isLarge(a.fact.table) ? 'error' : undefined,
        at: a.constraint,
        part: 'keyword',
        help:
          `Add it \`NOT VALID\` (new and updated rows are checked, existing ones not: the ACCESS EXCLUSIVE lock is brief), ` +
          `${validate}: it tests the existing rows under SHARE UPDATE EXCLUSIVE, which lets reads and writes go on. ` +
          `Run in the same transaction as the ADD, the VALIDATE would hold the ADD's lock until commit.`,
        fixes: [name ? notValidFix(ctx, a, `Add \`${name}\` NOT VALID and validate it separately`) : undefined],
      });
    }
  },
};
